import { useState, type FormEvent } from 'react';
import type { LoginResponse } from '@spfwatch/contracts';
import { useLogin } from '../api/login';
import { loginErrorMessage } from '../utils/auth-errors';

export function LoginForm({ onSignedIn }: { onSignedIn: (me: LoginResponse) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const error = login.isError ? loginErrorMessage(login.error) : null;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!email.trim() || !password) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: (me) => onSignedIn(me) });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Sign in" noValidate>
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required aria-invalid={error ? true : undefined} aria-describedby={error ? 'login-error' : undefined} />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input id="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required aria-invalid={error ? true : undefined} aria-describedby={error ? 'login-error' : undefined} />
      </div>
      {error ? (
        <p id="login-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={login.isPending || !email.trim() || !password}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
