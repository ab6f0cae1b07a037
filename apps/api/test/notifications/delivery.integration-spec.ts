/**
 * Alerts reach email, webhook and Slack channels through the outbox: a real SMTP server and a
 * real HTTP receiver on loopback, real checks against a loopback DNS fixture, the in-process
 * pg-boss worker delivering. Outages: the receivers refuse for a while, then accept — every
 * message arrives once; past the retry budget a notification is failed and listed as such.
 */
import type { NotificationDetailDto, NotificationPageDto } from '../../src/modules/notifications/dto/notification.dto';
import { seedDomains, startNotifyApp, zoneOf, type NotifyApp } from './helpers';
import { startSmtpSink, startWebhookSink, waitFor, type SmtpSink, type WebhookSink } from './support';

const OK = 'v=spf1 include:_spf.google.com -all';
const LOOSE = 'v=spf1 include:_spf.google.com ip4:198.51.100.7 ?all';

describe('alert delivery (SMTP and webhooks on loopback)', () => {
  let n: NotifyApp;
  let smtp: SmtpSink;
  let hooks: WebhookSink;
  let domains: Map<string, string>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
    n = await startNotifyApp(zoneOf({ 'acme.example': OK, 'beta.example': OK }), { SMTP_URL: smtp.url, SMTP_FROM: 'spfwatch <alerts@agency.example>', NOTIFY_MAX_ATTEMPTS: 3 });
  });

  beforeEach(async () => {
    smtp.mails.length = 0;
    smtp.refusals.length = 0;
    smtp.refuseWith = null;
    hooks.hooks.length = 0;
    hooks.failWith = null;
    hooks.failures = 0;
    await n.t.prisma.notificationChannel.deleteMany();
    await n.t.prisma.domain.deleteMany();
    n.dns.setZone(zoneOf({ 'acme.example': OK, 'beta.example': OK }));
    domains = await seedDomains(n.t.prisma, n.t.orgId, ['acme.example', 'beta.example'], 'Acme Corp');
    await n.check(domains.values());
  });

  afterAll(async () => {
    await n?.close();
    await smtp?.stop();
    await hooks?.stop();
  });

  const notifications = async (query = '') => (await n.t.http.get(`/api/notifications${query}`).expect(200)).body as NotificationPageDto;
  const detail = async (id: string) => (await n.t.http.get(`/api/notifications/${id}`).expect(200)).body as NotificationDetailDto;

  it('emails one message per check with what changed, why it matters, what to do, the records and a link', async () => {
    await n.channel({ kind: 'email', name: 'Ops', config: { recipients: ['ops@agency.example', 'noc@agency.example'] }, minSeverity: 'info' });
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
    await n.check([domains.get('acme.example')!]);

    const [mail] = await smtp.waitForMails(1);
    expect(mail!.envelopeTo.sort()).toEqual(['noc@agency.example', 'ops@agency.example']);
    expect(mail!.parsed.from?.value).toEqual([{ name: 'spfwatch', address: 'alerts@agency.example' }]);
    // all_loosened (warning) and record_changed (info): one message for both.
    expect(mail!.parsed.subject).toBe('[spfwatch] 2 alerts on 1 domain (1 warning, 1 info)');
    const text = mail!.parsed.text ?? '';
    expect(text).toContain('SPF policy of acme.example loosened from -all to ?all');
    expect(text).toContain('What changed:');
    expect(text).toMatch(/Record before: v=spf1 include:_spf\.google\.com -all/);
    expect(text).toMatch(/Record after: +v=spf1 include:_spf\.google\.com ip4:198\.51\.100\.7 \?all/);
    expect(text).toContain('Why it matters: The SPF policy of acme.example loosened');
    expect(text).toContain('What to do: Restore "-all"');
    expect(text).toContain(`https://spf.agency.example/domains/${domains.get('acme.example')}`);
    const html = String(mail!.parsed.html);
    expect(html).toContain(`<a href="https://spf.agency.example/domains/${domains.get('acme.example')}">acme.example</a>`);
    expect(html).toContain('<strong>What to do</strong>');
    expect(html).toContain('ip4:198.51.100.7 ?all');

    const page = await notifications();
    expect(page.items).toHaveLength(1);
    const sent = await detail(page.items[0]!.id);
    expect(sent).toMatchObject({ kind: 'alerts', status: 'delivered', alertCount: 2, attemptCount: 1, lastError: null });
    expect(sent.digestKey).toMatch(/^at:/);
    // The Message-ID was fixed before sending, and is what the server got.
    expect(mail!.messageId).toBe(sent.messageId);
    expect(sent.messageId).toBe(`<${sent.id}@agency.example>`);
    expect(mail!.parsed.headers.get('x-spfwatch-delivery')).toBe(sent.id);
    expect(sent.attempts).toEqual([expect.objectContaining({ number: 1, status: 'delivered', responseCode: 250, error: null })]);
    expect(sent.attempts[0]!.response).toMatch(/^250 /);
  });

  it('signs webhook deliveries (HMAC-SHA256 of the raw body) with the documented payload, and speaks Slack', async () => {
    const webhook = await n.channel({ kind: 'webhook', name: 'SIEM', config: { url: hooks.url, timeoutMs: 2000 } });
    hooks.secret = webhook.secret;
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const slack = await startWebhookSink('/services/T000/B000/XXXX');
    try {
      await n.channel({ kind: 'slack', name: 'Slack #dns', config: { url: slack.url } });
      n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
      await n.check([domains.get('acme.example')!]);

      const [hook] = await hooks.waitForHooks(1);
      expect(hook!.signatureValid).toBe(true);
      expect(hook!.headers['content-type']).toBe('application/json');
      expect(hook!.headers['x-spfwatch-event']).toBe('alerts');
      expect(Number(hook!.headers['x-spfwatch-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
      const body = hook!.json as { version: number; id: string; type: string; sentAt: string; organization: { id: string }; alerts: Array<Record<string, unknown>> };
      expect(body.id).toBe(hook!.headers['x-spfwatch-delivery']);
      expect(body).toMatchObject({ version: 1, type: 'alerts', organization: { id: n.t.orgId } });
      expect(new Date(body.sentAt).getTime() / 1000).toBeCloseTo(Number(hook!.headers['x-spfwatch-timestamp']), 0);
      // minSeverity warning (the default): the info record_changed alert is not sent here.
      expect(body.alerts).toEqual([
        expect.objectContaining({
          type: 'all_loosened',
          severity: 'warning',
          state: 'open',
          domain: 'acme.example',
          domainId: domains.get('acme.example'),
          client: { id: expect.any(String), name: 'Acme Corp' },
          title: 'SPF policy of acme.example loosened from -all to ?all',
          detail: expect.objectContaining({ from: '-', to: '?' }),
          url: `https://spf.agency.example/domains/${domains.get('acme.example')}`,
          providerEvent: null,
        }),
      ]);
      // A tampered body or another secret does not verify.
      const { verifySignature } = await import('./support');
      expect(verifySignature(webhook.secret!, hook!.body.replace('acme', 'acmf'), hook!.headers['x-spfwatch-signature'] as string)).toBe(false);
      expect(verifySignature('whsec_other', hook!.body, hook!.headers['x-spfwatch-signature'] as string)).toBe(false);

      const [message] = await slack.waitForHooks(1);
      expect(message!.headers['x-spfwatch-signature']).toBeUndefined();
      const payload = message!.json as { text: string; blocks: Array<{ type: string; text?: { text: string } }> };
      expect(payload.text).toBe('spfwatch: WARNING: SPF policy of acme.example loosened from -all to ?all');
      expect(payload.blocks.map((b) => b.type)).toEqual(['header', 'section']);
      expect(payload.blocks[1]!.text!.text).toContain(`<https://spf.agency.example/domains/${domains.get('acme.example')}|acme.example>`);
    } finally {
      await slack.stop();
    }
  });

  it('routes by binding: a client channel gets its client only, a domain channel its domain only', async () => {
    const acme = await n.t.prisma.client.findFirstOrThrow({ where: { name: 'Acme Corp' } });
    const other = await n.t.prisma.client.create({ data: { organizationId: n.t.orgId, name: 'Other client' } });
    await n.channel({ kind: 'email', name: 'Acme contact', clientId: acme.id, config: { recipients: ['it@acme.example'] } });
    await n.channel({ kind: 'email', name: 'Other contact', clientId: other.id, config: { recipients: ['it@other.example'] } });
    await n.channel({ kind: 'email', name: 'beta owner', domainId: domains.get('beta.example')!, config: { recipients: ['owner@beta.example'] } });
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': LOOSE }));
    await n.check(domains.values());

    // Two manual checks (settle delay 0 here): the client channel may get them in one or two messages.
    const textOf = (to: string) => smtp.mails.filter((m) => m.envelopeTo.join(',') === to).map((m) => m.parsed.text ?? '').join('\n');
    await waitFor(() => (textOf('it@acme.example').includes('beta.example loosened') && textOf('it@acme.example').includes('acme.example loosened') && textOf('owner@beta.example') ? true : null));
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.every((m) => m.envelopeTo.length === 1)).toBe(true);
    expect(new Set(smtp.mails.map((m) => m.envelopeTo[0]))).toEqual(new Set(['it@acme.example', 'owner@beta.example']));
    expect(textOf('it@acme.example')).toContain('acme.example loosened');
    expect(textOf('it@acme.example')).toContain('beta.example loosened');
    expect(textOf('owner@beta.example')).toContain('beta.example loosened');
    expect(textOf('owner@beta.example')).not.toContain('acme.example loosened');
  });

  it('SMTP refusing (421) for a while: retried with backoff, delivered once when it accepts, every attempt recorded', async () => {
    await n.channel({ kind: 'email', name: 'Ops', config: { recipients: ['ops@agency.example'] } });
    smtp.refuseWith = 421;
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
    await n.check([domains.get('acme.example')!]);

    await waitFor(() => (smtp.refusals.length >= 2 ? true : null), 15_000, () => `${smtp.refusals.length} refusals`);
    smtp.refuseWith = null;
    await smtp.waitForMails(1);
    // Nothing more comes (no duplicate from an earlier attempt).
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.mails).toHaveLength(1);

    const [item] = (await notifications()).items;
    const sent = await detail(item!.id);
    expect(sent.status).toBe('delivered');
    expect(sent.attempts.length).toBe(smtp.refusals.length + 1);
    expect(sent.attempts.slice(0, -1).every((a) => a.status === 'failed' && a.responseCode === 421)).toBe(true);
    expect(sent.attempts.at(-1)).toMatchObject({ status: 'delivered', responseCode: 250 });
    expect(smtp.mails[0]!.messageId).toBe(sent.messageId);
    // Backoff: the second retry waited longer than the first.
    const starts = sent.attempts.map((a) => Date.parse(a.startedAt));
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(900);
  });

  it('a webhook answering 503 for a while: delivered once after recovery, with the same delivery id', async () => {
    const webhook = await n.channel({ kind: 'webhook', name: 'SIEM', config: { url: hooks.url } });
    hooks.secret = webhook.secret;
    hooks.failWith = 503;
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
    await n.check([domains.get('acme.example')!]);
    await waitFor(() => (hooks.failures >= 2 ? true : null), 15_000);
    hooks.failWith = null;
    const [hook] = await hooks.waitForHooks(1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(hooks.hooks).toHaveLength(1);
    const sent = await detail((await notifications()).items[0]!.id);
    expect(hook!.headers['x-spfwatch-delivery']).toBe(sent.id);
    expect(hook!.signatureValid).toBe(true);
    expect(sent.attempts.filter((a) => a.status === 'failed').every((a) => a.responseCode === 503 && a.response === 'down for maintenance')).toBe(true);
    expect(sent.attempts.at(-1)).toMatchObject({ status: 'delivered', responseCode: 204 });
  });

  it('past the retry budget a notification is failed and listed by GET /api/notifications?status=failed', async () => {
    hooks.failWith = 500;
    await n.channel({ kind: 'webhook', name: 'Broken receiver', config: { url: hooks.url } });
    await n.channel({ kind: 'email', name: 'Ops', config: { recipients: ['ops@agency.example'] } });
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
    await n.check([domains.get('acme.example')!]);

    const failed = await waitFor(async () => {
      const page = await notifications('?status=failed');
      return page.total === 1 ? page : null;
    }, 20_000);
    expect(failed.items[0]).toMatchObject({ status: 'failed', attemptCount: 3, lastError: 'HTTP 500', channel: { name: 'Broken receiver', kind: 'webhook' }, nextAttemptAt: null });
    expect(hooks.failures).toBe(3);
    expect((await notifications('?status=delivered')).items.map((i) => i.channel.name)).toEqual(['Ops']);
    const attempts = (await detail(failed.items[0]!.id)).attempts;
    expect(attempts.map((a) => [a.number, a.status, a.responseCode])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'failed', 500],
    ]);
  });

  it('a disabled channel gets nothing; its pending messages are cancelled', async () => {
    const channel = await n.channel({ kind: 'email', name: 'Ops', config: { recipients: ['ops@agency.example'] }, enabled: false });
    n.dns.setZone(zoneOf({ 'acme.example': LOOSE, 'beta.example': OK }));
    await n.check([domains.get('acme.example')!]);
    await n.delivery.runOnce();
    expect(await n.t.prisma.notificationOutbox.count()).toBe(0);

    // Enabled, a message queued, disabled before it goes: cancelled.
    await n.t.http.patch(`/api/notification-channels/${channel.id}`).send({ enabled: true }).expect(200);
    await n.t.prisma.notification.create({
      data: { organizationId: n.t.orgId, channelId: channel.id, kind: 'alerts', digestKey: 'at:test', messageId: '<x@agency.example>', alertIds: [], nextAttemptAt: new Date(Date.now() + 3_600_000) },
    });
    await n.t.http.patch(`/api/notification-channels/${channel.id}`).send({ enabled: false }).expect(200);
    await n.t.prisma.notification.updateMany({ data: { nextAttemptAt: new Date() } });
    await n.delivery.runOnce();
    expect((await notifications()).items.map((i) => [i.status, i.lastError])).toEqual([['cancelled', 'The channel is disabled']]);
    expect(smtp.mails).toHaveLength(0);
  });
});
