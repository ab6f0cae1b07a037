import { Injectable } from '@nestjs/common';
import { Prisma, type SpfStatus } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from './db-transaction';
import { uuidv7 } from './uuid-v7';

/** What a check needs to know about its domain before analysing. */
export interface DomainForCheck {
  id: string;
  organizationId: string;
  clientId: string;
  name: string;
  checkIntervalMinutes: number;
  consecutiveTempErrors: number;
  status: SpfStatus;
  latestSnapshotId: string | null;
  latestContentHash: string | null;
}

/** The domain row as locked inside a check's transaction. */
export type LockedDomain = Omit<DomainForCheck, 'name' | 'checkIntervalMinutes' | 'latestContentHash'>;

export interface UnchangedCheck {
  domainId: string;
  snapshotId: string;
  startedAt: Date;
  durationMs: number;
  tick: string | null;
  /** Manual checks reschedule the domain; scheduled ones were rescheduled when claimed (null). */
  nextCheckAt: Date | null;
}

/** recorded: written; duplicate: this (domain, tick) was already checked; stale: the domain changed meanwhile. */
export type UnchangedResult = 'recorded' | 'duplicate' | 'stale';

export interface NewSnapshot {
  domainId: string;
  analysis: Analysis;
  contentHash: string;
  status: SpfStatus;
  services: string[];
  networks: string[];
  seenAt: Date;
}

export interface NewCheckRun {
  domainId: string;
  snapshotId: string | null;
  startedAt: Date;
  durationMs: number;
  outcome: 'unchanged' | 'changed' | 'error';
  dnsErrorKind?: string | null;
  tick: string | null;
}

export interface CheckRunRow {
  id: string;
  startedAt: Date;
  durationMs: number;
  outcome: 'unchanged' | 'changed' | 'error';
  dnsErrorKind: string | null;
  snapshotId: string | null;
  tick: string | null;
}

const DOMAIN_FOR_CHECK = {
  id: true,
  organizationId: true,
  clientId: true,
  name: true,
  checkIntervalMinutes: true,
  consecutiveTempErrors: true,
  status: true,
  latestSnapshotId: true,
  latestSnapshot: { select: { contentHash: true } },
} satisfies Prisma.DomainSelect;

type DomainForCheckRow = Prisma.DomainGetPayload<{ select: typeof DOMAIN_FOR_CHECK }>;

function toDomainForCheck(row: DomainForCheckRow): DomainForCheck {
  const { latestSnapshot, ...rest } = row;
  return { ...rest, latestContentHash: latestSnapshot?.contentHash ?? null };
}

@Injectable()
export class ChecksRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findDomainForCheck(organizationId: string, domainId: string): Promise<DomainForCheck | null> {
    const row = await this.prisma.domain.findFirst({ where: { id: domainId, organizationId }, select: DOMAIN_FOR_CHECK });
    return row ? toDomainForCheck(row) : null;
  }

  /** Several domains at once (a worker's batch); unknown ids are simply absent. */
  async findDomainsForCheck(refs: ReadonlyArray<{ organizationId: string; domainId: string }>): Promise<DomainForCheck[]> {
    if (refs.length === 0) return [];
    const rows = await this.prisma.domain.findMany({
      where: { OR: refs.map((r) => ({ id: r.domainId, organizationId: r.organizationId })) },
      select: DOMAIN_FOR_CHECK,
    });
    return rows.map(toDomainForCheck);
  }

  async domainExists(organizationId: string, domainId: string): Promise<boolean> {
    return (await this.prisma.domain.count({ where: { id: domainId, organizationId } })) > 0;
  }

  /**
   * Unchanged checks in ONE statement (one implicit transaction): per domain, a CheckRun row,
   * the snapshot's lastSeenAt and the domain's lastCheckedAt. A row is written only while the
   * domain still points at that snapshot with no DNS-error streak (else `stale`: the caller
   * takes the full path) and only once per (domain, tick) (else `duplicate`).
   */
  async recordUnchanged(checks: readonly UnchangedCheck[]): Promise<Map<string, UnchangedResult>> {
    const out = new Map<string, UnchangedResult>();
    if (checks.length === 0) return out;
    const sorted = [...checks].sort((a, b) => (a.domainId < b.domainId ? -1 : 1));
    const rows = await this.prisma.$queryRawUnsafe<Array<{ domain_id: string; matched: boolean; inserted: boolean }>>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::text[], $7::timestamptz[])
           AS t(run_id, domain_id, snapshot_id, started_at, duration_ms, tick, next_check_at)
       ),
       d AS (
         SELECT dm.id FROM domains dm JOIN input i ON i.domain_id = dm.id
          WHERE dm.latest_snapshot_id = i.snapshot_id AND dm.consecutive_temp_errors = 0
          ORDER BY dm.id
            FOR UPDATE OF dm
       ),
       run AS (
         INSERT INTO check_runs (id, domain_id, snapshot_id, started_at, duration_ms, outcome, tick)
         SELECT i.run_id, i.domain_id, i.snapshot_id, i.started_at, i.duration_ms, 'unchanged', i.tick
           FROM input i JOIN d ON d.id = i.domain_id
         ON CONFLICT (domain_id, tick) DO NOTHING
         RETURNING domain_id
       ),
       s AS (
         UPDATE snapshots sn SET last_seen_at = GREATEST(sn.last_seen_at, i.started_at)
           FROM input i JOIN run r ON r.domain_id = i.domain_id
          WHERE sn.id = i.snapshot_id
       ),
       u AS (
         UPDATE domains dm SET last_checked_at = i.started_at, next_check_at = COALESCE(i.next_check_at, dm.next_check_at), updated_at = now()
           FROM input i JOIN run r ON r.domain_id = i.domain_id
          WHERE dm.id = i.domain_id
       )
       SELECT i.domain_id::text AS domain_id, (d.id IS NOT NULL) AS matched, (r.domain_id IS NOT NULL) AS inserted
         FROM input i LEFT JOIN d ON d.id = i.domain_id LEFT JOIN run r ON r.domain_id = i.domain_id`,
      sorted.map((c) => uuidv7(c.startedAt.getTime())),
      sorted.map((c) => c.domainId),
      sorted.map((c) => c.snapshotId),
      sorted.map((c) => c.startedAt.toISOString()),
      sorted.map((c) => c.durationMs),
      sorted.map((c) => c.tick),
      sorted.map((c) => c.nextCheckAt?.toISOString() ?? null),
    );
    for (const row of rows) out.set(row.domain_id, !row.matched ? 'stale' : row.inserted ? 'recorded' : 'duplicate');
    return out;
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 60_000, maxWait: 60_000 });
  }

  /** Locks the domain row for the rest of the transaction (one check of a domain at a time). */
  async lockDomain(tx: Tx, domainId: string): Promise<LockedDomain | null> {
    const rows = await tx.$queryRaw<Array<{ id: string; organization_id: string; client_id: string; consecutive_temp_errors: number; status: SpfStatus; latest_snapshot_id: string | null }>>`
      SELECT id::text, organization_id::text, client_id::text, consecutive_temp_errors, status::text AS status, latest_snapshot_id::text
        FROM domains WHERE id = ${domainId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, organizationId: row.organization_id, clientId: row.client_id, consecutiveTempErrors: row.consecutive_temp_errors, status: row.status, latestSnapshotId: row.latest_snapshot_id };
  }

  async runExists(tx: Tx, domainId: string, tick: string): Promise<boolean> {
    return (await tx.checkRun.count({ where: { domainId, tick } })) > 0;
  }

  async findSnapshotForDiff(tx: Tx, snapshotId: string): Promise<{ id: string; contentHash: string; status: SpfStatus; analysis: Analysis } | null> {
    const row = await tx.snapshot.findUnique({ where: { id: snapshotId }, select: { id: true, contentHash: true, status: true, analysis: true } });
    return row ? { id: row.id, contentHash: row.contentHash, status: row.status, analysis: row.analysis as unknown as Analysis } : null;
  }

  async createSnapshot(tx: Tx, s: NewSnapshot): Promise<string> {
    const row = await tx.snapshot.create({
      data: {
        domainId: s.domainId,
        analysis: s.analysis as unknown as Prisma.InputJsonValue,
        recordText: s.analysis.record,
        contentHash: s.contentHash,
        lookupCount: s.analysis.lookupCount,
        voidLookups: s.analysis.voidLookups,
        status: s.status,
        services: s.services,
        networks: s.networks,
        firstSeenAt: s.seenAt,
        lastSeenAt: s.seenAt,
      },
      select: { id: true },
    });
    return row.id;
  }

  async touchSnapshot(tx: Tx, snapshotId: string, seenAt: Date): Promise<void> {
    await tx.snapshot.updateMany({ where: { id: snapshotId, lastSeenAt: { lt: seenAt } }, data: { lastSeenAt: seenAt } });
  }

  async createCheckRun(tx: Tx, run: NewCheckRun): Promise<string> {
    const row = await tx.checkRun.create({
      data: {
        domainId: run.domainId,
        snapshotId: run.snapshotId,
        startedAt: run.startedAt,
        durationMs: run.durationMs,
        outcome: run.outcome,
        dnsErrorKind: run.dnsErrorKind ?? null,
        tick: run.tick,
      },
      select: { id: true },
    });
    return row.id;
  }

  async updateDomainAfterCheck(
    tx: Tx,
    domainId: string,
    data: {
      checkedAt: Date;
      nextCheckAt: Date | null;
      consecutiveTempErrors: number;
      status?: SpfStatus;
      latestSnapshotId?: string;
      lookupCount?: number;
      changedAt?: Date;
    },
  ): Promise<void> {
    await tx.domain.update({
      where: { id: domainId },
      data: {
        lastCheckedAt: data.checkedAt,
        ...(data.nextCheckAt ? { nextCheckAt: data.nextCheckAt } : {}),
        consecutiveTempErrors: data.consecutiveTempErrors,
        ...(data.status ? { status: data.status } : {}),
        ...(data.latestSnapshotId ? { latestSnapshotId: data.latestSnapshotId } : {}),
        ...(data.lookupCount !== undefined ? { lookupCount: data.lookupCount } : {}),
        ...(data.changedAt ? { lastChangedAt: data.changedAt } : {}),
      },
    });
  }

  /** History, newest first. */
  async listCheckRuns(domainId: string, page: number, pageSize: number): Promise<{ items: CheckRunRow[]; total: number }> {
    const [items, total] = await Promise.all([
      this.prisma.checkRun.findMany({
        where: { domainId },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: { id: true, startedAt: true, durationMs: true, outcome: true, dnsErrorKind: true, snapshotId: true, tick: true },
      }),
      this.prisma.checkRun.count({ where: { domainId } }),
    ]);
    return { items, total };
  }
}
