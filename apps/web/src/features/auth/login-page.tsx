import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoadingState } from '../../components/states';
import { useSetupStatus } from './api/get-setup-status';
import { meQueryOptions } from './api/get-me';
import { AuthLayout } from './components/auth-layout';
import { LoginForm } from './components/login-form';
import { safeNext } from './utils/auth-errors';

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const setup = useSetupStatus();
  const next = safeNext(params.get('next'));
  if (setup.isPending) return <LoadingState label="Loading" />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  return (
    <AuthLayout title="Sign in">
      <LoginForm
        onSignedIn={(me) => {
          const { csrfToken: _csrf, expiresAt: _expires, ...rest } = me;
          queryClient.setQueryData(meQueryOptions().queryKey, rest);
          void navigate(next, { replace: true });
        }}
      />
    </AuthLayout>
  );
}
