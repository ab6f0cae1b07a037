/**
 * Quiet hours hold a channel's deliveries until the window ends (in the channel's time zone);
 * other channels are not held. The clock is a manual one; delivery passes are run by hand
 * after moving it (the in-process worker runs them too, which changes nothing).
 */
import { ManualClock } from '../../src/common/clock';
import type { NotificationPageDto } from '../../src/modules/notifications/dto/notification.dto';
import { seedDomains, startNotifyApp, zoneOf, type NotifyApp } from './helpers';
import { startSmtpSink, waitFor, type SmtpSink } from './support';

describe('quiet hours', () => {
  let n: NotifyApp;
  let smtp: SmtpSink;
  const clock = new ManualClock('2026-12-01T22:30:00.000Z'); // 23:30 in Paris

  beforeAll(async () => {
    smtp = await startSmtpSink();
    n = await startNotifyApp(zoneOf({ 'acme.example': 'v=spf1 include:_spf.google.com -all' }), { SMTP_URL: smtp.url }, clock);
  });

  afterAll(async () => {
    await n?.close();
    await smtp?.stop();
  });

  it('holds deliveries until the end of the window, then sends them', async () => {
    const domains = await seedDomains(n.t.prisma, n.t.orgId, ['acme.example']);
    await n.check(domains.values());
    await n.channel({ kind: 'email', name: 'Night owls', config: { recipients: ['owls@agency.example'] } });
    await n.channel({ kind: 'email', name: 'Sleepers', config: { recipients: ['sleepers@agency.example'] }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' } });

    n.dns.setZone(zoneOf({ 'acme.example': 'v=spf1 include:_spf.google.com +all' }));
    await n.check(domains.values());
    await n.delivery.runOnce();
    await smtp.waitForMails(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.map((m) => m.envelopeTo[0])).toEqual(['owls@agency.example']);

    const held = ((await n.t.http.get('/api/notifications?status=pending').expect(200)).body as NotificationPageDto).items;
    // 07:00 in Paris on 2 December (UTC+1).
    expect(held.map((h) => [h.channel.name, h.attemptCount, h.nextAttemptAt])).toEqual([['Sleepers', 0, '2026-12-02T06:00:00.000Z']]);

    clock.at('2026-12-02T05:59:00.000Z');
    await n.delivery.runOnce();
    expect(smtp.mails).toHaveLength(1);

    clock.at('2026-12-02T06:00:00.000Z');
    await n.delivery.runOnce();
    await waitFor(() => (smtp.mails.length === 2 ? true : null));
    expect(smtp.mails[1]!.envelopeTo).toEqual(['sleepers@agency.example']);
    expect(smtp.mails[1]!.parsed.subject).toContain('acme.example');
    const delivered = ((await n.t.http.get('/api/notifications?status=delivered').expect(200)).body as NotificationPageDto).items;
    expect(delivered.map((d) => [d.channel.name, d.attemptCount]).sort()).toEqual([
      ['Night owls', 1],
      ['Sleepers', 1],
    ]);
  });
});
