import type { Role } from '@spfwatch/contracts';
import { ROLES } from '@spfwatch/contracts';
import { useState, type FormEvent } from 'react';
import { useClients } from '../../../api/get-clients';
import { fieldErrors } from '../../../api/http';
import { CopyButton } from '../../../components/copy-button';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDate } from '../../../utils/format';
import { useMe } from '../../auth/api/get-me';
import { useRole } from '../../auth/api/use-role';
import { hasRole, roleLabel } from '../../auth/utils/roles';
import { useCreateInvitation } from '../api/create-invitation';
import { useInvitations } from '../api/get-invitations';
import { useUsers } from '../api/get-users';
import { useRemoveUser } from '../api/remove-user';
import { useRevokeInvitation } from '../api/revoke-invitation';
import { useUpdateUser } from '../api/update-user';
import { ClientPicker } from './client-picker';

/** Roles someone with `role` may hand out: nobody grants more than they have. */
function grantable(role: Role | undefined): Role[] {
  return ROLES.filter((r) => r === 'client_viewer' || (role !== undefined && role !== 'client_viewer' && hasRole(role, r)));
}

function InviteForm() {
  const { role } = useRole();
  const clients = useClients();
  const invite = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [newRole, setNewRole] = useState<Role>('member');
  const [clientIds, setClientIds] = useState<string[]>([]);
  const errors = fieldErrors(invite.error);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), role: newRole, ...(newRole === 'client_viewer' ? { clientIds } : {}) }, { onSuccess: () => (setEmail(''), setClientIds([])) });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Invite someone">
      <div className="filters">
        <div className="field field-grow">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={errors.email ? true : undefined} />
          {errors.email ? <span className="field-error">{errors.email}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={newRole} onChange={(e) => setNewRole(e.target.value as Role)}>
            {grantable(role).map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={invite.isPending || !email.trim() || (newRole === 'client_viewer' && clientIds.length === 0)}>
          Invite
        </button>
      </div>
      {newRole === 'client_viewer' ? <ClientPicker clients={clients.data?.items ?? []} value={clientIds} onChange={setClientIds} legend="Clients they may see" /> : null}
      {errors.clientIds ? <span className="field-error">{errors.clientIds}</span> : null}
      {invite.isError && Object.keys(errors).length === 0 ? (
        <p className="field-error" role="alert">
          {invite.error.message}
        </p>
      ) : null}
      {invite.data ? (
        <div className="notice" role="status" data-testid="invite-link">
          <p>
            Send this link to <strong>{invite.data.email}</strong> (shown once, valid until {formatDate(invite.data.expiresAt)}):
          </p>
          <p className="row">
            <code style={{ wordBreak: 'break-all' }}>{invite.data.link}</code> <CopyButton text={invite.data.link} label="Copy link" />
          </p>
        </div>
      ) : null}
    </form>
  );
}

function Invitations() {
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  if (invitations.isPending) return <LoadingState label="Loading invitations" />;
  if (invitations.isError) return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const pending = invitations.data.items.filter((i) => i.status === 'pending');
  if (pending.length === 0) return <p className="muted">No pending invitations.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Pending invitations">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Expires</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pending.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td>
              <td>{roleLabel(i.role)}</td>
              <td>{formatDate(i.expiresAt)}</td>
              <td>
                <button type="button" className="btn btn-small" disabled={revoke.isPending} onClick={() => revoke.mutate(i.id)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UsersTab() {
  const users = useUsers();
  const me = useMe();
  const clients = useClients();
  const isOwner = useRole().can('owner');
  const update = useUpdateUser();
  const remove = useRemoveUser();
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const clientName = (id: string): string => clients.data?.items.find((c) => c.id === id)?.name ?? id;
  const actionError = update.error ?? remove.error;
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">People</h2>
        {users.isPending ? (
          <LoadingState label="Loading people" />
        ) : users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : users.data.items.length === 0 ? (
          <EmptyState title="Nobody yet" />
        ) : (
          <div className="table-wrap">
            <table aria-label="People">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Joined</th>
                  {isOwner ? (
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.name}
                      <div className="muted small">{u.email}</div>
                    </td>
                    <td>
                      {isOwner && u.id !== me.data?.user?.id && u.role !== 'client_viewer' ? (
                        <select aria-label={`Role of ${u.name}`} value={u.role} disabled={update.isPending} onChange={(e) => update.mutate({ id: u.id, body: { role: e.target.value as Role } })}>
                          {ROLES.filter((r) => r !== 'client_viewer').map((r) => (
                            <option key={r} value={r}>
                              {roleLabel(r)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        roleLabel(u.role)
                      )}
                      {u.clientIds.length > 0 ? <div className="muted small">{u.clientIds.map(clientName).join(', ')}</div> : null}
                    </td>
                    <td>{formatDate(u.joinedAt)}</td>
                    {isOwner ? (
                      <td>
                        {u.id === me.data?.user?.id ? null : confirmId === u.id ? (
                          <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate(u.id, { onSettled: () => setConfirmId(null) })}>
                            Confirm removal of {u.name}
                          </button>
                        ) : (
                          <button type="button" className="btn btn-small" onClick={() => setConfirmId(u.id)}>
                            Remove
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {actionError ? (
          <p className="field-error" role="alert">
            {actionError.message}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite someone</h2>
        <InviteForm />
        <h3>Pending invitations</h3>
        <Invitations />
      </section>
    </div>
  );
}
