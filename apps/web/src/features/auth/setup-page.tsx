import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '@spfwatch/contracts';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { fieldErrors, isApiError } from '../../api/http';
import { ErrorState, LoadingState } from '../../components/states';
import { useCompleteSetup } from './api/complete-setup';
import { meQueryOptions } from './api/get-me';
import { setupStatusQueryOptions, useSetupStatus } from './api/get-setup-status';
import { AuthLayout } from './components/auth-layout';

function setupErrorMessage(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error) && error.status === 403) return 'That setup token is not the one in the server log. Copy it again (a restart prints a new one).';
  if (isApiError(error) && error.status === 409) return 'An owner exists already: sign in instead.';
  return error instanceof Error ? error.message : 'Setup failed.';
}

export default function SetupPage() {
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ token: '', name: '', email: '', password: '', organizationName: '' });
  if (status.isPending) return <LoadingState label="Loading" />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needed && !setup.isSuccess) return <Navigate to="/login" replace />;

  const errors = fieldErrors(setup.error);
  const shortPassword = form.password.length > 0 && form.password.length < PASSWORD_MIN_LENGTH;
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (form.password.length < PASSWORD_MIN_LENGTH) return;
    setup.mutate(
      { token: form.token.trim(), name: form.name.trim(), email: form.email.trim(), password: form.password, ...(form.organizationName.trim() ? { organizationName: form.organizationName.trim() } : {}) },
      {
        onSuccess: (me) => {
          const { csrfToken: _csrf, expiresAt: _expires, ...rest } = me;
          queryClient.setQueryData(setupStatusQueryOptions().queryKey, { needed: false });
          queryClient.setQueryData(meQueryOptions().queryKey, rest);
          void navigate('/', { replace: true });
        },
      },
    );
  };
  const general = Object.keys(errors).length === 0 ? setupErrorMessage(setup.error) : null;
  const field = (key: keyof typeof form, label: string, type: string, autoComplete: string, hint?: string) => {
    const error = errors[key] ?? (key === 'password' && shortPassword ? `At least ${PASSWORD_MIN_LENGTH} characters` : undefined);
    return (
      <div className="field">
        <label htmlFor={`setup-${key}`}>
          {label}
          {hint ? <span className="field-hint"> — {hint}</span> : null}
        </label>
        <input id={`setup-${key}`} type={type} autoComplete={autoComplete} value={form[key]} onChange={set(key)} aria-invalid={error ? true : undefined} aria-describedby={error ? `setup-${key}-error` : undefined} required={key !== 'organizationName'} />
        {error ? (
          <span id={`setup-${key}-error`} className="field-error">
            {error}
          </span>
        ) : null}
      </div>
    );
  };
  return (
    <AuthLayout title="Set up spfwatch">
      <p className="muted">
        Create the first owner account. The one-time setup token is printed in the server log at start (<code>No owner account yet…</code>).
      </p>
      <form onSubmit={submit} className="stack" aria-label="First-run setup" noValidate>
        {field('token', 'Setup token', 'text', 'off', 'from the server log')}
        {field('name', 'Your name', 'text', 'name')}
        {field('email', 'Email', 'email', 'username')}
        {field('password', 'Password', 'password', 'new-password', `at least ${PASSWORD_MIN_LENGTH} characters`)}
        {field('organizationName', 'Organization name', 'text', 'organization', 'optional')}
        {general ? (
          <p className="field-error" role="alert">
            {general}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={setup.isPending || !form.token.trim() || !form.name.trim() || !form.email.trim() || form.password.length < PASSWORD_MIN_LENGTH}>
          {setup.isPending ? 'Creating…' : 'Create owner account'}
        </button>
      </form>
    </AuthLayout>
  );
}
