/**
 * Several spfwatch processes (the built app, `node dist/main.js`, SPFWATCH_ROLE=worker)
 * against one database: ticks are enqueued once whatever the number of schedulers, every
 * due domain is checked exactly once per tick, the jobs of a worker killed with SIGKILL
 * are retried by another without loss or duplicates, and a worker stopped with SIGTERM finishes
 * what it holds and exits cleanly. Needs `npm run build -w @spfwatch/api`.
 */
import { createPrismaClient, createQueue, type PrismaClient } from '@spfwatch/db';
import { startDnsFixture, type DnsFixture, type Zone } from '@spfwatch/dns-fixture';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service';
import type { PrismaService } from '../../src/prisma/prisma.service';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';
import { seedDomains } from '../support/monitoring/monitoring-app';
import { spawnApi, type ApiProcess } from '../support/monitoring/processes';

const COUNT = 240;
const NAMES = Array.from({ length: COUNT }, (_, i) => `m${i}.example`);

function fleetZone(delayMs: number): Zone {
  const records: Record<string, object> = {
    '_spf.google.com': { TXT: 'v=spf1 ip4:64.233.160.0/19 ~all' },
    'sendgrid.net': { TXT: 'v=spf1 ip4:167.89.0.0/17 ~all' },
  };
  NAMES.forEach((name, i) => {
    records[name] = {
      TXT: `v=spf1 ip4:192.0.2.${i % 250} include:${i % 2 ? '_spf.google.com' : 'sendgrid.net'} -all`,
      ...(delayMs > 0 ? { behaviour: { TXT: { delayMs } } } : {}),
    };
  });
  return { ttl: 300, records } as Zone;
}

describe('several processes against one database', () => {
  let prisma: PrismaClient;
  let fixture: DnsFixture;
  let processes: ApiProcess[] = [];
  const url = () => process.env.DATABASE_URL!;

  const workerEnv = (extra: Record<string, string>) => ({
    DATABASE_URL: url(),
    SPFWATCH_ROLE: 'worker',
    DNS_SERVERS: fixture.address,
    DNS_RESOLVER: 'wire',
    DNS_TIMEOUT_MS: '3000',
    WORKER_CONCURRENCY: '2',
    CHECK_JITTER_SECONDS: '0',
    ...extra,
  });

  /** (domain, tick) pairs of a tick with their number of CheckRuns. */
  const runsPerDomain = (tick: string) =>
    prisma.$queryRaw<Array<{ domain_id: string; n: number }>>`SELECT domain_id::text, count(*)::int AS n FROM check_runs WHERE tick = ${tick} GROUP BY domain_id`;

  async function waitForRuns(tick: string | null, expected: number, timeoutMs: number, onPoll?: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = tick ? await prisma.checkRun.count({ where: { tick } }) : await prisma.checkRun.count();
      if (n >= expected) return;
      if (Date.now() > deadline) throw new Error(`${n}/${expected} check runs after ${timeoutMs} ms\n${processes.map((p) => `--- ${p.name}\n${p.output().slice(-3000)}`).join('\n')}`);
      await onPoll?.();
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    prisma = createPrismaClient(url());
    const org = await prisma.organization.upsert({ where: { slug: 'default' }, create: { name: 'Default organization', slug: 'default' }, update: {} });
    await resetDatabase(prisma as unknown as PrismaService);
    fixture = await startDnsFixture({ zone: fleetZone(0), port: 0 });
    await seedDomains(prisma as unknown as PrismaService, org.id, NAMES);
  });

  afterEach(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    processes = [];
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await fixture?.stop();
  });

  it('two workers with two schedulers: one enqueue per tick, every due domain checked exactly once', async () => {
    await prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
    await prisma.checkRun.deleteMany();
    fixture.setZone(fleetZone(20));
    const env = workerEnv({ SCHEDULER_ENABLED: 'true', CHECK_SCHEDULE: '*/2 * * * * *' });
    processes = [spawnApi('worker-1', env), spawnApi('worker-2', env)];
    await Promise.all(processes.map((p) => p.waitFor(/Scheduler on/)));

    await waitForRuns(null, COUNT, 60_000);
    // More cron fires in both processes: nothing more may be enqueued or checked.
    await new Promise((r) => setTimeout(r, 4_500));

    const cycles = await prisma.checkCycle.findMany({ orderBy: { startedAt: 'asc' } });
    expect(cycles.filter((c) => c.enqueued > 0)).toHaveLength(1);
    const tick = cycles.find((c) => c.enqueued > 0)!;
    expect(tick.enqueued).toBe(COUNT);
    expect(await prisma.checkRun.count()).toBe(COUNT);
    const perDomain = await runsPerDomain(tick.tick);
    expect(perDomain).toHaveLength(COUNT);
    expect(perDomain.every((r) => r.n === 1)).toBe(true);

    // Exactly one of the two schedulers ran each tick (a later minute's tick, when the test
    // crosses a minute boundary, finds nothing due); both processes checked domains.
    const enqueueLines = processes.flatMap((p) => p.output().match(/Tick \S+: \d+ domains enqueued/g) ?? []);
    const ticksRun = enqueueLines.map((line) => /^Tick (\S+):/.exec(line)![1]);
    expect(new Set(ticksRun).size).toBe(ticksRun.length);
    expect(enqueueLines.filter((line) => !line.endsWith(': 0 domains enqueued'))).toEqual([`Tick ${tick.tick}: ${COUNT} domains enqueued`]);
    const workers = await prisma.$queryRaw<Array<{ worker: string; n: number }>>`
      SELECT output->>'worker' AS worker, count(*)::int AS n FROM pgboss.job
       WHERE name = 'check-domain' AND state = 'completed' AND data->>'tick' = ${tick.tick} GROUP BY 1`;
    expect(workers).toHaveLength(2);
    expect(workers.reduce((sum, w) => sum + w.n, 0)).toBe(COUNT);
  }, 120_000);

  it('a worker killed with SIGKILL mid-cycle: its jobs are retried by the other, nothing lost or duplicated', async () => {
    await prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
    await prisma.checkRun.deleteMany();
    // Slow DNS keeps jobs running long enough to be caught mid-check; one fetch loop each
    // (100 jobs a fetch): the victim holds 100 jobs when it dies.
    fixture.setZone(fleetZone(1_500));
    const env = workerEnv({ SCHEDULER_ENABLED: 'false', WORKER_CONCURRENCY: '1' });
    processes = [spawnApi('victim', env), spawnApi('survivor', env)];
    await Promise.all(processes.map((p) => p.waitFor(/Workers on/)));

    // The test enqueues the tick itself (an API-role app: no workers of its own).
    let api: TestApp | undefined;
    try {
      api = await createTestApp({ env: { SPFWATCH_ROLE: 'api' } });
      const tick = '2026-01-01T00:00Z';
      expect(await api.app.get(SchedulerService).runTick(tick)).toEqual({ tick, status: 'enqueued', enqueued: COUNT });

      const active = async () => (await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'check-domain' AND state = 'active'`)[0]!.n;
      const deadline = Date.now() + 20_000;
      while ((await active()) < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      processes[0]!.kill('SIGKILL');
      await processes[0]!.exited;
      // Killed mid-check: its jobs are still active, nothing of them recorded yet.
      expect(await active()).toBeGreaterThan(0);
      expect(await prisma.checkRun.count({ where: { tick } })).toBeLessThan(COUNT);

      // The dead worker's jobs stop heartbeating: supervision fails them after 10 s, then they are
      // retried. pg-boss supervises a queue at most once per monitorIntervalSeconds (60 s by default,
      // in the surviving worker too); a supervisor of our own at 1 s keeps the test short.
      const supervisor = await createQueue(url(), { monitorIntervalSeconds: 1, supervise: false, schedule: false });
      try {
        await waitForRuns(tick, COUNT, 90_000, async () => {
          await supervisor.supervise('check-domain');
        });
      } finally {
        await supervisor.stop({ graceful: false, close: true });
      }
      await new Promise((r) => setTimeout(r, 1_000));

      const perDomain = await runsPerDomain(tick);
      expect(perDomain).toHaveLength(COUNT);
      expect(perDomain.filter((r) => r.n !== 1)).toEqual([]);
      const jobs = await prisma.$queryRaw<Array<{ state: string; retried: number; n: number }>>`
        SELECT state::text, (retry_count > 0) AS retried, count(*)::int AS n FROM pgboss.job
         WHERE name = 'check-domain' AND data->>'tick' = ${tick} GROUP BY 1, 2 ORDER BY 1, 2`;
      expect(jobs.filter((j) => j.state !== 'completed')).toEqual([]);
      expect(jobs.reduce((sum, j) => sum + j.n, 0)).toBe(COUNT);
      expect(jobs.find((j) => j.retried)?.n ?? 0).toBeGreaterThan(0);
    } finally {
      await api?.close();
    }
  }, 180_000);

  it('a worker stopped with SIGTERM mid-cycle finishes the checks it holds, takes no more, exits 0; the other does the rest, once each', async () => {
    await prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
    await prisma.checkRun.deleteMany();
    fixture.setZone(fleetZone(1_500));
    const env = workerEnv({ SCHEDULER_ENABLED: 'false', WORKER_CONCURRENCY: '1' });
    const leaving = spawnApi('leaving', env);
    processes = [leaving];
    await leaving.waitFor(/Workers on/);

    let api: TestApp | undefined;
    try {
      api = await createTestApp({ env: { SPFWATCH_ROLE: 'api' } });
      const tick = '2026-01-02T00:00Z';
      expect(await api.app.get(SchedulerService).runTick(tick)).toEqual({ tick, status: 'enqueued', enqueued: COUNT });
      const active = async () => (await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'check-domain' AND state = 'active'`)[0]!.n;
      const deadline = Date.now() + 20_000;
      while ((await active()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const held = await active();
      expect(held).toBeGreaterThan(0);

      leaving.kill('SIGTERM');
      expect(await leaving.exited).toBe(0);
      expect(leaving.output()).toMatch(/SIGTERM: shutting down/);
      // Everything it held was finished and recorded before it exited; nothing is left running.
      expect(await active()).toBe(0);
      const recorded = await prisma.checkRun.count({ where: { tick } });
      expect(recorded).toBeGreaterThanOrEqual(held);
      expect(recorded).toBeLessThan(COUNT);

      // A second worker takes the jobs still waiting: every domain once, no job retried.
      fixture.setZone(fleetZone(0));
      const staying = spawnApi('staying', env);
      processes = [staying];
      await waitForRuns(tick, COUNT, 60_000);
      await new Promise((r) => setTimeout(r, 1_000));
      const perDomain = await runsPerDomain(tick);
      expect(perDomain).toHaveLength(COUNT);
      expect(perDomain.filter((r) => r.n !== 1)).toEqual([]);
      const jobs = await prisma.$queryRaw<Array<{ state: string; retried: boolean; n: number }>>`
        SELECT state::text, (retry_count > 0) AS retried, count(*)::int AS n FROM pgboss.job
         WHERE name = 'check-domain' AND data->>'tick' = ${tick} GROUP BY 1, 2 ORDER BY 1, 2`;
      expect(jobs).toEqual([{ state: 'completed', retried: false, n: COUNT }]);
    } finally {
      await api?.close();
    }
  }, 120_000);
});
