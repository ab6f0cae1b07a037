/**
 * ChecksRepository.insertSnapshots against the test database: a batch of snapshots goes in as
 * several statements of bounded JSON (see SNAPSHOT_STATEMENT_CHARS), every row intact.
 */
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import type { PrismaService } from '../../prisma/prisma.service';
import { analyzeWith } from '../../../test/support/monitoring/analyses';
import { ChecksRepository, SNAPSHOT_STATEMENT_CHARS, type NewSnapshot } from './checks.repository';
import type { Tx } from './db-transaction';

describe('ChecksRepository.insertSnapshots', () => {
  const prisma = createPrismaClient(process.env.DATABASE_URL!) as unknown as PrismaService;
  const repo = new ChecksRepository(prisma);
  let organizationId: string;
  let clientId: string;

  beforeAll(async () => {
    const slug = `snapshot-insert-${randomUUID().slice(0, 8)}`;
    organizationId = (await prisma.organization.create({ data: { name: slug, slug } })).id;
    clientId = (await prisma.client.create({ data: { organizationId, name: 'Client' } })).id;
  });

  afterAll(async () => {
    await prisma.organization.delete({ where: { id: organizationId } }).catch(() => {});
    await prisma.$disconnect();
  });

  async function domains(count: number, prefix: string): Promise<string[]> {
    const names = Array.from({ length: count }, (_, i) => `${prefix}${i}.example`);
    await prisma.domain.createMany({ data: names.map((name) => ({ organizationId, clientId, name })) });
    const rows = await prisma.domain.findMany({ where: { organizationId, name: { in: names } }, select: { id: true, name: true } });
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    return names.map((n) => byName.get(n)!);
  }

  function snapshot(domainId: string, analysis: Analysis, i: number): NewSnapshot {
    return {
      id: randomUUID(),
      domainId,
      analysis,
      contentHash: `hash-${i}`,
      status: 'ok',
      services: analysis.services.map((s) => s.name),
      networks: analysis.networks.map((n) => n.cidr),
      seenAt: new Date(Date.UTC(2026, 10, 22, 6, 0, i)),
    };
  }

  /** Runs insertSnapshots in a transaction and returns the JSON payload of each INSERT. */
  async function insert(snapshots: NewSnapshot[]): Promise<string[]> {
    const payloads: string[] = [];
    await repo.transaction(async (tx) => {
      const spying = new Proxy(tx, {
        get(target, key, receiver) {
          if (key !== '$executeRawUnsafe') return Reflect.get(target, key, receiver);
          return (sql: string, ...values: unknown[]) => {
            if (sql.includes('INSERT INTO snapshots')) payloads.push(values[0] as string);
            return target.$executeRawUnsafe(sql, ...values);
          };
        },
      }) as Tx;
      await repo.insertSnapshots(spying, snapshots);
    });
    return payloads;
  }

  it('splits a batch into statements of at most SNAPSHOT_STATEMENT_CHARS of JSON, in order, every row stored', async () => {
    const ids = await domains(60, 'batch');
    const analyses = await Promise.all(
      ids.map((_, i) =>
        analyzeWith(`batch${i}.example`, {
          [`batch${i}.example`]: { TXT: [`v=spf1 ip4:192.0.2.${i} include:_spf.google.com include:sendgrid.net include:spf.protection.outlook.com -all`] },
        }),
      ),
    );
    const snapshots = ids.map((id, i) => snapshot(id, analyses[i]!, i));
    const total = snapshots.reduce((n, s) => n + JSON.stringify(s.analysis).length, 0);
    expect(total).toBeGreaterThan(2 * SNAPSHOT_STATEMENT_CHARS);

    const payloads = await insert(snapshots);
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const p of payloads) expect(p.length).toBeLessThanOrEqual(SNAPSHOT_STATEMENT_CHARS);
    expect(payloads.flatMap((p) => (JSON.parse(p) as Array<{ id: string }>).map((r) => r.id))).toEqual(snapshots.map((s) => s.id));

    const stored = await prisma.snapshot.findMany({ where: { domainId: { in: ids } } });
    expect(stored).toHaveLength(60);
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const s of snapshots) {
      expect(byId.get(s.id)).toMatchObject({
        domainId: s.domainId,
        analysis: JSON.parse(JSON.stringify(s.analysis)),
        recordText: s.analysis.record,
        contentHash: s.contentHash,
        lookupCount: s.analysis.lookupCount,
        voidLookups: s.analysis.voidLookups,
        status: 'ok',
        services: s.services,
        networks: s.networks,
        firstSeenAt: s.seenAt,
        lastSeenAt: s.seenAt,
      });
    }
  });

  it('sends a snapshot larger than the limit alone, between its neighbours', async () => {
    const ids = await domains(3, 'big');
    const base = await analyzeWith('big1.example', { 'big1.example': { TXT: ['v=spf1 include:_spf.google.com -all'] } });
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...base.networks[0]!, cidr: `10.${i >> 8}.${i & 255}.0/24` }));
    const big: Analysis = { ...base, networks: many };
    expect(JSON.stringify(big).length).toBeGreaterThan(SNAPSHOT_STATEMENT_CHARS);

    const payloads = await insert([snapshot(ids[0]!, base, 0), snapshot(ids[1]!, big, 1), snapshot(ids[2]!, base, 2)]);
    expect(payloads.map((p) => (JSON.parse(p) as unknown[]).length)).toEqual([1, 1, 1]);
    expect(await prisma.snapshot.count({ where: { domainId: { in: ids } } })).toBe(3);
  });
});
