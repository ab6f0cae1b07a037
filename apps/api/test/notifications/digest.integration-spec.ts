/**
 * Digest: a provider change that breaks 300 domains in one check cycle is ONE message per
 * channel (per recipient list), not 300 — scheduler tick → check-domain jobs → workers → check
 * transactions writing the outbox → one assembled notification per channel after the settle delay.
 */
import type { Zone } from '@spfwatch/dns-fixture';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service';
import type { NotificationPageDto } from '../../src/modules/notifications/dto/notification.dto';
import { seedDomains, startNotifyApp, type NotifyApp } from './helpers';
import { startSmtpSink, startWebhookSink, waitFor, type SmtpSink, type WebhookSink } from './support';

const COUNT = 300;
const ACME = 200;
const NAMES = Array.from({ length: COUNT }, (_, i) => `d${String(i).padStart(3, '0')}.example`);
const PROVIDER = '_spf.provider.example';

/** Every domain includes the provider; `grown`: the provider now chains 10 includes (11 lookups per domain). */
function fleetZone(grown: boolean): Zone {
  const records: Record<string, { TXT: string[] }> = {};
  const parts = Array.from({ length: 10 }, (_, i) => `_p${i}.provider.example`);
  for (const [i, part] of parts.entries()) records[part] = { TXT: [`v=spf1 ip4:203.0.113.${i} -all`] };
  records[PROVIDER] = { TXT: [grown ? `v=spf1 ${parts.map((p) => `include:${p}`).join(' ')} -all` : 'v=spf1 ip4:198.51.100.0/24 -all'] };
  for (const name of NAMES) records[name] = { TXT: [`v=spf1 include:${PROVIDER} -all`] };
  return { ttl: 60, records };
}

describe('digest: one message per channel for a provider change across 300 domains', () => {
  let n: NotifyApp;
  let smtp: SmtpSink;
  let hooks: WebhookSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
    n = await startNotifyApp(fleetZone(false), { SMTP_URL: smtp.url, SMTP_FROM: 'spfwatch@agency.example', NOTIFY_SETTLE_SECONDS: 3, WORKER_CONCURRENCY: 4 });
    await seedDomains(n.t.prisma, n.t.orgId, NAMES.slice(0, ACME), 'Acme');
    await seedDomains(n.t.prisma, n.t.orgId, NAMES.slice(ACME), 'Beta');
  }, 60_000);

  afterAll(async () => {
    await n?.close();
    await smtp?.stop();
    await hooks?.stop();
  });

  async function cycle(tick: string): Promise<void> {
    await n.t.prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
    const result = await n.t.app.get(SchedulerService).runTick(tick);
    expect(result).toMatchObject({ status: 'enqueued', enqueued: COUNT });
    await waitFor(async () => ((await n.t.prisma.checkRun.count({ where: { tick } })) >= COUNT ? true : null), 60_000);
  }

  it('sends one email per recipient list and one webhook, each naming every affected domain', async () => {
    await cycle('2026-11-22T10:00Z');
    expect(await n.t.prisma.alert.count()).toBe(0);

    const acme = await n.t.prisma.client.findFirstOrThrow({ where: { name: 'Acme' } });
    await n.channel({ kind: 'email', name: 'Agency ops', config: { recipients: ['ops@agency.example', 'noc@agency.example'] } });
    await n.channel({ kind: 'email', name: 'Acme IT', clientId: acme.id, config: { recipients: ['it@acme.example'] } });
    const webhook = await n.channel({ kind: 'webhook', name: 'SIEM', config: { url: hooks.url } });
    hooks.secret = webhook.secret;

    n.dns.setZone(fleetZone(true));
    const started = Date.now();
    await cycle('2026-11-22T11:00Z');
    expect(await n.t.prisma.alert.count({ where: { type: 'lookup_limit', state: 'open' } })).toBe(COUNT);
    // The cycle's check transactions wrote several outbox rows (one per transaction and channel)...
    const outboxRows = await n.t.prisma.notificationOutbox.count();
    expect(outboxRows).toBeGreaterThanOrEqual(3);

    await smtp.waitForMails(2, 30_000);
    await hooks.waitForHooks(1, 30_000);
    const settledMs = Date.now() - started;
    // ...and nothing more comes: a settle delay and a pass later, still two emails and one webhook.
    await new Promise((r) => setTimeout(r, 4000));
    await n.delivery.runOnce();
    expect(smtp.mails).toHaveLength(2);
    expect(hooks.hooks).toHaveLength(1);

    const agency = smtp.mails.find((m) => m.envelopeTo.includes('ops@agency.example'))!;
    expect(agency.envelopeTo.sort()).toEqual(['noc@agency.example', 'ops@agency.example']);
    expect(agency.parsed.subject).toBe(`[spfwatch] ${PROVIDER} changed: ${COUNT} domains affected (${COUNT} critical)`);
    const text = agency.parsed.text ?? '';
    expect(text).toContain(`PROVIDER CHANGE: ${PROVIDER} changed`);
    expect(text).toContain('Why it matters: it broke 300 domains of yours.');
    for (const name of NAMES) expect(text).toContain(`] ${name} (`);

    const client = smtp.mails.find((m) => m.envelopeTo.includes('it@acme.example'))!;
    expect(client.envelopeTo).toEqual(['it@acme.example']);
    expect(client.parsed.subject).toBe(`[spfwatch] ${PROVIDER} changed: ${ACME} domains affected (${ACME} critical)`);
    expect(client.parsed.text).toContain('] d199.example (Acme)');
    expect(client.parsed.text).not.toContain('d200.example');

    const [hook] = hooks.hooks;
    expect(hook!.signatureValid).toBe(true);
    const alerts = hook!.json.alerts as Array<{ domain: string; type: string; providerEvent: { includeDomain: string } | null }>;
    expect(alerts).toHaveLength(COUNT);
    expect(new Set(alerts.map((a) => a.domain)).size).toBe(COUNT);
    expect(alerts.every((a) => a.type === 'lookup_limit' && a.providerEvent?.includeDomain === PROVIDER)).toBe(true);

    const page = (await n.t.http.get('/api/notifications').expect(200)).body as NotificationPageDto;
    expect(page.items.map((i) => [i.channel.name, i.alertCount, i.status, i.digestKey]).sort()).toEqual([
      ['Acme IT', ACME, 'delivered', 'tick:2026-11-22T11:00Z'],
      ['Agency ops', COUNT, 'delivered', 'tick:2026-11-22T11:00Z'],
      ['SIEM', COUNT, 'delivered', 'tick:2026-11-22T11:00Z'],
    ]);
    expect(await n.t.prisma.notificationOutbox.count({ where: { notificationId: null } })).toBe(0);
    // For the report: how long from the tick to the last delivery.
    console.log(`digest: ${COUNT} alerts in ${outboxRows} outbox rows → 3 messages; delivered ${settledMs} ms after the tick started (settle 3 s)`);
  }, 120_000);
});
