import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ChannelResponse, ChannelTestResult, CreatedChannelResponse, MeResponse, NotificationDetailResponse, NotificationResponse, Page } from '@spfwatch/contracts';
import { installFakeFetch, reply, type FakeCall } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { NotificationsTab } from './notifications-tab';

const me = (role: MeResponse['role']): MeResponse => ({
  via: 'session',
  user: { id: 'u1', email: 'a@agency.example', name: 'A' },
  tokenName: null,
  organization: { id: 'o1', name: 'Agency', slug: 'agency' },
  role,
  clientIds: null,
  memberships: [],
});

const counts = { total: 1, ok: 1, warning: 0, broken: 0, unknown: 0 };
const CLIENTS = { items: [{ id: '01900000-0000-7000-8000-0000000000a1', name: 'Acme', notes: null, domainCounts: counts }], total: 1 };
const ACME = CLIENTS.items[0]!.id;
const SHOP = '01900000-0000-7000-8000-0000000000d1';

const channel = (patch: Partial<ChannelResponse>): ChannelResponse => ({
  id: 'ch-mail',
  kind: 'email',
  name: 'Ops mailbox',
  clientId: null,
  domainId: null,
  config: { recipients: ['ops@agency.example'] },
  hasSecret: false,
  enabled: true,
  minSeverity: 'warning',
  events: ['alerts'],
  quietHours: null,
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  ...patch,
});
const MAIL = channel({});
const HOOK = channel({ id: 'ch-hook', kind: 'webhook', name: 'SIEM', config: { url: 'http://127.0.0.1:9/hook', timeoutMs: 10_000 }, hasSecret: true, domainId: SHOP });

const notification = (patch: Partial<NotificationResponse>): NotificationResponse => ({
  id: 'n1',
  kind: 'alerts',
  status: 'failed',
  channel: { id: 'ch-hook', name: 'SIEM', kind: 'webhook' },
  messageId: '<n1@agency.example>',
  digestKey: 'tick:2026-11-22T08:00Z',
  alertCount: 3,
  reportId: null,
  attemptCount: 10,
  nextAttemptAt: null,
  deliveredAt: null,
  lastError: 'HTTP 503',
  createdAt: '2026-11-22T08:00:30.000Z',
  ...patch,
});
const pageOf = <T,>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, pageSize: 25 });

function routes(role: MeResponse['role'], extra: Record<string, (c: FakeCall) => unknown> = {}) {
  return {
    'GET /api/auth/me': () => me(role),
    'GET /api/clients': () => CLIENTS,
    'GET /api/organization': () => ({ id: 'o1', name: 'Agency', slug: 'agency', timeZone: 'Europe/Paris' }),
    'GET /api/notification-channels': () => ({ items: [MAIL, HOOK], total: 2 }),
    'GET /api/notifications': (c: FakeCall) => (c.query.get('status') === 'failed' ? pageOf(c.query.get('kind') === 'alerts' ? [notification({})] : []) : pageOf([notification({}), notification({ id: 'n0', kind: 'test', status: 'delivered', attemptCount: 1, lastError: null, deliveredAt: '2026-11-22T07:00:00.000Z' })])),
    [`GET /api/domains/${SHOP}`]: () => ({ id: SHOP, name: 'shop.acme.example' }),
    'GET /api/fleet/domains': () => ({ items: [{ id: SHOP, name: 'shop.acme.example', client: { id: ACME, name: 'Acme' } }], total: 1, page: 1, pageSize: 50 }),
    ...extra,
  };
}

describe('NotificationsTab', () => {
  let fake: ReturnType<typeof installFakeFetch> | undefined;
  afterEach(() => fake?.restore());

  const fill = (scope: HTMLElement, label: RegExp | string, value: string): void => void fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

  it('creates a webhook bound to a client with quiet hours, and shows its secret once', async () => {
    const created: CreatedChannelResponse = { ...channel({ id: 'ch-new', kind: 'webhook', name: 'Acme SIEM', clientId: ACME, config: { url: 'https://siem.acme.example/hook', timeoutMs: 10_000 }, hasSecret: true }), secret: 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG' };
    fake = installFakeFetch(routes('admin', { 'POST /api/notification-channels': () => reply(201, created) }));
    renderWithProviders(<NotificationsTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a channel' }));
    const form = screen.getByRole('form', { name: 'New channel' });
    fill(form, 'Kind', 'webhook');
    fill(form, 'Name', 'Acme SIEM');
    fill(form, 'Webhook URL', 'https://siem.acme.example/hook');
    fireEvent.click(within(form).getByLabelText(/One client/));
    fill(form, 'Client', ACME);
    fireEvent.click(within(form).getByLabelText('Weekly reports'));
    fireEvent.change(within(form).getByLabelText('Alerts from severity'), { target: { value: 'critical' } });
    fireEvent.click(within(form).getByLabelText('Hold deliveries during quiet hours'));
    fill(form, 'From', '21:00');
    fill(form, 'Until', '06:30');
    fireEvent.click(within(form).getByRole('button', { name: 'Create channel' }));

    expect(await screen.findByTestId('channel-secret')).toHaveTextContent(created.secret!);
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({
      kind: 'webhook',
      name: 'Acme SIEM',
      config: { url: 'https://siem.acme.example/hook' },
      clientId: ACME,
      enabled: true,
      minSeverity: 'critical',
      events: ['alerts', 'reports'],
      quietHours: { start: '21:00', end: '06:30' },
    });
    expect(screen.queryByRole('form', { name: 'New channel' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('channel-secret')).toBeNull();
  });

  it('checks the form first, then shows the API’s per-field messages', async () => {
    fake = installFakeFetch(
      routes('admin', {
        'POST /api/notification-channels': () =>
          reply(400, {
            error: 'validation_failed',
            message: 'config.recipients.1: Expected an email address',
            details: { issues: [{ path: 'config.recipients.1', message: 'Expected an email address' }, { path: 'quietHours.timeZone', message: 'Unknown time zone' }] },
            correlationId: 'r',
          }),
      }),
    );
    renderWithProviders(<NotificationsTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a channel' }));
    const form = screen.getByRole('form', { name: 'New channel' });
    fireEvent.click(within(form).getByRole('button', { name: 'Create channel' }));
    expect(within(form).getByText('Give the channel a name.')).toBeInTheDocument();
    expect(within(form).getByText('Add at least one address.')).toBeInTheDocument();
    expect(fake.calls.some((c) => c.method === 'POST')).toBe(false);

    fill(form, 'Name', 'Ops');
    fill(form, /Recipients/, 'ops@agency.example\nnight@agency.ex');
    fireEvent.click(within(form).getByLabelText('Hold deliveries during quiet hours'));
    fill(form, /Time zone/, 'Mars/Olympus');
    fireEvent.click(within(form).getByRole('button', { name: 'Create channel' }));
    expect(await within(form).findByText('night@agency.ex: Expected an email address')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Recipients/)).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText(/Time zone/)).toHaveAccessibleDescription('Unknown time zone');
  });

  it('edits a domain-bound channel: names the domain, rebinds to the organization with a PATCH that clears both ids', async () => {
    fake = installFakeFetch(routes('admin', { 'PATCH /api/notification-channels/ch-hook': () => ({ ...HOOK, domainId: null }) }));
    renderWithProviders(<NotificationsTab />);
    const card = (await screen.findAllByTestId('channel-card')).find((c) => c.dataset.channelName === 'SIEM')!;
    expect(await within(card).findByText('Domain shop.acme.example')).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: 'Edit SIEM' }));
    const form = within(card).getByRole('form', { name: 'Edit SIEM' });
    expect(within(form).getByLabelText(/One domain/)).toBeChecked();
    await waitFor(() => expect(within(form).getByLabelText('Domain')).toHaveValue(SHOP));
    fireEvent.click(within(form).getByLabelText(/Every domain/));
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(fake!.calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = fake.calls.find((c) => c.method === 'PATCH')!.body as Record<string, unknown>;
    // The default timeout is left to the API (10 000 ms).
    expect(patch).toMatchObject({ clientId: null, domainId: null, name: 'SIEM' });
    expect(patch.config).toEqual({ url: 'http://127.0.0.1:9/hook' });
  });

  it('a test-send says delivered with the server’s reply, or failed with the error', async () => {
    const results: Record<string, ChannelTestResult> = {
      'ch-mail': { notificationId: 't1', messageId: '<t1@agency.example>', delivered: true, attempt: { number: 1, status: 'delivered', startedAt: '', finishedAt: '', responseCode: 250, response: '250 Accepted', error: null, worker: 'h:1' } },
      'ch-hook': { notificationId: 't2', messageId: '<t2@agency.example>', delivered: false, attempt: { number: 1, status: 'failed', startedAt: '', finishedAt: '', responseCode: 503, response: 'down for maintenance', error: 'HTTP 503', worker: 'h:1' } },
    };
    fake = installFakeFetch(routes('admin', { 'POST /api/notification-channels/ch-mail/test': () => results['ch-mail'], 'POST /api/notification-channels/ch-hook/test': () => results['ch-hook'] }));
    renderWithProviders(<NotificationsTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send a test to Ops mailbox' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send a test to SIEM' }));
    await waitFor(() => expect(screen.getAllByTestId('test-result')).toHaveLength(2));
    const [mail, hook] = screen.getAllByTestId('test-result');
    expect(mail).toHaveTextContent('Delivered: 250 Accepted');
    expect(mail).toHaveClass('test-result-ok');
    expect(hook).toHaveTextContent('Failed: HTTP 503 — down for maintenance');
    expect(hook).toHaveClass('test-result-failed');
  });

  it('deliveries: the failed count with a filter one click away; a row opens onto its attempts', async () => {
    const detail: NotificationDetailResponse = {
      ...notification({}),
      alertIds: ['a1', 'a2', 'a3'],
      attempts: [
        { number: 1, status: 'failed', startedAt: '2026-11-22T08:00:30.000Z', finishedAt: '2026-11-22T08:00:31.000Z', responseCode: 503, response: 'down for maintenance', error: 'HTTP 503', worker: 'h:1' },
        { number: 2, status: 'failed', startedAt: '2026-11-22T08:01:00.000Z', finishedAt: '2026-11-22T08:01:01.000Z', responseCode: null, response: null, error: 'ECONNREFUSED', worker: 'h:2' },
      ],
    };
    fake = installFakeFetch(routes('admin', { 'GET /api/notifications/n1': () => detail }));
    renderWithProviders(<NotificationsTab />, { path: '/settings?tab=notifications' });
    expect(await screen.findByTestId('failed-deliveries')).toHaveTextContent('1 notification could not be delivered');
    const rows = await screen.findAllByTestId('delivery-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['failed', 'delivered']);
    expect(rows[0]).toHaveTextContent(/SIEM[\s\S]*3 alerts[\s\S]*failed[\s\S]*10[\s\S]*HTTP 503/);
    fireEvent.click(within(rows[0]!).getByRole('button', { name: /Show the attempts of 3 alerts to SIEM/ }));
    const attempts = await screen.findByRole('list', { name: 'Delivery attempts' });
    expect(within(attempts).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('HTTP 503 — down for maintenance'), expect.stringContaining('ECONNREFUSED')]);

    fireEvent.click(screen.getByRole('button', { name: 'Show the failed ones' }));
    await waitFor(() => expect(fake!.calls.some((c) => c.path === '/api/notifications' && c.query.get('status') === 'failed' && c.query.get('kind') === null)).toBe(true));
    expect(screen.getByLabelText('Status')).toHaveValue('failed');
  });

  it('members see the deliveries only, without asking for channels (the API refuses them)', async () => {
    fake = installFakeFetch(routes('member'));
    renderWithProviders(<NotificationsTab />);
    expect(await screen.findByText(/Notification channels are set up by admins and owners/)).toBeInTheDocument();
    await screen.findAllByTestId('delivery-row');
    expect(screen.queryByRole('button', { name: 'Add a channel' })).toBeNull();
    expect(screen.queryByLabelText('Channel')).toBeNull();
    expect(fake.calls.some((c) => c.path === '/api/notification-channels')).toBe(false);
  });
});
