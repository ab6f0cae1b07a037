import type { NestExpressApplication } from '@nestjs/platform-express';
import { startDnsFixture, type DnsFixture, type Zone } from '@spfwatch/dns-fixture';
import { ManualClock } from '../../../src/common/clock';
import type { Env } from '../../../src/config/env';
import { ChecksService } from '../../../src/modules/checks/checks.service';
import { CheckWorkerService } from '../../../src/modules/scheduler/check-worker.service';
import { SchedulerService } from '../../../src/modules/scheduler/scheduler.service';
import { tickIdOf } from '../../../src/modules/scheduler/tick';
import type { PrismaService } from '../../../src/prisma/prisma.service';
import { createTestApp, resetDatabase, type TestApp } from '../app';

export interface MonitoringApp {
  t: TestApp;
  app: NestExpressApplication;
  prisma: PrismaService;
  fixture: DnsFixture;
  clock: ManualClock;
  scheduler: SchedulerService;
  worker: CheckWorkerService;
  checks: ChecksService;
  organizationId: string;
  /** Runs a tick for the clock's minute and waits until every job it enqueued is settled. */
  runCycle(): Promise<{ tick: string; enqueued: number }>;
  /** Waits until no check-domain job is queued or running and the tick's CheckRuns are all written. */
  drain(tick: string, expected: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole API (role all: in-process workers, no cron) on the jest run's database (emptied
 * first), DNS from a loopback fixture serving `zone`, and a manual clock (ticks follow it).
 */
export async function startMonitoringApp(zone: Zone, env: Partial<Env> = {}): Promise<MonitoringApp> {
  const fixture = await startDnsFixture({ zone, port: 0 });
  const clock = new ManualClock('2026-03-02T06:00:00.000Z');
  const t = await createTestApp({ clock, dnsServers: [fixture.address], env: { DNS_RESOLVER: 'wire', DNS_TIMEOUT_MS: 250, WORKER_CONCURRENCY: 2, ...env } });
  const { app, prisma } = t;
  const organizationId = t.orgId;
  // Test files share the run's database: start from empty tables (the default organization stays).
  await resetDatabase(prisma);
  const scheduler = app.get(SchedulerService);
  const worker = app.get(CheckWorkerService);

  const drain = async (tick: string, expected: number, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // This tick's jobs only: other test files may leave jobs of their own behind.
      const [row] = await prisma.$queryRaw<Array<{ pending: number }>>`
        SELECT count(*)::int AS pending FROM pgboss.job
         WHERE name = 'check-domain' AND data->>'tick' = ${tick} AND state IN ('created', 'retry', 'active')`;
      const pending = row?.pending ?? 0;
      const runs = await prisma.checkRun.count({ where: { tick } });
      if (pending === 0 && runs >= expected) return;
      if (Date.now() > deadline) throw new Error(`Tick ${tick} not drained: ${runs}/${expected} runs, ${pending} jobs pending`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    t,
    app,
    prisma,
    fixture,
    clock,
    scheduler,
    worker,
    checks: app.get(ChecksService),
    organizationId,
    drain,
    async runCycle() {
      const tick = tickIdOf(clock.now());
      const result = await scheduler.runTick(tick);
      await drain(tick, result.enqueued);
      return { tick, enqueued: result.enqueued };
    },
    async close() {
      await t.close();
      await fixture.stop();
    },
  };
}

/** Creates a client and domains directly (normalised names, due now). */
/** `createdAt` defaults to the database's now(); pass the test clock's time when reports look at it. */
export async function seedDomains(prisma: PrismaService, organizationId: string, names: string[], clientName = 'Acme', createdAt?: Date): Promise<Map<string, string>> {
  const client = await prisma.client.upsert({
    where: { organizationId_name: { organizationId, name: clientName } },
    create: { organizationId, name: clientName },
    update: {},
  });
  const ids = new Map<string, string>();
  for (const name of names) {
    const d = await prisma.domain.create({ data: { organizationId, clientId: client.id, name, nextCheckAt: new Date(0), ...(createdAt ? { createdAt } : {}) } });
    ids.set(name, d.id);
  }
  return ids;
}
