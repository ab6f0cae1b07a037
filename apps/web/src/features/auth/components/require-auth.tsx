import { Navigate, Outlet, useLocation } from 'react-router';
import { isApiError, loginPath } from '../../../api/http';
import { ErrorState, LoadingState } from '../../../components/states';
import { useMe } from '../api/get-me';
import { useSetupStatus } from '../api/get-setup-status';

/** Signed-in pages only: no owner yet → /setup; no session → /login?next=…. */
export function RequireAuth() {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (me.isPending || setup.isPending) return <LoadingState label="Loading" />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to={loginPath(`${location.pathname}${location.search}`)} replace />;
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  return <Outlet />;
}
