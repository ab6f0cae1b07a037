/**
 * Delivery across processes (the built app, `node dist/main.js`, SPFWATCH_ROLE=worker): a
 * worker SIGKILLed in the middle of an SMTP delivery — its message complete on the wire, the
 * server not yet answering — loses nothing and duplicates nothing: another worker takes the
 * expired lease and delivers the same message (same Message-ID) once. Two live workers deliver
 * each of many messages exactly once. Needs `npm run build -w @spfwatch/api`.
 */
import { createPrismaClient, type PrismaClient } from '@spfwatch/db';
import { startDnsFixture, type DnsFixture } from '@spfwatch/dns-fixture';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service';
import type { PrismaService } from '../../src/prisma/prisma.service';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';
import { seedDomains } from '../support/monitoring/monitoring-app';
import { spawnApi, type ApiProcess } from '../support/monitoring/processes';
import { zoneOf } from './helpers';
import { startSmtpSink, waitFor, type SmtpSink } from './support';

const NAMES = Array.from({ length: 20 }, (_, i) => `crash${i}.example`);
const zone = (all: string) => zoneOf(Object.fromEntries(NAMES.map((n) => [n, `v=spf1 include:_spf.google.com ${all}`])));

describe('delivery when workers die', () => {
  let prisma: PrismaClient;
  let dns: DnsFixture;
  let smtp: SmtpSink;
  let api: TestApp;
  let processes: ApiProcess[] = [];
  let tickNumber = 0;
  const url = () => process.env.DATABASE_URL!;

  const workerEnv = () => ({
    DATABASE_URL: url(),
    SPFWATCH_ROLE: 'worker',
    SCHEDULER_ENABLED: 'false',
    DNS_SERVERS: dns.address,
    DNS_RESOLVER: 'wire',
    DNS_TIMEOUT_MS: '1000',
    WORKER_CONCURRENCY: '2',
    CHECK_JITTER_SECONDS: '0',
    SMTP_URL: smtp.url,
    SMTP_FROM: 'spfwatch@agency.example',
    SMTP_TIMEOUT_MS: '2000',
    NOTIFY_SETTLE_SECONDS: '1',
    NOTIFY_LEASE_SECONDS: '3',
    NOTIFY_RETRY_BASE_SECONDS: '1',
  });

  const start = async (name: string) => {
    const p = spawnApi(name, workerEnv());
    processes.push(p);
    await p.waitFor(/Workers on: deliver-notifications/);
    return p;
  };

  /** A tick checked by the worker processes (this test's app has role api: no workers of its own). */
  async function cycle(): Promise<void> {
    tickNumber++;
    const tick = `2026-11-22T${String(tickNumber).padStart(2, '0')}:00Z`;
    await prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
    await api.app.get(SchedulerService).runTick(tick);
    await waitFor(async () => ((await prisma.checkRun.count({ where: { tick } })) >= NAMES.length ? true : null), 60_000, () => processes.map((p) => p.output().slice(-2000)).join('\n'));
  }

  beforeAll(async () => {
    prisma = createPrismaClient(url());
    await resetDatabase(prisma as unknown as PrismaService);
    dns = await startDnsFixture({ zone: zone('-all'), port: 0 });
    smtp = await startSmtpSink();
    api = await createTestApp({ env: { SPFWATCH_ROLE: 'api' } });
    await seedDomains(prisma as unknown as PrismaService, api.orgId, NAMES);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    processes = [];
  });

  afterAll(async () => {
    await api?.close();
    await prisma?.$disconnect();
    await dns?.stop();
    await smtp?.stop();
  });

  it('a worker killed mid-send: the message is delivered once, by another worker, with the same Message-ID', async () => {
    const victim = await start('victim');
    await cycle();
    await api.http.post('/api/notification-channels').send({ kind: 'email', name: 'Ops', config: { recipients: ['ops@agency.example'] } }).expect(201);

    // Hold the SMTP reply to the first message: the victim waits for it, and dies there.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let dataComplete!: () => void;
    const inFlight = new Promise<void>((resolve) => (dataComplete = resolve));
    smtp.beforeAccept = async () => {
      dataComplete();
      await held;
    };
    dns.setZone(zone('~all'));
    await cycle();
    await inFlight;
    victim.kill('SIGKILL');
    await victim.exited;
    await new Promise((r) => setTimeout(r, 200));
    smtp.beforeAccept = null;
    release();

    const notification = await waitFor(async () => (await prisma.notification.findFirst({ where: { kind: 'alerts' }, include: { attempts: true } })) ?? null);
    expect(notification).toMatchObject({ status: 'sending', attemptCount: 1 });
    expect(notification.attempts).toEqual([expect.objectContaining({ number: 1, status: 'sending', worker: expect.stringMatching(new RegExp(`:${victim.child.pid}$`)) })]);
    await waitFor(() => (smtp.aborted.length > 0 ? true : null));
    expect(smtp.mails).toHaveLength(0);
    expect(smtp.aborted).toHaveLength(1);
    expect(smtp.aborted[0]!.messageId).toBe(notification.messageId);

    const survivor = await start('survivor');
    const [mail] = await smtp.waitForMails(1, 30_000);
    // Longer than a lease and a retry: still one message.
    await new Promise((r) => setTimeout(r, 5000));
    expect(smtp.mails).toHaveLength(1);
    expect(mail!.messageId).toBe(notification.messageId);
    expect(mail!.parsed.subject).toBe('[spfwatch] 20 alerts on 20 domains (20 warning)');

    const after = await prisma.notification.findUniqueOrThrow({ where: { id: notification.id }, include: { attempts: { orderBy: { number: 'asc' } } } });
    expect(after).toMatchObject({ status: 'delivered', attemptCount: 2, leaseOwner: null });
    expect(after.attempts.map((a) => [a.number, a.status, a.responseCode])).toEqual([
      [1, 'abandoned', null],
      [2, 'delivered', 250],
    ]);
    expect(after.attempts[1]!.worker).toMatch(new RegExp(`:${survivor.child.pid}$`));
    // Only one notification was ever made for the tick's 20 alerts.
    expect(await prisma.notification.count({ where: { kind: 'alerts' } })).toBe(1);
  }, 120_000);

  it('two live workers deliver each of many messages exactly once', async () => {
    smtp.mails.length = 0;
    await prisma.notificationChannel.deleteMany();
    for (let i = 0; i < 12; i++) {
      await api.http.post('/api/notification-channels').send({ kind: 'email', name: `Team ${i}`, config: { recipients: [`team${i}@agency.example`] } }).expect(201);
    }
    await Promise.all([start('worker-1'), start('worker-2')]);
    dns.setZone(zone('-all'));
    await cycle();
    dns.setZone(zone('?all'));
    await cycle();
    await smtp.waitForMails(12, 30_000);
    await new Promise((r) => setTimeout(r, 4000));
    expect(smtp.mails).toHaveLength(12);
    expect(new Set(smtp.mails.map((m) => m.messageId)).size).toBe(12);
    expect(new Set(smtp.mails.map((m) => m.envelopeTo[0])).size).toBe(12);
    const rows = await prisma.notification.findMany({ where: { kind: 'alerts', status: 'delivered' }, include: { attempts: true } });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.attemptCount === 1 && r.attempts.length === 1)).toBe(true);
  }, 120_000);
});
