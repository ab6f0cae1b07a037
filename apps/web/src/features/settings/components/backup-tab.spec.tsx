import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ConfigExport, ConfigImportReport, MeResponse } from '@spfwatch/contracts';
import { installFakeFetch, reply, type FakeCall } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { BackupTab } from './backup-tab';

const me = (role: MeResponse['role']): MeResponse => ({
  via: 'session',
  user: { id: 'u1', email: 'a@agency.example', name: 'A' },
  tokenName: null,
  organization: { id: 'o1', name: 'Agency', slug: 'agency' },
  role,
  clientIds: null,
  memberships: [],
});

const DOCUMENT: ConfigExport = {
  format: 'spfwatch-config',
  version: 1,
  exportedAt: '2026-11-22T10:00:00.000Z',
  organization: { name: 'Old agency', timeZone: 'Europe/Paris' },
  clients: [{ name: 'Acme', notes: null, domains: [{ name: 'acme.example', tags: [], checkIntervalMinutes: 60, paused: false }] }],
  alertPolicies: [{ scope: { client: 'Acme' }, thresholds: { lookupWarn: 7, lookupLimit: null, tempErrorChecks: null, voidLimit: null }, types: {} }],
  notificationChannels: [{ name: 'SIEM', kind: 'webhook', config: { url: 'https://siem.example/hook', timeoutMs: 10_000 }, binding: {}, minSeverity: 'warning', events: ['alerts'], quietHours: null, enabled: true }],
  reportSchedule: { cron: '0 8 * * 1', enabled: true },
};

const report = (dryRun: boolean, patch: Partial<ConfigImportReport> = {}): ConfigImportReport => ({
  dryRun,
  clients: { created: ['Acme'], existing: ['Globex'] },
  domains: { created: ['acme.example'], existing: ['globex.example'], invalid: [{ name: 'localhost', reason: "'localhost' is not a fully qualified domain name (it has a single label)" }] },
  policies: { created: [{ client: 'Acme' }], updated: [{}], unchanged: [] },
  channels: { created: ['SIEM'], existing: [], secrets: dryRun ? [] : [{ name: 'SIEM', secret: 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG' }] },
  schedule: 'unchanged',
  ...patch,
});

function chooseFile(content: string, name = 'spfwatch-config-agency-2026-11-22.json'): void {
  const file = new File([content], name, { type: 'application/json' });
  fireEvent.change(screen.getByLabelText(/Configuration file/), { target: { files: [file] } });
}

describe('BackupTab', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  it('previews the file with a dry run, then imports it and shows the new webhook secret once', async () => {
    fake = installFakeFetch({
      'GET /api/auth/me': () => me('owner'),
      'POST /api/organization/import': (c: FakeCall) => report(c.query.get('dryRun') === 'true'),
    });
    renderWithProviders(<BackupTab />);
    expect(await screen.findByRole('link', { name: 'Export configuration' })).toHaveAttribute('href', '/api/organization/export');
    await screen.findByLabelText(/Configuration file/);
    chooseFile(JSON.stringify(DOCUMENT));

    const preview = await screen.findByRole('heading', { name: /Preview of spfwatch-config-agency-2026-11-22\.json/ });
    const box = preview.parentElement!;
    const dryRun = fake.calls.find((c) => c.path === '/api/organization/import')!;
    expect(dryRun.query.get('dryRun')).toBe('true');
    expect(dryRun.body).toEqual(DOCUMENT);
    expect(within(box).getByText(/^Clients:/).parentElement).toHaveTextContent('Clients: 1 to create, 1 already here');
    expect(within(box).getByText(/^Alert policies:/).parentElement).toHaveTextContent('1 to create, 1 to update');
    expect(within(box).getByRole('list', { name: 'Domains not imported' })).toHaveTextContent("localhost — 'localhost' is not a fully qualified domain name");
    expect(within(box).getByText('Weekly report schedule:').parentElement).toHaveTextContent('unchanged');
    // The policy scopes by name.
    expect(within(box).getAllByText('Client Acme').length).toBeGreaterThan(0);
    expect(within(box).getAllByText('Organization').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('import-secret')).toBeNull();

    fireEvent.click(within(box).getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('heading', { name: 'Imported spfwatch-config-agency-2026-11-22.json.' })).toBeInTheDocument();
    const real = fake.calls.filter((c) => c.path === '/api/organization/import')[1]!;
    expect(real.query.get('dryRun')).toBe('false');
    expect(screen.getByTestId('import-secret')).toHaveTextContent('whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG');
    expect(screen.getByText(/^Clients:/).parentElement).toHaveTextContent('1 created');
    fireEvent.click(screen.getByRole('button', { name: 'I have stored them' }));
    expect(screen.queryByTestId('import-secret')).toBeNull();
  });

  it('refuses a file that is not a configuration export before asking the API', async () => {
    fake = installFakeFetch({ 'GET /api/auth/me': () => me('owner') });
    renderWithProviders(<BackupTab />);
    await screen.findByLabelText(/Configuration file/);
    chooseFile('client,domain\nAcme,acme.example\n', 'domains.csv');
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is not JSON');
    chooseFile(JSON.stringify({ format: 'spfwatch-config', version: 2 }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Version 2 of the spfwatch-config format is newer than this spfwatch reads'));
    expect(screen.getByLabelText(/Configuration file/)).toHaveAttribute('aria-invalid', 'true');
    expect(fake.calls.some((c) => c.path === '/api/organization/import')).toBe(false);
  });

  it("lists each field of a 400 and offers no Import; says so when nothing would change", async () => {
    let answer: unknown = reply(400, {
      error: 'validation_failed',
      message: 'Nothing was imported: alertPolicies.0.scope.client: No client "Nobody" in this document or this organization',
      details: { issues: [{ path: 'alertPolicies.0.scope.client', message: 'No client "Nobody" in this document or this organization' }] },
      correlationId: 'req-1',
    });
    fake = installFakeFetch({ 'GET /api/auth/me': () => me('owner'), 'POST /api/organization/import': () => answer });
    renderWithProviders(<BackupTab />);
    await screen.findByLabelText(/Configuration file/);
    chooseFile(JSON.stringify(DOCUMENT));
    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(problems).toHaveTextContent('alertPolicies.0.scope.client No client "Nobody" in this document or this organization');
    expect(screen.getByRole('alert')).toHaveTextContent('Reference: req-1');
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();

    answer = report(true, {
      clients: { created: [], existing: ['Acme'] },
      domains: { created: [], existing: ['acme.example'], invalid: [] },
      policies: { created: [], updated: [], unchanged: [{ client: 'Acme' }] },
      channels: { created: [], existing: ['SIEM'], secrets: [] },
    });
    chooseFile(JSON.stringify(DOCUMENT));
    expect(await screen.findByText('Nothing to import')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it('admins export but do not import', async () => {
    fake = installFakeFetch({ 'GET /api/auth/me': () => me('admin') });
    renderWithProviders(<BackupTab />);
    expect(await screen.findByText('Only owners import a configuration.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export configuration' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/Configuration file/)).toBeNull();
  });
});
