import { startDnsFixture, type DnsFixture } from '@spfwatch/dns-fixture';
import {
  bootstrap,
  DEFAULT_REPORT_CRON,
  nextSlots,
  ReportScheduleService,
  SchedulerRegistry,
  SchedulerService,
  tickIdOf,
  type RunningApp,
} from '@spfwatch/api/dist/embedding';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { DemoApiClient } from './api-client';
import { AGENCY_ONCALL, DEMO_CLIENTS, DEMO_DAYS, DEMO_DOMAINS, DEMO_ORGANIZATION } from './fleet/demo-fleet';
import { zoneOnDay } from './fleet/demo-zone';
import { loadProviderVersions } from './fleet/providers';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { ReplayClock } from './replay-clock';

/** The documented demo account (created by the API in demo mode only). */
export const DEMO_LOGIN = { email: 'demo@example.com', password: 'demo-password' } as const;

const DAY_MS = 86_400_000;
/** Marks a data directory as the demo's own, so that a new run may wipe it. */
const MARKER = '.spfwatch-demo';

export interface DemoOptions {
  /** The app's port (the PORT rule: default 3000; 0 = any free port). */
  port?: number;
  /** The caught-emails page's port (default: the app's port + 1; 0 = any free port). */
  mailPort?: number;
  /** Where the demo keeps its embedded Postgres and caught emails (wiped at each start). */
  dataDir?: string;
  /** Days of history to replay (default 42). */
  days?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface ReplayStats {
  days: number;
  ticks: number;
  checks: number;
  weeklyReportSlots: number;
  reports: number;
  emails: number;
  seconds: number;
}

export interface RunningDemo {
  /** http://localhost:PORT */
  url: string;
  /** The caught-emails page. */
  mailUrl: string;
  mailDir: string;
  dnsAddress: string;
  stats: ReplayStats;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Demo: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A fresh data directory: refuses to wipe a directory that is not the demo's own. */
function freshDataDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, MARKER))) {
    throw new Error(`${dir} exists and is not a demo directory: choose another SPFWATCH_DEMO_DIR (the demo wipes its directory at each start)`);
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'spfwatch demo data: wiped at every `npm run demo`\n');
}

/**
 * `npm run demo`: a DNS server on loopback with the demo agency's fifty domains, an SMTP
 * catcher, and spfwatch itself (demo mode, embedded Postgres) on a clock that replays six weeks:
 * each day's zone version is served, the day's scheduler tick runs through the queue and the
 * workers, Mondays' weekly reports are generated and mailed — then the clock joins the present
 * and the scheduler goes on as usual. Everything the dashboard shows comes from that pipeline.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? (() => {});
  const days = options.days ?? DEMO_DAYS;
  const started = Date.now();
  const dataDir = resolve(options.dataDir ?? '.spfwatch/demo');
  freshDataDir(dataDir);
  const port = options.port === 0 ? await freePort() : (options.port ?? 3000);
  const mailPort = options.mailPort ?? (options.port === 0 ? 0 : port + 1);

  const providers = loadProviderVersions();
  const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const first = new Date(end.getTime() - days * DAY_MS);
  const clock = new ReplayClock(new Date(first.getTime() - 30 * 60_000));

  let dns: DnsFixture | undefined;
  let mail: MailCatcher | undefined;
  let app: RunningApp | undefined;
  const stop = async () => {
    await app?.close().catch(() => {});
    await mail?.stop().catch(() => {});
    await dns?.stop().catch(() => {});
  };
  try {
    dns = await startDnsFixture({ zone: zoneOnDay(0, providers), host: '127.0.0.1', port: 0 });
    mail = await startMailCatcher({ dir: join(dataDir, 'mail'), pagePort: mailPort });
    const url = `http://localhost:${port}`;
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    app = await bootstrap({
      clock,
      env: {
        ...inherited,
        PORT: String(port),
        SPFWATCH_ROLE: 'all',
        SPFWATCH_DEMO: 'true',
        SPFWATCH_DATA_DIR: join(dataDir, 'pg'),
        PUBLIC_URL: url,
        DNS_SERVERS: dns.address,
        DNS_RESOLVER: 'wire',
        DNS_TIMEOUT_MS: '300',
        CHECK_JITTER_SECONDS: '0',
        WORKER_CONCURRENCY: '4',
        SMTP_URL: mail.smtpUrl,
        SMTP_FROM: 'spfwatch <spfwatch@northstar-it.example>',
        NOTIFY_SETTLE_SECONDS: '1',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    });
    const running = app;
    // The crons follow the real minute; while the past is replayed, the demo fires ticks itself.
    const crons = [...running.app.get(SchedulerRegistry).getCronJobs().values()];
    for (const job of crons) void job.stop();

    const api = new DemoApiClient(url);
    await api.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    // Organization settings are the owner's (a session); the rest an admin token can do.
    await api.patch('/api/organization', { name: DEMO_ORGANIZATION.name, timeZone: DEMO_ORGANIZATION.timeZone });
    // Six weeks pass on the app's clock: a session would expire; a token (revoked at the end) does not.
    const token = await api.post<{ id: string; token: string }>('/api/tokens', { name: 'Demo history replay', role: 'admin' });
    api.useToken(token.token);
    await setUpAgency(api);
    log(`Agency set up: ${DEMO_CLIENTS.length} clients, ${DEMO_DOMAINS.length} domains; replaying ${days} days of history…`);

    const stats = await replay({ running, api, dns, clock, providers, first, end, days, log, databaseUrl: running.database.url });
    clock.release();
    for (const job of crons) job.start();
    // Tokens are managed by people: sign in again (the clock is the present now) to revoke it.
    api.useToken(null);
    await api.login(DEMO_LOGIN.email, DEMO_LOGIN.password);
    await api.delete(`/api/tokens/${token.id}`);
    stats.emails = (await mail.list()).length;
    stats.seconds = Math.round((Date.now() - started) / 100) / 10;
    return { url, mailUrl: mail.pageUrl, mailDir: mail.dir, dnsAddress: dns.address, stats, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface IdName {
  id: string;
  name: string;
}

/** The agency as a user would set it up: clients, a CSV import, email channels. */
async function setUpAgency(api: DemoApiClient): Promise<void> {
  const clients = new Map<string, string>();
  for (const client of DEMO_CLIENTS) {
    const created = await api.post<IdName>('/api/clients', { name: client.name, notes: client.notes });
    clients.set(client.name, created.id);
  }
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = ['client,domain,tags', ...DEMO_DOMAINS.map((d) => [quote(d.client), d.name, quote(d.tags.join(';'))].join(','))].join('\n');
  const report = await api.post<{ created: number; duplicates: number; invalid: number }>('/api/domains/import', { text: csv });
  if (report.created !== DEMO_DOMAINS.length) throw new Error(`Demo: the import created ${report.created} of ${DEMO_DOMAINS.length} domains: ${JSON.stringify(report)}`);

  await api.post('/api/notification-channels', { kind: 'email', name: 'Agency on-call', config: { recipients: [AGENCY_ONCALL] }, minSeverity: 'warning', events: ['alerts'] });
  for (const client of DEMO_CLIENTS) {
    if (!client.reportRecipients) continue;
    await api.post('/api/notification-channels', {
      kind: 'email',
      name: `${client.name} IT`,
      clientId: clients.get(client.name),
      config: { recipients: client.reportRecipients },
      minSeverity: 'critical',
      events: ['alerts', 'reports'],
    });
  }
}

interface CycleProgress {
  tick: string | null;
  total: number;
  done: number;
  pending: number;
}

/** Replays the days: each day's zone, then its tick through the queue; Monday reports in between. */
async function replay(ctx: {
  running: RunningApp;
  api: DemoApiClient;
  dns: DnsFixture;
  clock: ReplayClock;
  providers: ReadonlyMap<string, readonly string[]>;
  first: Date;
  end: Date;
  days: number;
  log: (line: string) => void;
  databaseUrl: string;
}): Promise<ReplayStats> {
  const scheduler = ctx.running.app.get(SchedulerService);
  const reportSchedule = ctx.running.app.get(ReportScheduleService);
  const slots = nextSlots(DEFAULT_REPORT_CRON, DEMO_ORGANIZATION.timeZone, ctx.first, Math.ceil(ctx.days / 7) + 1).filter((s) => s.getTime() <= ctx.end.getTime());
  type Step = { at: Date; kind: 'tick'; day: number } | { at: Date; kind: 'reports' };
  const steps: Step[] = [
    ...Array.from({ length: ctx.days + 1 }, (_, day): Step => ({ at: new Date(ctx.first.getTime() + day * DAY_MS), kind: 'tick', day })),
    // A minute after the slot, as the report cron's pass would find it.
    ...slots.map((slot): Step => ({ at: new Date(slot.getTime() + 60_000), kind: 'reports' })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  const stats: ReplayStats = { days: ctx.days, ticks: 0, checks: 0, weeklyReportSlots: 0, reports: 0, emails: 0, seconds: 0 };
  const clientsWithDomains = new Set(DEMO_DOMAINS.map((d) => d.client)).size;
  for (const step of steps) {
    ctx.clock.at(step.at);
    if (step.kind === 'tick') {
      ctx.dns.setZone(zoneOnDay(step.day, ctx.providers));
      const tick = tickIdOf(step.at);
      const result = await scheduler.runTick(tick);
      await waitUntil(`tick ${tick}`, async () => {
        const progress = await ctx.api.get<CycleProgress>('/api/checks/cycle');
        return progress.tick === tick && progress.done >= progress.total && progress.pending === 0 ? progress : null;
      });
      stats.ticks += 1;
      stats.checks += result.enqueued;
      if (step.day % 7 === 0 || step.day === ctx.days) ctx.log(`  day ${step.day}/${ctx.days} (${step.at.toISOString().slice(0, 10)}) checked`);
    } else {
      const before = (await ctx.api.get<{ total: number }>('/api/reports?kind=weekly&pageSize=1')).total;
      const enqueued = await reportSchedule.enqueueDue(ctx.clock.now());
      if (enqueued.length > 0) {
        stats.weeklyReportSlots += 1;
        await waitUntil('the weekly reports', async () => {
          const { total } = await ctx.api.get<{ total: number }>('/api/reports?kind=weekly&pageSize=1');
          return total >= before + clientsWithDomains ? total : null;
        });
      }
    }
  }
  stats.reports = (await ctx.api.get<{ total: number }>('/api/reports?kind=weekly&pageSize=1')).total;
  await waitForDeliveries(ctx.databaseUrl);
  return stats;
}

/** Until every outbox entry became a message and every message was sent (or failed for good). */
async function waitForDeliveries(databaseUrl: string): Promise<void> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    await waitUntil('the notifications to be delivered', async () => {
      const { rows } = await db.query<{ waiting: number }>(
        `SELECT (SELECT count(*) FROM notification_outbox WHERE notification_id IS NULL)::int
              + (SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending'))::int AS waiting`,
      );
      return rows[0]!.waiting === 0 ? true : null;
    });
  } finally {
    await db.end();
  }
}
