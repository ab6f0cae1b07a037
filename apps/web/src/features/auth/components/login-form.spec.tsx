import { fireEvent, screen, waitFor } from '@testing-library/react';
import { installFakeFetch, reply } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { LoginForm } from './login-form';

function fillAndSubmit(email = 'ops@agency.example', password = 'correct horse battery'): void {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  it('says only "wrong email or password" on a 401, whatever was wrong', async () => {
    const fake = installFakeFetch({ 'POST /api/auth/login': () => reply(401, { error: 'unauthorized', message: 'Wrong email or password' }) });
    restore = fake.restore;
    const onSignedIn = jest.fn();
    renderWithProviders(<LoginForm onSignedIn={onSignedIn} />);
    fillAndSubmit('  Ops@Agency.example ', 'nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(fake.calls[0]?.body).toEqual({ email: 'Ops@Agency.example', password: 'nope' });
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('tells how long to wait when sign-ins are throttled (429 with Retry-After)', async () => {
    const fake = installFakeFetch({
      'POST /api/auth/login': () => reply(429, { error: 'too_many_requests', message: 'Too many failed sign-ins: try again in 840 s', details: { retryAfterSeconds: 840 } }),
    });
    restore = fake.restore;
    renderWithProviders(<LoginForm onSignedIn={jest.fn()} />);
    fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed sign-ins. Try again in 14 minutes.');
  });

  it('says when the server cannot be reached', async () => {
    const original = globalThis.fetch;
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    restore = () => void (globalThis.fetch = original);
    renderWithProviders(<LoginForm onSignedIn={jest.fn()} />);
    fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('cannot be reached');
  });

  it('keeps the button disabled until both fields are filled, then signs in', async () => {
    const me = { via: 'session', user: { id: 'u1', email: 'ops@agency.example', name: 'Ops' }, tokenName: null, organization: { id: 'o1', name: 'Agency', slug: 'agency' }, role: 'owner', clientIds: null, memberships: [], csrfToken: 'c', expiresAt: '2026-01-01T00:00:00Z' };
    const fake = installFakeFetch({ 'POST /api/auth/login': () => me });
    restore = fake.restore;
    const onSignedIn = jest.fn();
    renderWithProviders(<LoginForm onSignedIn={onSignedIn} />);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled();
    fillAndSubmit();
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(me));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
