import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MeResponse, OrganizationResponse, Page, ReportResponse, ReportScheduleResponse } from '@spfwatch/contracts';
import { installFakeFetch, reply } from '../../test/fake-fetch';
import { renderWithProviders } from '../../test/render-with-providers';
import ReportsPage from './reports-page';

const me = (role: MeResponse['role']): MeResponse => ({
  via: 'session',
  user: { id: 'u1', email: 'a@agency.example', name: 'A' },
  tokenName: null,
  organization: { id: 'o1', name: 'Agency', slug: 'agency' },
  role,
  clientIds: role === 'client_viewer' ? ['c-acme'] : null,
  memberships: [],
});

const REPORT: ReportResponse = {
  id: 'r1',
  clientId: 'c-acme',
  clientName: 'Acme',
  kind: 'weekly',
  periodStart: '2026-11-23T07:00:00.000Z',
  periodEnd: '2026-11-30T07:00:00.000Z',
  timeZone: 'Europe/Paris',
  generatedAt: '2026-11-30T07:00:05.000Z',
  summary: { domains: 2, ok: 1, warning: 0, broken: 1, unknown: 0, changes: 2, alerts: 3, openIssues: 1 },
  pdfUrl: '/api/reports/r1.pdf',
  csvUrl: '/api/reports/r1.csv',
  pdfBytes: 20_480,
};
const page = (items: ReportResponse[]): Page<ReportResponse> => ({ items, total: items.length, page: 1, pageSize: 20 });
const SCHEDULE: ReportScheduleResponse = { cron: '0 8 * * 1', enabled: true, timeZone: 'Europe/Paris', nextRuns: ['2026-12-07T07:00:00.000Z', '2026-12-14T07:00:00.000Z', '2026-12-21T07:00:00.000Z'] };
const ORG = { id: 'o1', name: 'Agency', slug: 'agency', timeZone: 'Europe/Paris' } as unknown as OrganizationResponse;
const CLIENTS = { items: [{ id: 'c-acme', name: 'Acme', notes: null, domainCounts: { total: 2, ok: 1, warning: 0, broken: 1, unknown: 0 } }], total: 1 };

function routes(role: MeResponse['role'], reports: () => unknown = () => page([REPORT])) {
  return {
    'GET /api/auth/me': () => me(role),
    'GET /api/clients': () => CLIENTS,
    'GET /api/organization': () => ORG,
    'GET /api/reports': reports,
    'GET /api/report-schedule': () => SCHEDULE,
    'PUT /api/report-schedule': () =>
      reply(400, { error: 'validation_failed', message: 'cron: Not a valid cron expression', details: { issues: [{ path: 'cron', message: 'Not a valid cron expression (node-cron syntax), e.g. "0 8 * * 1"' }] }, correlationId: 'r' }),
  };
}

describe('ReportsPage', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('client viewers download their reports; no generate form and no schedule (the API has neither for them)', async () => {
    fake = installFakeFetch(routes('client_viewer'));
    renderWithProviders(<ReportsPage />);
    const row = await screen.findByTestId('report-row');
    expect(row).toHaveTextContent(/Acme/);
    expect(row).toHaveTextContent(/Weekly/);
    expect(row).toHaveTextContent(/Europe\/Paris/);
    expect(within(row).getByRole('link', { name: /^PDF of Acme/ })).toHaveAttribute('href', '/api/reports/r1.pdf');
    expect(within(row).getByRole('link', { name: /^CSV of Acme/ })).toHaveAttribute('href', '/api/reports/r1.csv');
    expect(row).toHaveTextContent(/1 broken[\s\S]*2 changes · 3 alerts · 1 open issue/);
    expect(screen.queryByRole('form', { name: 'Generate a report' })).toBeNull();
    await waitFor(() => expect(fake!.calls.some((c) => c.path === '/api/auth/me')).toBe(true));
    expect(fake.calls.some((c) => c.path === '/api/report-schedule')).toBe(false);
  });

  it('members generate and read the schedule; admins change it and see the API’s cron message', async () => {
    fake = installFakeFetch(routes('member'));
    const member = renderWithProviders(<ReportsPage />);
    expect(await screen.findByRole('form', { name: 'Generate a report' })).toBeInTheDocument();
    const schedule = await screen.findByRole('region', { name: 'Weekly reports' });
    await within(schedule).findByText('0 8 * * 1');
    expect(within(schedule).getByText('Only admins and owners change the schedule.')).toBeInTheDocument();
    expect(within(schedule).queryByRole('textbox')).toBeNull();
    expect(within(schedule).getAllByRole('listitem')).toHaveLength(3);
    member.unmount();
    fake.restore();

    fake = installFakeFetch(routes('admin'));
    renderWithProviders(<ReportsPage />);
    const cron = await screen.findByLabelText(/^When/);
    expect(cron).toHaveValue('0 8 * * 1');
    fireEvent.change(cron, { target: { value: '61 8 * * 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    expect(await screen.findByText(/Not a valid cron expression/)).toBeInTheDocument();
    expect(cron).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.find((c) => c.method === 'PUT')!.body).toEqual({ cron: '61 8 * * 1' });
  });

  it('filters by client and kind through the URL, with an empty state that clears them', async () => {
    fake = installFakeFetch(routes('member', () => page([])));
    renderWithProviders(<ReportsPage />, { path: '/reports?kind=on_demand&client=c-acme' });
    expect(await screen.findByText('No report matches these filters')).toBeInTheDocument();
    const asked = fake.calls.find((c) => c.path === '/api/reports')!.query;
    expect([asked.get('kind'), asked.get('clientId'), asked.get('pageSize')]).toEqual(['on_demand', 'c-acme', '20']);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No reports yet')).toBeInTheDocument();
  });

  it('an error loading the list offers a retry', async () => {
    let fail = true;
    fake = installFakeFetch(routes('client_viewer', () => (fail ? reply(503, { error: 'service_unavailable', message: 'The database is not reachable', correlationId: 'req-7' }) : page([REPORT]))));
    renderWithProviders(<ReportsPage />);
    expect(await screen.findByText('The database is not reachable')).toBeInTheDocument();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('report-row')).toBeInTheDocument();
  });
});
