import { screen, waitFor } from '@testing-library/react';
import type { MeResponse } from '@spfwatch/contracts';
import { installFakeFetch, type FakeCall } from '../../test/fake-fetch';
import { renderWithProviders } from '../../test/render-with-providers';
import SettingsPage from './settings-page';

const me = (role: MeResponse['role']): MeResponse => ({
  via: 'session',
  user: { id: 'u1', email: 'a@agency.example', name: 'A' },
  tokenName: null,
  organization: { id: 'o1', name: 'Agency', slug: 'agency' },
  role,
  clientIds: role === 'client_viewer' ? ['c1'] : null,
  memberships: [],
});

const failedPage = (c: FakeCall) => {
  const failed = c.query.get('status') === 'failed';
  const total = failed ? (c.query.get('kind') === 'alerts' ? 2 : 0) : 0;
  return { items: total ? [{ id: 'n1', createdAt: '2026-11-22T08:00:00.000Z' }] : [], total, page: 1, pageSize: 1 };
};

const routes = (role: MeResponse['role']) => ({
  'GET /api/auth/me': () => me(role),
  'GET /api/organization': () => ({ id: 'o1', name: 'Agency', slug: 'agency', timeZone: 'UTC' }),
  'GET /api/clients': () => ({ items: [], total: 0 }),
  'GET /api/alert-policies': () => ({ effective: { thresholds: { lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3, voidLimit: 2 }, types: {} }, policies: [] }),
  'GET /api/notification-channels': () => ({ items: [], total: 0 }),
  'GET /api/notifications': failedPage,
});

describe('SettingsPage tabs', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('the Notifications tab counts alerts and reports that failed after every retry', async () => {
    fake = installFakeFetch(routes('owner'));
    renderWithProviders(<SettingsPage />, { path: '/settings?tab=notifications' });
    expect(await screen.findByRole('link', { name: 'Notifications (2 failed)' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Users' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Backup' })).toBeInTheDocument();
  });

  it('members get the Notifications tab (deliveries) but not the admin tabs', async () => {
    fake = installFakeFetch(routes('member'));
    renderWithProviders(<SettingsPage />, { path: '/settings?tab=notifications' });
    expect(await screen.findByRole('link', { name: /^Notifications/ })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Backup' })).toBeNull();
  });

  it('a client viewer who types ?tab=notifications stays on General and nothing asks for deliveries (the API answers 404)', async () => {
    fake = installFakeFetch(routes('client_viewer'));
    renderWithProviders(<SettingsPage />, { path: '/settings?tab=notifications' });
    await waitFor(() => expect(fake!.calls.some((c) => c.path === '/api/auth/me')).toBe(true));
    expect(await screen.findByRole('link', { name: 'General' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('link', { name: /Notifications/ })).toBeNull();
    expect(fake.calls.some((c) => c.path === '/api/notifications' || c.path === '/api/notification-channels')).toBe(false);
  });
});
