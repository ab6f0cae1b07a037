/**
 * The monitoring pipeline end to end, through real parts: Postgres (jest global setup), the
 * DNS fixture on 127.0.0.1, the scheduler's runTick, pg-boss and the in-process workers.
 * One fleet goes through a series of cycles; each test is one cycle and asserts exactly
 * what it wrote (snapshots, check runs, diffs, alerts, provider events).
 */
import type { Zone } from '@spfwatch/dns-fixture';
import { tickIdOf } from '../../src/modules/scheduler/tick';
import { SnapshotsService } from '../../src/modules/snapshots/snapshots.service';
import { seedDomains, startMonitoringApp, type MonitoringApp } from '../support/monitoring/monitoring-app';

const NETBLOCKS_OLD = 'v=spf1 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all';
const NETBLOCKS_NEW = 'v=spf1 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:35.190.247.0/24 ~all';
const heavy = (n: number) => Array.from({ length: n }, (_, i) => `include:h${i}.example.net`).join(' ');

/** The fleet's DNS, with what each test changes as parameters. */
function zone(over: { netblocks?: string; bRecord?: string; cRecord?: string; tTimeout?: boolean } = {}): Zone {
  const records: Record<string, object> = {
    '_spf.google.com': { TXT: 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all' },
    '_netblocks.google.com': { TXT: over.netblocks ?? NETBLOCKS_OLD },
    '_netblocks2.google.com': { TXT: 'v=spf1 ip6:2001:4860:4000::/36 ~all' },
    'sendgrid.net': { TXT: 'v=spf1 ip4:167.89.0.0/17 ~all' },
    'a1.example': { TXT: 'v=spf1 include:_spf.google.com -all' },
    'a2.example': { TXT: 'v=spf1 ip4:192.0.2.10 include:_spf.google.com -all' },
    'a3.example': { TXT: ['v=spf1 include:_spf.google.com ~all', 'google-site-verification=abc'] },
    'b.example': { TXT: over.bRecord ?? 'v=spf1 include:sendgrid.net include:_spf.google.com -all' },
    'c.example': { TXT: over.cRecord ?? 'v=spf1 ip4:192.0.2.20 include:h0.example.net -all' },
    't.example': over.tTimeout ? { TXT: 'v=spf1 ip4:192.0.2.30 -all', behaviour: { TXT: 'timeout' } } : { TXT: 'v=spf1 ip4:192.0.2.30 -all' },
  };
  for (let i = 0; i < 12; i++) records[`h${i}.example.net`] = { TXT: `v=spf1 ip4:198.51.100.${i} -all` };
  return { ttl: 300, records } as Zone;
}

const NAMES = ['a1.example', 'a2.example', 'a3.example', 'b.example', 'c.example', 't.example'];

describe('check cycles (scheduler → queue → workers → Postgres)', () => {
  let m: MonitoringApp;
  let ids: Map<string, string>;
  const id = (name: string) => ids.get(name)!;

  /** Next cycle: one hour later (every domain is due again), DNS as given. */
  async function cycle(dns: Parameters<typeof zone>[0] = {}): Promise<string> {
    m.fixture.setZone(zone(dns));
    m.clock.advance(3_600_000);
    const { tick, enqueued } = await m.runCycle();
    expect(enqueued).toBe(NAMES.length);
    return tick;
  }
  const runsOf = (tick: string) => m.prisma.checkRun.findMany({ where: { tick }, select: { domainId: true, outcome: true, dnsErrorKind: true, snapshotId: true } });
  /** Unresolved alerts, by domain id then type name. */
  const openAlerts = async () =>
    (await m.prisma.alert.findMany({ where: { state: { not: 'resolved' } }, select: { domainId: true, type: true, severity: true, state: true } })).sort((x, y) =>
      `${x.domainId} ${x.type}`.localeCompare(`${y.domainId} ${y.type}`),
    );
  const domain = (name: string) => m.prisma.domain.findUniqueOrThrow({ where: { id: id(name) } });

  beforeAll(async () => {
    m = await startMonitoringApp(zone(), { DNS_TIMEOUT_MS: 200 });
    ids = await seedDomains(m.prisma, m.organizationId, NAMES);
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  it('first cycle: one snapshot and one changed run per domain, statuses set, no alerts', async () => {
    m.clock.at('2026-03-02T06:00:00.000Z');
    const { tick, enqueued } = await m.runCycle();
    expect(tick).toBe('2026-03-02T06:00Z');
    expect(enqueued).toBe(6);
    const runs = await runsOf(tick);
    expect(runs).toHaveLength(6);
    expect(runs.every((r) => r.outcome === 'changed' && r.snapshotId)).toBe(true);
    expect(await m.prisma.snapshot.count()).toBe(6);
    expect(await openAlerts()).toEqual([]);
    const a1 = await domain('a1.example');
    expect(a1).toMatchObject({ status: 'ok', lookupCount: 3, consecutiveTempErrors: 0, lastChangedAt: null });
    expect(a1.lastCheckedAt?.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    // Claimed for this tick: due again one interval after the tick.
    expect(a1.nextCheckAt.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    // Nothing is due any more: a second tick in the same hour enqueues nothing.
    m.clock.advance(60_000);
    expect((await m.scheduler.runTick(tickIdOf(m.clock.now()))).enqueued).toBe(0);
    m.clock.at('2026-03-02T06:00:00.000Z');
  });

  it('an unchanged cycle writes exactly one CheckRun per domain and no snapshot', async () => {
    const before = { snapshots: await m.prisma.snapshot.count(), runs: await m.prisma.checkRun.count(), alerts: await m.prisma.alert.count() };
    const tick = await cycle();
    const runs = await runsOf(tick);
    expect(runs.map((r) => r.outcome)).toEqual(Array(6).fill('unchanged'));
    expect(await m.prisma.snapshot.count()).toBe(before.snapshots);
    expect(await m.prisma.checkRun.count()).toBe(before.runs + 6);
    expect(await m.prisma.alert.count()).toBe(before.alerts);
    const a1 = await domain('a1.example');
    const snapshot = await m.prisma.snapshot.findUniqueOrThrow({ where: { id: a1.latestSnapshotId! } });
    expect(snapshot.lastSeenAt.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(snapshot.firstSeenAt.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(runs.find((r) => r.domainId === id('a1.example'))!.snapshotId).toBe(snapshot.id);
  });

  it('a provider adds a netblock: one ProviderEvent linking the 4 Google domains, no alert; one DNS timeout: no alert', async () => {
    const tick = await cycle({ netblocks: NETBLOCKS_NEW, tTimeout: true });
    const runs = await runsOf(tick);
    const byDomain = new Map(runs.map((r) => [r.domainId, r]));
    for (const n of ['a1.example', 'a2.example', 'a3.example', 'b.example']) expect(byDomain.get(id(n))!.outcome).toBe('changed');
    expect(byDomain.get(id('c.example'))!.outcome).toBe('unchanged');
    expect(byDomain.get(id('t.example'))).toMatchObject({ outcome: 'error', dnsErrorKind: 'timeout', snapshotId: null });

    const events = await m.prisma.providerEvent.findMany({ include: { domains: true } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ includeDomain: '_netblocks.google.com', service: 'Google Workspace', affectedDomainCount: 4 });
    expect(events[0]!.domains.map((d) => d.domainId).sort()).toEqual(['a1.example', 'a2.example', 'a3.example', 'b.example'].map(id).sort());
    expect(events[0]!.diff).toMatchObject({ recordBefore: NETBLOCKS_OLD, recordAfter: NETBLOCKS_NEW, networksAdded: ['35.190.247.0/24'], networksRemoved: [], lookupDelta: 0 });
    expect(await openAlerts()).toEqual([]);

    // The diff of a linked domain says it came from the provider.
    const res = await m.app.get(SnapshotsService).diff(m.organizationId, id('a2.example'), {});
    expect(res.diff.providerOnly).toBe(true);
    expect(res.diff.networksAdded.map((n) => n.cidr)).toEqual(['35.190.247.0/24']);

    // The timeout kept t's snapshot and status; the streak counts 1.
    const t = await domain('t.example');
    expect(t).toMatchObject({ consecutiveTempErrors: 1, status: 'ok' });
    expect(await m.prisma.snapshot.count({ where: { domainId: id('t.example') } })).toBe(1);
  });

  it('the owner removes an include: service_removed (warning) and record_changed (info); the timed-out domain recovers without an alert', async () => {
    const tick = await cycle({ netblocks: NETBLOCKS_NEW, bRecord: 'v=spf1 include:_spf.google.com -all' });
    const runs = new Map((await runsOf(tick)).map((r) => [r.domainId, r.outcome]));
    expect(runs.get(id('b.example'))).toBe('changed');
    expect(runs.get(id('t.example'))).toBe('unchanged');
    expect([...runs.values()].filter((o) => o === 'changed')).toHaveLength(1);
    expect(await openAlerts()).toEqual([
      { domainId: id('b.example'), type: 'record_changed', severity: 'info', state: 'open' },
      { domainId: id('b.example'), type: 'service_removed', severity: 'warning', state: 'open' },
    ]);
    const removed = await m.prisma.alert.findFirstOrThrow({ where: { domainId: id('b.example'), type: 'service_removed' } });
    expect(removed.detail).toMatchObject({ services: [{ id: 'sendgrid', name: 'SendGrid', include: 'sendgrid.net' }] });
    expect(removed.fromSnapshotId).not.toBeNull();
    expect(removed.toSnapshotId).toBe((await domain('b.example')).latestSnapshotId);
    expect(await domain('t.example')).toMatchObject({ consecutiveTempErrors: 0, status: 'ok' });
    expect(await m.prisma.providerEvent.count()).toBe(1);
  });

  it('a record grows to 11 lookups: lookup_limit (critical), the domain is broken', async () => {
    const tick = await cycle({ netblocks: NETBLOCKS_NEW, bRecord: 'v=spf1 include:_spf.google.com -all', cRecord: `v=spf1 ip4:192.0.2.20 ${heavy(11)} -all` });
    expect((await runsOf(tick)).filter((r) => r.outcome === 'changed').map((r) => r.domainId)).toEqual([id('c.example')]);
    const c = await domain('c.example');
    expect(c).toMatchObject({ status: 'broken', lookupCount: 11 });
    const alerts = await m.prisma.alert.findMany({ where: { domainId: id('c.example') }, select: { type: true, severity: true, state: true, detail: true } }).then((xs) => xs.sort((x, y) => x.type.localeCompare(y.type)));
    expect(alerts.map((a) => [a.type, a.severity, a.state])).toEqual([
      ['lookup_increased', 'warning', 'open'],
      ['lookup_limit', 'critical', 'open'],
      ['record_changed', 'info', 'open'],
    ]);
    expect(alerts.find((a) => a.type === 'lookup_limit')!.detail).toMatchObject({ lookupCount: 11, limit: 10 });
    expect(alerts.find((a) => a.type === 'lookup_increased')!.detail).toMatchObject({ from: 1, to: 11 });
  });

  it('DNS timeouts: 1 and 2 consecutive checks alert nothing, the 3rd opens temperror (warning) and breaks the domain', async () => {
    const dns = { netblocks: NETBLOCKS_NEW, bRecord: 'v=spf1 include:_spf.google.com -all', cRecord: `v=spf1 ip4:192.0.2.20 ${heavy(11)} -all`, tTimeout: true };
    const snapshotBefore = (await domain('t.example')).latestSnapshotId;
    await cycle(dns);
    await cycle(dns);
    expect(await m.prisma.alert.count({ where: { domainId: id('t.example') } })).toBe(0);
    expect(await domain('t.example')).toMatchObject({ consecutiveTempErrors: 2, status: 'ok' });
    await cycle(dns);
    const t = await domain('t.example');
    expect(t).toMatchObject({ consecutiveTempErrors: 3, status: 'broken', latestSnapshotId: snapshotBefore });
    const alerts = await m.prisma.alert.findMany({ where: { domainId: id('t.example') } });
    expect(alerts.map((a) => [a.type, a.severity, a.state])).toEqual([['temperror', 'warning', 'open']]);
    expect(alerts[0]!.detail).toMatchObject({ consecutiveChecks: 3, threshold: 3 });
    const errors = await m.prisma.checkRun.findMany({ where: { domainId: id('t.example'), outcome: 'error' } });
    expect(errors).toHaveLength(4); // the single one earlier, then three in a row
    expect(await m.prisma.snapshot.count({ where: { domainId: id('t.example') } })).toBe(1);
  });

  it('recovery: the temperror alert is resolved (resolvedAt set), status back to ok, other alerts untouched', async () => {
    await cycle({ netblocks: NETBLOCKS_NEW, bRecord: 'v=spf1 include:_spf.google.com -all', cRecord: `v=spf1 ip4:192.0.2.20 ${heavy(11)} -all` });
    const [alert] = await m.prisma.alert.findMany({ where: { domainId: id('t.example') } });
    expect(alert).toMatchObject({ type: 'temperror', state: 'resolved', openKey: null });
    expect(alert!.resolvedAt?.toISOString()).toBe(m.clock.now().toISOString());
    expect(await domain('t.example')).toMatchObject({ consecutiveTempErrors: 0, status: 'ok' });
    expect((await openAlerts()).map((a) => a.type).sort()).toEqual(['lookup_increased', 'lookup_limit', 'record_changed', 'record_changed', 'service_removed']);
  });

  it('the owner fixes the record: lookup_limit and lookup_increased resolve, the domain is ok again', async () => {
    await cycle({ netblocks: NETBLOCKS_NEW, bRecord: 'v=spf1 include:_spf.google.com -all' });
    const c = await m.prisma.alert.findMany({ where: { domainId: id('c.example') }, select: { type: true, state: true, resolvedAt: true } }).then((xs) => xs.sort((x, y) => x.type.localeCompare(y.type)));
    // Back to the original text: record_changed is reverted too.
    expect(c.map((a) => [a.type, a.state])).toEqual([
      ['lookup_increased', 'resolved'],
      ['lookup_limit', 'resolved'],
      ['record_changed', 'resolved'],
    ]);
    expect(await domain('c.example')).toMatchObject({ status: 'ok', lookupCount: 1 });
  });

  it('the timeline and the diff endpoints follow the snapshots', async () => {
    const snapshots = await m.app.get(SnapshotsService).timeline(m.organizationId, id('c.example'), { page: 1, pageSize: 50 });
    expect(snapshots.total).toBe(3);
    expect(snapshots.items.map((s) => s.lookupCount)).toEqual([1, 11, 1]);
    const diff = await m.app.get(SnapshotsService).diff(m.organizationId, id('c.example'), {});
    expect(diff.diff.lookupDelta).toBe(-10);
    const whole = await m.app.get(SnapshotsService).diff(m.organizationId, id('c.example'), { from: snapshots.items[2]!.id, to: snapshots.items[0]!.id });
    expect(whole.diff.changed).toBe(false);
  });
});
