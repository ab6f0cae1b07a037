import { useNavigate } from 'react-router';
import { useMe } from '../api/get-me';
import { useLogout } from '../api/logout';
import { roleLabel } from '../utils/roles';

/** Who is signed in, with which role, and the way out. */
export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me.data) return null;
  const who = me.data.user?.name ?? me.data.tokenName ?? 'Signed in';
  return (
    <details className="user-menu">
      <summary aria-label={`Account: ${who}, ${roleLabel(me.data.role)}`}>
        <span className="user-menu-name">{who}</span> <span className="badge">{roleLabel(me.data.role)}</span>
      </summary>
      <div className="user-menu-panel">
        <p>
          <strong>{who}</strong>
          {me.data.user ? <span className="muted small"> {me.data.user.email}</span> : null}
        </p>
        <p className="muted small">
          {roleLabel(me.data.role)} · {me.data.organization.name}
        </p>
        <button type="button" className="btn btn-small" disabled={logout.isPending} onClick={() => {
            // To /login first: the signed-in pages unmount and stop polling before the session ends.
            void navigate('/login', { replace: true });
            logout.mutate();
          }}
        >
          Sign out
        </button>
      </div>
    </details>
  );
}
