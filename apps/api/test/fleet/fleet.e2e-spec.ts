/**
 * The fleet endpoints over a 10,000-domain organization seeded with createMany. Every expected
 * value is computed from the same seed arrays in JS, then compared with what the API answers.
 * Names are "d<5 digits><suffix>.example", so the database's collation (C here, en_US on some
 * servers) orders them by number either way. Timing is the benchmark's job, not this test's.
 */
import { type FleetDomain, type FleetDomainPage, type FleetSummary, LOOKUP_BUCKETS } from '@spfwatch/contracts';
import type { FleetDomainsQueryDto } from '../../src/modules/fleet/dto/fleet.dto';
import { createTestApp, type TestApp, resetDatabase } from '../support/app';
import { createOtherOrganization } from '../domains/helpers';

type Status = 'ok' | 'warning' | 'broken' | 'unknown';
const STATUS_ORDER: Status[] = ['ok', 'warning', 'broken', 'unknown'];

interface Seed {
  i: number;
  name: string;
  clientIndex: number;
  status: Status;
  lookupCount: number | null;
  paused: boolean;
  tags: string[];
  lastChangedAt: Date | null;
  services: string[];
}

const N = 10_000;
const CLIENTS = 20;
const BASE = Date.UTC(2026, 10, 1);
const pad = (i: number) => String(i).padStart(5, '0');

function seedOf(i: number): Seed {
  const status: Status = i % 10 < 6 ? 'ok' : i % 10 < 8 ? 'warning' : i % 10 === 8 ? 'broken' : 'unknown';
  const suffix = i % 7 === 0 ? 'shop' : i % 501 === 0 ? '_mail' : '';
  const tags = [...(i % 5 === 0 ? ['vip'] : []), ...(i % 3 === 0 ? ['eu'] : [])];
  // Snapshots (for services) on every 40th domain: B stores names, older rows may hold ids.
  const services = i % 40 === 0 ? ['Google Workspace', 'sendgrid'] : i % 40 === 20 ? ['sendgrid'] : [];
  return {
    i,
    name: `d${pad(i)}${suffix}.example`,
    clientIndex: i % CLIENTS,
    status,
    lookupCount: status === 'unknown' ? null : (i * 7) % 14,
    paused: i % 13 === 0,
    tags,
    lastChangedAt: i % 4 === 0 ? new Date(BASE + ((i * 37) % 5000) * 60_000) : null,
    services,
  };
}

const SEEDS = Array.from({ length: N }, (_, i) => seedOf(i));

let t: TestApp;
let clientIds: string[];
const idOf = new Map<number, string>();

beforeAll(async () => {
  t = await createTestApp();
  await resetDatabase(t.prisma);
  await t.prisma.client.createMany({ data: Array.from({ length: CLIENTS }, (_, c) => ({ organizationId: t.orgId, name: `Client ${String(c).padStart(2, '0')}` })) });
  const clients = await t.prisma.client.findMany({ where: { organizationId: t.orgId }, orderBy: { name: 'asc' }, select: { id: true } });
  clientIds = clients.map((c) => c.id);
  await t.prisma.domain.createMany({
    data: SEEDS.map((s) => ({
      organizationId: t.orgId,
      clientId: clientIds[s.clientIndex]!,
      name: s.name,
      status: s.status,
      lookupCount: s.lookupCount,
      paused: s.paused,
      tags: s.tags,
      lastChangedAt: s.lastChangedAt,
    })),
  });
  for (const d of await t.prisma.domain.findMany({ where: { organizationId: t.orgId }, select: { id: true, name: true } })) {
    idOf.set(Number(d.name.slice(1, 6)), d.id);
  }
  const withServices = SEEDS.filter((s) => s.services.length > 0);
  await t.prisma.snapshot.createMany({
    data: withServices.map((s) => ({
      domainId: idOf.get(s.i)!,
      analysis: {},
      contentHash: `h${s.i}`,
      lookupCount: s.lookupCount ?? 0,
      voidLookups: 0,
      status: s.status,
      services: s.services,
      networks: [],
      firstSeenAt: new Date(BASE - 86_400_000),
    })),
  });
  await t.prisma.$executeRaw`UPDATE domains d SET latest_snapshot_id = s.id FROM snapshots s WHERE s.domain_id = d.id`;
  // Noise that must not count: another organization's domains.
  await createOtherOrganization(t.prisma);
}, 120_000);

afterAll(async () => {
  await t.close();
});

async function list(query: FleetDomainsQueryDto): Promise<FleetDomainPage> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return (await t.http.get(`/api/fleet/domains?${qs}`).expect(200)).body as FleetDomainPage;
}

const byName = (a: Seed, b: Seed) => a.i - b.i;
const nullsLast = (x: number | null, y: number | null, dir: 1 | -1) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : (x - y) * dir);

function expectedItem(s: Seed): FleetDomain {
  return {
    id: idOf.get(s.i)!,
    name: s.name,
    client: { id: clientIds[s.clientIndex]!, name: `Client ${String(s.clientIndex).padStart(2, '0')}` },
    status: s.status,
    lookupCount: s.lookupCount,
    services: s.services.map((x) => (x === 'Google Workspace' ? 'google-workspace' : x)),
    tags: s.tags,
    lastCheckedAt: null,
    lastChangedAt: s.lastChangedAt?.toISOString() ?? null,
    paused: s.paused,
  };
}

describe('GET /api/fleet/domains', () => {
  it('pages the whole fleet by name with the total', async () => {
    const first = await list({});
    expect(first.total).toBe(N);
    expect([first.page, first.pageSize]).toEqual([1, 50]);
    expect(first.items).toEqual(SEEDS.slice(0, 50).map(expectedItem));
    const third = await list({ page: 3, pageSize: 200 });
    expect(third.items.map((d) => d.name)).toEqual(SEEDS.slice(400, 600).map((s) => s.name));
    const last = await list({ page: 51, pageSize: 199 });
    expect(last.items.map((d) => d.name)).toEqual(SEEDS.slice(9950).map((s) => s.name));
    expect((await list({ page: 60, pageSize: 200 })).items).toEqual([]);
  });

  it('sorts by lookup count (never-checked last, ties by name), status, last change, and name descending', async () => {
    const lookupsDesc = [...SEEDS].sort((a, b) => nullsLast(a.lookupCount, b.lookupCount, -1) || byName(a, b));
    expect((await list({ sort: 'lookupCount', order: 'desc', pageSize: 200 })).items.map((d) => d.name)).toEqual(lookupsDesc.slice(0, 200).map((s) => s.name));
    const lookupsAsc = [...SEEDS].sort((a, b) => nullsLast(a.lookupCount, b.lookupCount, 1) || byName(a, b));
    expect((await list({ sort: 'lookupCount', order: 'asc', page: 50, pageSize: 200 })).items.map((d) => d.name)).toEqual(lookupsAsc.slice(9800).map((s) => s.name));
    const status = [...SEEDS].sort((a, b) => STATUS_ORDER.indexOf(b.status) - STATUS_ORDER.indexOf(a.status) || byName(a, b));
    expect((await list({ sort: 'status', order: 'desc', page: 6, pageSize: 200 })).items.map((d) => d.name)).toEqual(status.slice(1000, 1200).map((s) => s.name));
    const changed = [...SEEDS].sort((a, b) => nullsLast(a.lastChangedAt?.getTime() ?? null, b.lastChangedAt?.getTime() ?? null, -1) || byName(a, b));
    expect((await list({ sort: 'lastChangedAt', order: 'desc', pageSize: 200 })).items.map((d) => d.name)).toEqual(changed.slice(0, 200).map((s) => s.name));
    expect((await list({ sort: 'name', order: 'desc', pageSize: 3 })).items.map((d) => d.name)).toEqual(['d09999.example', 'd09998.example', 'd09997.example']);
  });

  it('filters by status, client, tag, paused, search and service, alone and together', async () => {
    const cases: Array<[FleetDomainsQueryDto, (s: Seed) => boolean]> = [
      [{ status: 'broken' }, (s) => s.status === 'broken'],
      [{ clientId: '' }, () => true], // replaced below
      [{ tag: 'VIP' }, (s) => s.tags.includes('vip')],
      [{ paused: 'true' }, (s) => s.paused],
      [{ search: 'SHOP' }, (s) => s.name.includes('shop')],
      [{ search: '_' }, (s) => s.name.includes('_')],
      [{ search: '%' }, () => false],
      [{ service: 'google-workspace' }, (s) => s.services.includes('Google Workspace')],
      [{ service: 'SendGrid' }, (s) => s.services.includes('sendgrid')],
      [{ status: 'warning', tag: 'eu', paused: 'false', search: '0' }, (s) => s.status === 'warning' && s.tags.includes('eu') && !s.paused && s.name.includes('0')],
    ];
    cases[1] = [{ clientId: clientIds[7]! }, (s) => s.clientIndex === 7];
    for (const [query, keep] of cases) {
      const expected = SEEDS.filter(keep);
      const page = await list({ ...query, pageSize: 200 });
      expect({ query, total: page.total }).toEqual({ query, total: expected.length });
      expect(page.items).toEqual(expected.slice(0, 200).map(expectedItem));
    }
  });

  it('400 naming the bad query parameter', async () => {
    const bad = async (qs: string) => (await t.http.get(`/api/fleet/domains?${qs}`).expect(400)).body;
    expect((await bad('pageSize=201')).details.issues.map((i: { path: string }) => i.path)).toEqual(['pageSize']);
    expect((await bad('sort=created&order=up')).details.issues.map((i: { path: string }) => i.path)).toEqual(['sort', 'order']);
    expect((await bad('status=fine')).details.issues.map((i: { path: string }) => i.path)).toEqual(['status']);
    expect((await bad('clientId=acme')).details.issues.map((i: { path: string }) => i.path)).toEqual(['clientId']);
    expect((await bad('paused=maybe')).details.issues.map((i: { path: string }) => i.path)).toEqual(['paused']);
    expect((await bad('service=carrier-pigeon')).details.issues).toEqual([{ path: 'service', message: expect.stringContaining('Unknown service "carrier-pigeon"') }]);
  });
});

describe('GET /api/fleet/summary', () => {
  const summary = async () => (await t.http.get('/api/fleet/summary').expect(200)).body as FleetSummary;

  it('counts by status, paused, and the lookup histogram from the 10,000 domains', async () => {
    const s = await summary();
    const count = (f: (x: Seed) => boolean) => SEEDS.filter(f).length;
    expect(s.total).toBe(N);
    expect(s.paused).toBe(count((x) => x.paused));
    expect(s.counts).toEqual({ ok: count((x) => x.status === 'ok'), warning: count((x) => x.status === 'warning'), broken: count((x) => x.status === 'broken'), unknown: count((x) => x.status === 'unknown') });
    expect(s.lookupHistogram).toEqual(
      LOOKUP_BUCKETS.map((bucket) => ({
        bucket,
        count: count((x) => x.lookupCount !== null && (bucket === '11+' ? x.lookupCount > 10 : x.lookupCount === Number(bucket))),
      })),
    );
    expect(s.lookupHistogram.reduce((n, b) => n + b.count, 0)).toBe(count((x) => x.lookupCount !== null));
  });

  it('lists the 10 domains nearest the limit (≥ 8 lookups, most first, then by name) with their client', async () => {
    const expected = SEEDS.filter((x) => (x.lookupCount ?? 0) >= 8)
      .sort((a, b) => b.lookupCount! - a.lookupCount! || byName(a, b))
      .slice(0, 10)
      .map((x) => ({ id: idOf.get(x.i)!, name: x.name, client: expectedItem(x).client, lookupCount: x.lookupCount!, status: x.status }));
    expect((await summary()).nearLimit).toEqual(expected);
  });

  describe('recent changes and provider events', () => {
    const snapshotIds: Record<string, string> = {};
    const at = (minutes: number) => new Date(BASE + minutes * 60_000);

    /** A snapshot as the checks module writes it: a replacing one also sets the domain's lastChangedAt. */
    async function snapshot(i: number, minutes: number, lookupCount: number, status: Status): Promise<void> {
      const domainId = idOf.get(i)!;
      const replaces = (await t.prisma.snapshot.count({ where: { domainId } })) > 0;
      const row = await t.prisma.snapshot.create({
        data: { domainId, analysis: {}, contentHash: `c${i}-${minutes}`, lookupCount, voidLookups: 0, status, networks: [], firstSeenAt: at(minutes), lastSeenAt: at(minutes) },
        select: { id: true },
      });
      await t.prisma.domain.update({ where: { id: domainId }, data: { latestSnapshotId: row.id, ...(replaces ? { lastChangedAt: at(minutes) } : {}) } });
      snapshotIds[`${i}@${minutes}`] = row.id;
    }

    beforeAll(async () => {
      // The seed's lastChangedAt values had no snapshots behind them: start from a consistent fleet.
      await t.prisma.domain.updateMany({ data: { lastChangedAt: null } });
      // Twelve domains change once (first snapshot at minute 0, change at minute 10 + k) …
      for (let k = 0; k < 12; k++) {
        await snapshot(1001 + k, 0, 3, 'ok');
        await snapshot(1001 + k, 10 + k, 3 + k, k % 2 === 0 ? 'warning' : 'ok');
      }
      // … one domain changes twice (both count), and fresh first snapshots (newest of all) do not count.
      await snapshot(2001, 0, 9, 'warning');
      await snapshot(2001, 30, 11, 'broken');
      await snapshot(2001, 40, 7, 'ok');
      // (Odd numbers: the seed gave every 20th domain a snapshot already.)
      for (let k = 0; k < 20; k++) await snapshot(3001 + 2 * k, 100 + k, 1, 'ok');
    });

    it('lists the last 10 snapshots that replaced another, newest first, with lookups before → after', async () => {
      const expected = [
        { i: 2001, min: 40, before: 11, after: 7, sb: 'broken', sa: 'ok' },
        { i: 2001, min: 30, before: 9, after: 11, sb: 'warning', sa: 'broken' },
        ...[11, 10, 9, 8, 7, 6, 5, 4].map((k) => ({ i: 1001 + k, min: 10 + k, before: 3, after: 3 + k, sb: 'ok', sa: k % 2 === 0 ? 'warning' : 'ok' })),
      ].map((e) => ({
        snapshotId: snapshotIds[`${e.i}@${e.min}`]!,
        domain: { id: idOf.get(e.i)!, name: SEEDS[e.i]!.name },
        changedAt: at(e.min).toISOString(),
        lookupCountBefore: e.before,
        lookupCountAfter: e.after,
        statusBefore: e.sb as Status,
        statusAfter: e.sa as Status,
      }));
      expect((await summary()).recentChanges).toEqual(expected);
    });

    it('lists the last 5 provider events that touched this organization, counting only its domains', async () => {
      const other = await t.prisma.domain.findFirstOrThrow({ where: { name: 'theirs.example' } });
      const events: string[] = [];
      for (let k = 0; k < 7; k++) {
        const linked = k === 6 ? [other.id] : [idOf.get(k)!, idOf.get(k + 100)!, ...(k % 2 === 0 ? [other.id] : [])].slice(0, k === 0 ? 1 : 3);
        const e = await t.prisma.providerEvent.create({
          data: { includeDomain: `_spf${k}.provider.example`, service: k === 1 ? 'Google Workspace' : null, detectedAt: at(200 + k), diff: {}, affectedDomainCount: linked.length, domains: { create: linked.map((domainId) => ({ domainId })) } },
          select: { id: true },
        });
        events.push(e.id);
      }
      const s = await summary();
      // Event 6 touches only the other organization; 5, 4, 3, 2, 1 are the newest of ours.
      expect(s.recentProviderEvents).toEqual(
        [5, 4, 3, 2, 1].map((k) => ({
          id: events[k]!,
          includeDomain: `_spf${k}.provider.example`,
          service: k === 1 ? 'Google Workspace' : null,
          detectedAt: at(200 + k).toISOString(),
          affectedDomains: 2,
        })),
      );
    });
  });
});

describe('GET /api/domains/export.csv at 10,000 domains', () => {
  it('streams the filtered fleet', async () => {
    const res = await t.http.get('/api/domains/export.csv?status=warning').expect(200);
    const lines = res.text.trim().split('\n');
    expect(lines).toHaveLength(1 + SEEDS.filter((s) => s.status === 'warning').length);
  });
});
