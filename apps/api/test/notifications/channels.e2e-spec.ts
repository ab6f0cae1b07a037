/**
 * The notification endpoints over HTTP: channel CRUD with its validation, secrets shown once,
 * test-send (synchronous, recorded), secret rotation, the notifications list, roles, OpenAPI.
 */
import type { ChannelResponse, ChannelTestResult, CreatedChannelResponse, NotificationDetailResponse } from '@spfwatch/contracts';
import type { CreateChannelDto, UpdateChannelDto } from '../../src/modules/notifications/dto/channel.dto';
import { createTestApp, loginAs, resetDatabase, type TestApp } from '../support/app';
import { startSmtpSink, startWebhookSink, type SmtpSink, type WebhookSink } from './support';

describe('notification channels API', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let hooks: WebhookSink;
  let clientId: string;
  let domainId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'spfwatch@agency.example', SMTP_TIMEOUT_MS: 2000 } });
    await resetDatabase(t.prisma);
    await t.prisma.organization.update({ where: { id: t.orgId }, data: { timeZone: 'Europe/Paris' } });
    clientId = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id;
    domainId = (await t.http.post('/api/domains').send({ name: 'acme.example', clientId, paused: true }).expect(201)).body.id;
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await hooks?.stop();
  });

  const create = (body: unknown) => t.http.post('/api/notification-channels').send(body as object);
  const issuesOf = (body: { details?: { issues?: Array<{ path: string }> } }) => (body.details?.issues ?? []).map((i) => i.path);

  it('creates an email channel bound to a client, with defaults and quiet hours in the organization’s time zone', async () => {
    const body = { kind: 'email', name: 'Acme IT', clientId, config: { recipients: ['it@acme.example'] }, quietHours: { start: '22:00', end: '07:00' } } satisfies CreateChannelDto;
    const created = (await create(body).expect(201)).body as CreatedChannelResponse;
    expect(created).toMatchObject({
      kind: 'email',
      name: 'Acme IT',
      clientId,
      domainId: null,
      config: { recipients: ['it@acme.example'] },
      hasSecret: false,
      secret: null,
      enabled: true,
      minSeverity: 'warning',
      events: ['alerts'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
    });
    expect((await t.http.get(`/api/notification-channels/${created.id}`).expect(200)).body).toEqual({ ...created, secret: undefined });
    const audit = await t.http.get('/api/audit?action=channel.').expect(200);
    expect(audit.body.items.map((e: { action: string; target: { label: string } }) => [e.action, e.target.label])).toContainEqual(['channel.created', 'Acme IT']);
  });

  it('gives a webhook its signing secret once; a Slack URL is masked', async () => {
    const webhook = (await create({ kind: 'webhook', name: 'SIEM', config: { url: hooks.url } } satisfies CreateChannelDto).expect(201)).body as CreatedChannelResponse;
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ hasSecret: true, config: { url: hooks.url, timeoutMs: 10_000 } });
    const again = (await t.http.get(`/api/notification-channels/${webhook.id}`).expect(200)).body as ChannelResponse;
    expect(JSON.stringify(again)).not.toContain(webhook.secret!);
    const list = (await t.http.get('/api/notification-channels').expect(200)).body as { items: ChannelResponse[]; total: number };
    expect(JSON.stringify(list)).not.toContain(webhook.secret!);

    const slack = (await create({ kind: 'slack', name: 'Slack', config: { url: 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX' } }).expect(201)).body as CreatedChannelResponse;
    expect(slack.config.url).toBe('https://hooks.slack.com/services/T00000000/B00000000/••••');
    expect(slack.secret).toBeNull();
  });

  it('refuses bad channels with per-field messages', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ kind: 'fax', name: 'x', config: {} }, ['kind']],
      [{ kind: 'email', name: '', config: { recipients: ['a@b.example'] } }, ['name']],
      [{ kind: 'email', name: 'x', config: { recipients: [] } }, ['config.recipients']],
      [{ kind: 'email', name: 'x', config: { recipients: ['not an address'] } }, ['config.recipients.0']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example', 'A@b.example'] } }, ['config.recipients']],
      [{ kind: 'webhook', name: 'x', config: { url: 'ftp://example.com/hook' } }, ['config.url']],
      [{ kind: 'webhook', name: 'x', config: { url: 'https://example.com', timeoutMs: 60_000 } }, ['config.timeoutMs']],
      [{ kind: 'webhook', name: 'x', config: { url: 'https://example.com', secret: 'mine' } }, ['config']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, clientId, domainId }, ['domainId']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, minSeverity: 'fatal' }, ['minSeverity']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, events: ['sms'] }, ['events.0']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, quietHours: { start: '25:00', end: '07:00' } }, ['quietHours.start']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, quietHours: { start: '07:00', end: '07:00' } }, ['quietHours.end']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } }, ['quietHours.timeZone']],
      [{ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] }, colour: 'red' }, ['']],
    ];
    for (const [body, paths] of cases) {
      const response = await create(body).expect(400);
      expect({ body, paths: issuesOf(response.body) }).toEqual({ body, paths });
      expect(response.body.error).toBe('validation_failed');
    }
    // Ids that name nothing in this organization.
    const nowhere = '01900000-0000-7000-8000-000000000000';
    expect(issuesOf((await create({ kind: 'email', name: 'x', clientId: nowhere, config: { recipients: ['a@b.example'] } }).expect(400)).body)).toEqual(['clientId']);
    expect(issuesOf((await create({ kind: 'email', name: 'x', domainId: nowhere, config: { recipients: ['a@b.example'] } }).expect(400)).body)).toEqual(['domainId']);
    const otherOrg = await t.prisma.organization.create({ data: { name: 'Other', slug: `other-${Date.now()}` } });
    const foreign = await t.prisma.client.create({ data: { organizationId: otherOrg.id, name: 'Foreign' } });
    expect(issuesOf((await create({ kind: 'email', name: 'x', clientId: foreign.id, config: { recipients: ['a@b.example'] } }).expect(400)).body)).toEqual(['clientId']);
  });

  it('updates a channel within its kind, rebinds it, and deletes it', async () => {
    const channel = (await create({ kind: 'email', name: 'Ops', domainId, config: { recipients: ['ops@agency.example'] } }).expect(201)).body as ChannelResponse;
    const patch = { name: 'Ops desk', config: { recipients: ['desk@agency.example'] }, clientId, minSeverity: 'critical', events: ['alerts', 'reports'], quietHours: { start: '20:00', end: '06:00', timeZone: 'UTC' } } satisfies UpdateChannelDto;
    const updated = (await t.http.patch(`/api/notification-channels/${channel.id}`).send(patch).expect(200)).body as ChannelResponse;
    // Binding to a client clears the domain binding.
    expect(updated).toMatchObject({ name: 'Ops desk', config: { recipients: ['desk@agency.example'] }, clientId, domainId: null, minSeverity: 'critical', events: ['alerts', 'reports'], quietHours: { start: '20:00', end: '06:00', timeZone: 'UTC' } });
    expect((await t.http.patch(`/api/notification-channels/${channel.id}`).send({ clientId: null, quietHours: null }).expect(200)).body).toMatchObject({ clientId: null, domainId: null, quietHours: null });

    // An email channel's config is an email config.
    const wrong = await t.http.patch(`/api/notification-channels/${channel.id}`).send({ config: { url: 'https://example.com' } }).expect(400);
    expect(issuesOf(wrong.body).sort()).toEqual(['config', 'config.recipients']);
    expect(issuesOf((await t.http.patch(`/api/notification-channels/${channel.id}`).send({ kind: 'webhook' }).expect(400)).body)).toEqual(['']);
    await t.http.patch('/api/notification-channels/01900000-0000-7000-8000-000000000000').send({ name: 'x' }).expect(404);
    await t.http.patch('/api/notification-channels/not-an-id').send({ name: 'x' }).expect(404);

    await t.http.delete(`/api/notification-channels/${channel.id}`).expect(204);
    await t.http.get(`/api/notification-channels/${channel.id}`).expect(404);
    await t.http.delete(`/api/notification-channels/${channel.id}`).expect(404);
  });

  it('test-sends synchronously, records the attempt, ignores quiet hours and reports failures', async () => {
    const email = (await create({ kind: 'email', name: 'Night desk', config: { recipients: ['night@agency.example'] }, quietHours: { start: '00:00', end: '23:59', timeZone: 'UTC' } }).expect(201)).body as ChannelResponse;
    smtp.mails.length = 0;
    const sent = (await t.http.post(`/api/notification-channels/${email.id}/test`).expect(200)).body as ChannelTestResult;
    expect(sent).toMatchObject({ delivered: true, messageId: `<${sent.notificationId}@agency.example>`, attempt: { number: 1, status: 'delivered', responseCode: 250, error: null } });
    // Delivered before the answer: the server already has it.
    expect(smtp.mails.map((m) => [m.envelopeTo, m.parsed.subject, m.messageId])).toEqual([[['night@agency.example'], '[spfwatch] Test message for "Night desk"', sent.messageId]]);

    const webhook = (await create({ kind: 'webhook', name: 'Hook', config: { url: hooks.url } }).expect(201)).body as CreatedChannelResponse;
    hooks.secret = webhook.secret;
    const hooked = (await t.http.post(`/api/notification-channels/${webhook.id}/test`).expect(200)).body as ChannelTestResult;
    expect(hooked).toMatchObject({ delivered: true, attempt: { status: 'delivered', responseCode: 204 } });
    const last = hooks.hooks.at(-1)!;
    expect(last.signatureValid).toBe(true);
    expect(last.json).toMatchObject({ version: 1, type: 'test', id: hooked.notificationId, alerts: [] });

    // Rotation: the old secret stops at once.
    const rotated = (await t.http.post(`/api/notification-channels/${webhook.id}/rotate-secret`).expect(200)).body as CreatedChannelResponse;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(webhook.secret);
    await t.http.post(`/api/notification-channels/${webhook.id}/test`).expect(200);
    expect(hooks.hooks.at(-1)!.signatureValid).toBe(false);
    hooks.secret = rotated.secret;
    await t.http.post(`/api/notification-channels/${webhook.id}/test`).expect(200);
    expect(hooks.hooks.at(-1)!.signatureValid).toBe(true);
    expect((await t.http.post(`/api/notification-channels/${email.id}/rotate-secret`).expect(400)).body.error).toBe('bad_request');

    // Nothing listens: the attempt failed, the answer says why (once: tests are not retried).
    const gone = await startWebhookSink();
    await gone.stop();
    const dead = (await create({ kind: 'webhook', name: 'Dead', config: { url: gone.url, timeoutMs: 1000 } }).expect(201)).body as ChannelResponse;
    const failed = (await t.http.post(`/api/notification-channels/${dead.id}/test`).expect(200)).body as ChannelTestResult;
    expect(failed).toMatchObject({ delivered: false, attempt: { status: 'failed', responseCode: null, error: 'ECONNREFUSED' } });
    const detail = (await t.http.get(`/api/notifications/${failed.notificationId}`).expect(200)).body as NotificationDetailResponse;
    expect(detail).toMatchObject({ kind: 'test', status: 'failed', attemptCount: 1, channel: { id: dead.id, name: 'Dead', kind: 'webhook' }, lastError: 'ECONNREFUSED' });
    await t.http.post('/api/notification-channels/01900000-0000-7000-8000-000000000000/test').expect(404);
  });

  it('lists notifications with filters and refuses bad ones', async () => {
    const page = (await t.http.get('/api/notifications?kind=test&pageSize=2').expect(200)).body as { items: unknown[]; total: number; pageSize: number };
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(4);
    const failed = (await t.http.get('/api/notifications?status=failed').expect(200)).body as { items: Array<{ status: string }> };
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.every((i) => i.status === 'failed')).toBe(true);
    expect(issuesOf((await t.http.get('/api/notifications?status=lost').expect(400)).body)).toEqual(['status']);
    expect(issuesOf((await t.http.get('/api/notifications?channelId=x').expect(400)).body)).toEqual(['channelId']);
    expect(issuesOf((await t.http.get('/api/notifications?pageSize=500').expect(400)).body)).toEqual(['pageSize']);
    await t.http.get('/api/notifications/01900000-0000-7000-8000-000000000000').expect(404);
  });

  it('lets members read deliveries but not channels', async () => {
    const member = await loginAs(t, 'member');
    await member.agent.get('/api/notification-channels').expect(403);
    await member.agent.post('/api/notification-channels').send({ kind: 'email', name: 'x', config: { recipients: ['a@b.example'] } }).expect(403);
    await member.agent.get('/api/notifications').expect(200);
    const admin = await loginAs(t, 'admin');
    await admin.agent.get('/api/notification-channels').expect(200);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.anonymous.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/notification-channels']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/notification-channels/{id}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/notification-channels/{id}/test']).toHaveProperty('post');
    expect(doc.paths['/api/notification-channels/{id}/rotate-secret']).toHaveProperty('post');
    expect(doc.paths['/api/notifications']).toHaveProperty('get');
    expect(doc.paths['/api/notifications/{id}']).toHaveProperty('get');
  });
});
