import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '@spfwatch/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors, isApiError } from '../../api/http';
import { ErrorState, LoadingState } from '../../components/states';
import { useAcceptInvitation } from './api/accept-invitation';
import { meQueryOptions } from './api/get-me';
import { useInvitation } from './api/get-invitation';
import { AuthLayout } from './components/auth-layout';
import { loginErrorMessage } from './utils/auth-errors';
import { roleLabel } from './utils/roles';

export default function InvitePage() {
  const { token = '' } = useParams();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  if (invitation.isPending) return <LoadingState label="Loading the invitation" />;
  if (invitation.isError) {
    const gone = isApiError(invitation.error) && (invitation.error.status === 404 || invitation.error.status === 410);
    return (
      <AuthLayout title="Invitation">
        {gone ? (
          <p role="alert">This invitation link is not valid any more: it was used, revoked or has expired. Ask for a new one.</p>
        ) : (
          <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />
        )}
        <p>
          <Link to="/login">Sign in</Link>
        </p>
      </AuthLayout>
    );
  }
  const { existingAccount } = invitation.data;
  const errors = fieldErrors(accept.error);
  const tooShort = !existingAccount && password.length > 0 && password.length < PASSWORD_MIN_LENGTH;
  const general = accept.isError && Object.keys(errors).length === 0 ? (existingAccount ? loginErrorMessage(accept.error) : accept.error.message) : null;
  const canSubmit = existingAccount ? password.length > 0 : name.trim().length > 0 && password.length >= PASSWORD_MIN_LENGTH;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!canSubmit) return;
    accept.mutate(existingAccount ? { password } : { name: name.trim(), password }, {
      onSuccess: (me) => {
        const { csrfToken: _csrf, expiresAt: _expires, ...rest } = me;
        queryClient.setQueryData(meQueryOptions().queryKey, rest);
        void navigate('/', { replace: true });
      },
    });
  };
  return (
    <AuthLayout title={`Join ${invitation.data.organizationName}`}>
      <p>
        <strong>{invitation.data.email}</strong> is invited as <strong>{roleLabel(invitation.data.role)}</strong>.
        {existingAccount ? ' You already have an account: confirm with its password.' : ' Choose your name and a password.'}
      </p>
      <form onSubmit={submit} className="stack" aria-label="Accept the invitation" noValidate>
        {existingAccount ? null : (
          <div className="field">
            <label htmlFor="invite-name">Your name</label>
            <input id="invite-name" type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
            {errors.name ? <span className="field-error">{errors.name}</span> : null}
          </div>
        )}
        <div className="field">
          <label htmlFor="invite-password">
            {existingAccount ? 'Current password' : 'Password'}
            {existingAccount ? null : <span className="field-hint"> — at least {PASSWORD_MIN_LENGTH} characters</span>}
          </label>
          <input
            id="invite-password"
            type="password"
            autoComplete={existingAccount ? 'current-password' : 'new-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            aria-invalid={tooShort || errors.password ? true : undefined}
            aria-describedby={tooShort || errors.password ? 'invite-password-error' : undefined}
          />
          {tooShort || errors.password ? (
            <span id="invite-password-error" className="field-error">
              {errors.password ?? `At least ${PASSWORD_MIN_LENGTH} characters`}
            </span>
          ) : null}
        </div>
        {general ? (
          <p className="field-error" role="alert">
            {general}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={accept.isPending || !canSubmit}>
          {accept.isPending ? 'Joining…' : 'Accept and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
