/**
 * CheckRun retention (batches, what is kept) and a provider change that breaks a domain, on
 * real Postgres + the DNS fixture.
 */
import type { Zone } from '@spfwatch/dns-fixture';
import { pruneCheckRunsJob } from '../../src/modules/scheduler/jobs';
import { RetentionService } from '../../src/modules/scheduler/retention.service';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service';
import { seedDomains, startMonitoringApp, type MonitoringApp } from '../support/monitoring/monitoring-app';

const DAY = 86_400_000;
const nested = (n: number) => Array.from({ length: n }, (_, i) => `include:n${i}.provider.example`).join(' ');

function zone(providerIncludes: number): Zone {
  const records: Record<string, object> = {
    // A shared provider include whose own record grows.
    'spf.provider.example': { TXT: `v=spf1 ip4:203.0.113.0/24 ${nested(providerIncludes)} ~all` },
    // 1 (provider) + 5 own includes = 6 lookups at first; +5 nested → 11.
    'heavy.example': { TXT: `v=spf1 include:spf.provider.example ${Array.from({ length: 5 }, (_, i) => `include:o${i}.own.example`).join(' ')} -all` },
    'light.example': { TXT: 'v=spf1 include:spf.provider.example -all' },
  };
  for (let i = 0; i < 10; i++) records[`n${i}.provider.example`] = { TXT: `v=spf1 ip4:198.51.100.${i} ~all` };
  for (let i = 0; i < 5; i++) records[`o${i}.own.example`] = { TXT: `v=spf1 ip4:192.0.2.${i} -all` };
  return { ttl: 300, records } as Zone;
}

describe('provider change that breaks a domain', () => {
  let m: MonitoringApp;
  let ids: Map<string, string>;

  beforeAll(async () => {
    m = await startMonitoringApp(zone(0));
    ids = await seedDomains(m.prisma, m.organizationId, ['heavy.example', 'light.example']);
  }, 60_000);
  afterAll(async () => {
    await m?.close();
  });

  it('one ProviderEvent for both domains; only the one pushed over 10 lookups gets an alert, linked to the event', async () => {
    await m.runCycle();
    expect(await m.prisma.alert.count()).toBe(0);
    m.fixture.setZone(zone(5));
    m.clock.advance(3_600_000);
    await m.runCycle();

    const events = await m.prisma.providerEvent.findMany({ include: { domains: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ includeDomain: 'spf.provider.example', affectedDomainCount: 2 });
    expect(events[0]!.diff).toMatchObject({ lookupDelta: 5 });

    const alerts = await m.prisma.alert.findMany();
    expect(alerts.map((a) => [a.domainId, a.type, a.severity])).toEqual([[ids.get('heavy.example'), 'lookup_limit', 'critical']]);
    expect(alerts[0]!.providerEventId).toBe(events[0]!.id);
    expect(await m.prisma.domain.findUniqueOrThrow({ where: { id: ids.get('heavy.example')! } })).toMatchObject({ status: 'broken', lookupCount: 11 });
    // light.example went from 1 to 6 lookups through the provider: no per-domain alert.
    expect(await m.prisma.domain.findUniqueOrThrow({ where: { id: ids.get('light.example')! } })).toMatchObject({ status: 'ok', lookupCount: 6 });
  });
});

describe('CheckRun retention', () => {
  let m: MonitoringApp;

  beforeAll(async () => {
    m = await startMonitoringApp(zone(0), { CHECKRUN_RETENTION_DAYS: 30 });
  }, 60_000);
  afterAll(async () => {
    await m?.close();
  });

  it('deletes runs older than the retention in batches, keeping each snapshot\'s changed run and each domain\'s latest run', async () => {
    const ids = await seedDomains(m.prisma, m.organizationId, ['a.example', 'b.example']);
    const [a, b] = [ids.get('a.example')!, ids.get('b.example')!];
    const snapshot = await m.prisma.snapshot.create({ data: { domainId: a, analysis: {}, contentHash: 'h', lookupCount: 1, voidLookups: 0, status: 'ok', networks: [] } });
    const now = new Date('2026-06-01T00:00:00Z');
    m.clock.at(now);
    const run = (domainId: string, daysAgo: number, outcome: 'changed' | 'unchanged' | 'error') =>
      ({ domainId, startedAt: new Date(now.getTime() - daysAgo * DAY), durationMs: 5, outcome, snapshotId: outcome === 'error' ? null : snapshot.id });
    await m.prisma.checkRun.createMany({
      data: [
        run(a, 100, 'changed'), // the snapshot's changed run: kept however old
        ...Array.from({ length: 7 }, (_, i) => run(a, 90 - i, 'unchanged')), // old: deleted
        run(a, 40, 'error'), // old: deleted
        run(a, 10, 'unchanged'), // recent: kept
        run(b, 60, 'unchanged'), // old but b's latest run: kept
      ],
    });
    const retention = m.app.get(RetentionService);
    expect(await retention.prune(3)).toBe(8); // batches of 3: 3 + 3 + 2
    const left = await m.prisma.checkRun.findMany({ orderBy: { startedAt: 'asc' }, select: { domainId: true, outcome: true, startedAt: true } });
    expect(left.map((r) => [r.domainId === a ? 'a' : 'b', r.outcome, Math.round((now.getTime() - r.startedAt.getTime()) / DAY)])).toEqual([
      ['a', 'changed', 100],
      ['b', 'unchanged', 60],
      ['a', 'unchanged', 10],
    ]);
    expect(await retention.prune()).toBe(0);
  });

  it('the daily job is enqueued once per day whatever the number of schedulers', async () => {
    const scheduler = m.app.get(SchedulerService);
    const before = await m.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${pruneCheckRunsJob.name}`;
    await scheduler.enqueueRetention();
    await scheduler.enqueueRetention();
    const after = await m.prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${pruneCheckRunsJob.name}`;
    expect(after[0]!.n - before[0]!.n).toBe(1);
  });
});
