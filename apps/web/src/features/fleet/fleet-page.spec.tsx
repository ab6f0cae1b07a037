import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { CycleProgress, FleetDomainPage, FleetSummary, MeResponse } from '@spfwatch/contracts';
import { installFakeFetch, reply } from '../../test/fake-fetch';
import { renderWithProviders } from '../../test/render-with-providers';
import FleetPage from './fleet-page';

const EMPTY_SUMMARY: FleetSummary = {
  total: 0,
  paused: 0,
  counts: { ok: 0, warning: 0, broken: 0, unknown: 0 },
  lookupHistogram: [],
  nearLimit: [],
  recentChanges: [],
  recentProviderEvents: [],
};
const NO_CYCLE: CycleProgress = { tick: null, startedAt: null, total: 0, done: 0, failed: 0, pending: 0 };
const EMPTY_PAGE: FleetDomainPage = { items: [], total: 0, page: 1, pageSize: 50 };

const me = (role: MeResponse['role']): MeResponse => ({
  via: 'session',
  user: { id: 'u1', email: 'a@agency.example', name: 'A' },
  tokenName: null,
  organization: { id: 'o1', name: 'Agency', slug: 'agency' },
  role,
  clientIds: role === 'client_viewer' ? ['c1'] : null,
  memberships: [],
});

const common = {
  'GET /api/auth/me': () => me('admin'),
  'GET /api/checks/cycle': () => NO_CYCLE,
  'GET /api/clients': () => ({ items: [], total: 0 }),
  'GET /api/tools/services': () => ({ items: [], total: 0 }),
  'GET /api/notifications': () => ({ items: [], total: 0, page: 1, pageSize: 1 }),
};

describe('FleetPage states', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('an empty fleet says how to add domains', async () => {
    fake = installFakeFetch({ ...common, 'GET /api/fleet/summary': () => EMPTY_SUMMARY, 'GET /api/fleet/domains': () => EMPTY_PAGE });
    renderWithProviders(<FleetPage />);
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clients' })).toHaveAttribute('href', '/clients');
    expect(screen.getByText('No domain has been checked yet.')).toBeInTheDocument();
    expect(await screen.findByText('No check cycle has run yet.')).toBeInTheDocument();
  });

  it('admins get "Check all now"; the client portal neither starts nor polls check cycles', async () => {
    fake = installFakeFetch({ ...common, 'GET /api/fleet/summary': () => EMPTY_SUMMARY, 'GET /api/fleet/domains': () => EMPTY_PAGE });
    const admin = renderWithProviders(<FleetPage />);
    expect(await screen.findByRole('button', { name: 'Check all now' })).toBeInTheDocument();
    admin.unmount();
    fake.restore();

    fake = installFakeFetch({ ...common, 'GET /api/auth/me': () => me('client_viewer'), 'GET /api/fleet/summary': () => EMPTY_SUMMARY, 'GET /api/fleet/domains': () => EMPTY_PAGE });
    renderWithProviders(<FleetPage />);
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
    await screen.findByText('No domain has been checked yet.');
    expect(screen.queryByRole('button', { name: 'Check all now' })).toBeNull();
    expect(fake.calls.some((c) => c.path === '/api/checks/cycle')).toBe(false);
  });

  it('a filter that matches nothing offers to clear it', async () => {
    fake = installFakeFetch({ ...common, 'GET /api/fleet/summary': () => ({ ...EMPTY_SUMMARY, total: 3 }), 'GET /api/fleet/domains': () => EMPTY_PAGE });
    renderWithProviders(<FleetPage />, { path: '/?status=broken' });
    expect(await screen.findByText('No domain matches these filters')).toBeInTheDocument();
    expect(fake.calls.find((c) => c.path === '/api/fleet/domains')!.query.get('status')).toBe('broken');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No domains yet')).toBeInTheDocument();
  });

  it('an API error shows the message and a retry that asks again', async () => {
    let fail = true;
    fake = installFakeFetch({
      ...common,
      'GET /api/fleet/summary': () => (fail ? reply(503, { error: 'service_unavailable', message: 'The database is not reachable', correlationId: 'req-42' }) : EMPTY_SUMMARY),
      'GET /api/fleet/domains': () => EMPTY_PAGE,
    });
    renderWithProviders(<FleetPage />);
    expect(await screen.findByText('The database is not reachable')).toBeInTheDocument();
    expect(screen.getByText('Reference: req-42')).toBeInTheDocument();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No domain has been checked yet.')).toBeInTheDocument();
  });

  it('undelivered alerts and reports show as a banner for the agency (tests left out), dismissed until a newer one fails; the portal never asks', async () => {
    window.localStorage.clear();
    const failedOf = (kind: string | null): unknown => {
      if (kind === 'alerts') return { items: [{ id: 'n2', createdAt: '2026-11-22T08:00:30.000Z' }], total: 2, page: 1, pageSize: 1 };
      if (kind === 'report') return { items: [{ id: 'n1', createdAt: '2026-11-20T08:00:30.000Z' }], total: 1, page: 1, pageSize: 1 };
      throw new Error(`unexpected kind ${kind}`);
    };
    fake = installFakeFetch({ ...common, 'GET /api/notifications': (c) => failedOf(c.query.get('kind')), 'GET /api/fleet/summary': () => EMPTY_SUMMARY, 'GET /api/fleet/domains': () => EMPTY_PAGE });
    const member = renderWithProviders(<FleetPage />);
    const banner = await screen.findByTestId('failed-notifications-banner');
    expect(banner).toHaveTextContent('3 notifications could not be delivered');
    expect(fake.calls.filter((c) => c.path === '/api/notifications').map((c) => [c.query.get('status'), c.query.get('kind')]).sort()).toEqual([
      ['failed', 'alerts'],
      ['failed', 'report'],
    ]);
    expect(screen.getByRole('link', { name: 'See what failed' })).toHaveAttribute('href', '/settings?tab=notifications&status=failed');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('failed-notifications-banner')).toBeNull();
    member.unmount();

    // Dismissed stays dismissed for the same failures …
    const again = renderWithProviders(<FleetPage />);
    await screen.findByText('No domains yet');
    await waitFor(() => expect(fake!.calls.filter((c) => c.path === '/api/notifications')).toHaveLength(4));
    expect(screen.queryByTestId('failed-notifications-banner')).toBeNull();
    again.unmount();
    fake.restore();

    // … and the client portal does not ask at all (the API answers 404 there).
    fake = installFakeFetch({ ...common, 'GET /api/auth/me': () => me('client_viewer'), 'GET /api/fleet/summary': () => EMPTY_SUMMARY, 'GET /api/fleet/domains': () => EMPTY_PAGE });
    renderWithProviders(<FleetPage />);
    await screen.findByText('No domain has been checked yet.');
    expect(fake.calls.some((c) => c.path === '/api/notifications')).toBe(false);
  });
});
