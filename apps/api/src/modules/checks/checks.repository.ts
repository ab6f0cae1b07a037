import { Injectable } from '@nestjs/common';
import type { SpfStatus } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from './db-transaction';

/*
 * Checks run by the thousand: the hot paths below are raw SQL over arrays (one statement for
 * many domains), because each statement is a round trip and Prisma's query building costs more
 * CPU than the checks themselves. Cold paths (history) use Prisma's query API.
 */

/** What a check needs to know about its domain before analysing. */
export interface DomainForCheck {
  id: string;
  organizationId: string;
  clientId: string;
  name: string;
  checkIntervalMinutes: number;
  consecutiveTempErrors: number;
  latestSnapshotId: string | null;
  latestContentHash: string | null;
}

/** The domain row as locked inside a check's transaction, with its latest snapshot. */
export interface LockedDomain {
  id: string;
  organizationId: string;
  clientId: string;
  consecutiveTempErrors: number;
  status: SpfStatus;
  latest: { id: string; contentHash: string; status: SpfStatus; analysis: Analysis } | null;
}

export interface UnchangedCheck {
  runId: string;
  domainId: string;
  snapshotId: string;
  startedAt: Date;
  durationMs: number;
  tick: string | null;
  nextCheckAt: Date;
}

/** recorded: written; duplicate: this (domain, tick) was already checked; stale: the domain changed meanwhile. */
export type UnchangedResult = 'recorded' | 'duplicate' | 'stale';

export interface NewSnapshot {
  id: string;
  domainId: string;
  analysis: Analysis;
  contentHash: string;
  status: SpfStatus;
  services: string[];
  networks: string[];
  seenAt: Date;
}

export interface NewCheckRun {
  id: string;
  domainId: string;
  snapshotId: string | null;
  startedAt: Date;
  durationMs: number;
  outcome: 'unchanged' | 'changed' | 'error';
  dnsErrorKind: string | null;
  tick: string | null;
}

export interface DomainUpdate {
  id: string;
  checkedAt: Date;
  nextCheckAt: Date | null;
  consecutiveTempErrors: number;
  status: SpfStatus | null;
  latestSnapshotId: string | null;
  lookupCount: number | null;
  changedAt: Date | null;
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

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * JSON characters per snapshot INSERT (one byte each: the JSON is ASCII unless a record is
 * not): with Prisma's escaped copy (~+15 %) still under V8's 128 KB regular-object limit;
 * about nine snapshots of a typical fleet domain.
 */
export const SNAPSHOT_STATEMENT_CHARS = 96 * 1024;

@Injectable()
export class ChecksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Domains of the organizations given (pairs), with their latest content hash; unknown ids are absent. */
  async findDomainsForCheck(refs: ReadonlyArray<{ organizationId: string; domainId: string }>): Promise<DomainForCheck[]> {
    if (refs.length === 0) return [];
    const rows = await this.prisma.$queryRawUnsafe<
      Array<{ id: string; organization_id: string; client_id: string; name: string; check_interval_minutes: number; consecutive_temp_errors: number; latest_snapshot_id: string | null; content_hash: string | null }>
    >(
      `SELECT d.id::text, d.organization_id::text, d.client_id::text, d.name, d.check_interval_minutes, d.consecutive_temp_errors,
              d.latest_snapshot_id::text, s.content_hash
         FROM unnest($1::uuid[], $2::uuid[]) AS r(id, organization_id)
         JOIN domains d ON d.id = r.id AND d.organization_id = r.organization_id
         LEFT JOIN snapshots s ON s.id = d.latest_snapshot_id`,
      refs.map((r) => r.domainId),
      refs.map((r) => r.organizationId),
    );
    return rows.map((r) => ({
      id: r.id,
      organizationId: r.organization_id,
      clientId: r.client_id,
      name: r.name,
      checkIntervalMinutes: r.check_interval_minutes,
      consecutiveTempErrors: r.consecutive_temp_errors,
      latestSnapshotId: r.latest_snapshot_id,
      latestContentHash: r.content_hash,
    }));
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
      checks.map((c) => c.runId),
      checks.map((c) => c.domainId),
      checks.map((c) => c.snapshotId),
      checks.map((c) => c.startedAt.toISOString()),
      checks.map((c) => c.durationMs),
      checks.map((c) => c.tick),
      checks.map((c) => iso(c.nextCheckAt)),
    );
    for (const row of rows) out.set(row.domain_id, !row.matched ? 'stale' : row.inserted ? 'recorded' : 'duplicate');
    return out;
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 120_000, maxWait: 60_000 });
  }

  /** Locks the domains (in id order) for the rest of the transaction and reads their latest snapshot. */
  async lockDomains(tx: Tx, domainIds: readonly string[]): Promise<Map<string, LockedDomain>> {
    const rows = await tx.$queryRawUnsafe<
      Array<{ id: string; organization_id: string; client_id: string; consecutive_temp_errors: number; status: SpfStatus; latest_snapshot_id: string | null; content_hash: string | null; snapshot_status: SpfStatus | null; analysis: Analysis | null }>
    >(
      `SELECT d.id::text, d.organization_id::text, d.client_id::text, d.consecutive_temp_errors, d.status::text AS status,
              d.latest_snapshot_id::text, s.content_hash, s.status::text AS snapshot_status, s.analysis
         FROM domains d LEFT JOIN snapshots s ON s.id = d.latest_snapshot_id
        WHERE d.id = ANY($1::uuid[])
        ORDER BY d.id
          FOR UPDATE OF d`,
      [...domainIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          organizationId: r.organization_id,
          clientId: r.client_id,
          consecutiveTempErrors: r.consecutive_temp_errors,
          status: r.status,
          latest: r.latest_snapshot_id && r.content_hash && r.analysis ? { id: r.latest_snapshot_id, contentHash: r.content_hash, status: r.snapshot_status ?? 'unknown', analysis: r.analysis } : null,
        },
      ]),
    );
  }

  /** The domains among `pairs` that already have a CheckRun for that tick. */
  async domainsCheckedInTick(tx: Tx, pairs: ReadonlyArray<{ domainId: string; tick: string }>): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows = await tx.$queryRawUnsafe<Array<{ domain_id: string }>>(
      `SELECT c.domain_id::text FROM check_runs c
         JOIN unnest($1::uuid[], $2::text[]) AS t(domain_id, tick) ON c.domain_id = t.domain_id AND c.tick = t.tick`,
      pairs.map((p) => p.domainId),
      pairs.map((p) => p.tick),
    );
    return new Set(rows.map((r) => r.domain_id));
  }

  /**
   * Inserts the snapshots in statements of at most SNAPSHOT_STATEMENT_CHARS of JSON each (one
   * row alone may exceed it). A raw query's parameters are copied several times on the way
   * (our JSON, Prisma's serialised parameters with every quote escaped, Prisma parsing them
   * back, pg's message buffer): a whole batch in one statement made 2 MB strings, allocated in
   * V8's large-object space, which only a full GC frees — a worker of cycle 1 piled up 150 MB
   * of them between full GCs. Below V8's 128 KB regular-object limit the copies are ordinary
   * young objects, most of them gone at the next scavenge.
   * Each chunk's rows are serialised just before its statement, so only one chunk is alive.
   */
  async insertSnapshots(tx: Tx, snapshots: readonly NewSnapshot[]): Promise<void> {
    let rows: string[] = [];
    let length = 2; // the payload is `[row,row,…]`
    for (const s of snapshots) {
      const row = JSON.stringify({
        id: s.id,
        domainId: s.domainId,
        analysis: s.analysis,
        recordText: s.analysis.record,
        contentHash: s.contentHash,
        lookupCount: s.analysis.lookupCount,
        voidLookups: s.analysis.voidLookups,
        status: s.status,
        services: s.services,
        networks: s.networks,
        seenAt: s.seenAt.toISOString(),
      });
      if (rows.length > 0 && length + 1 + row.length > SNAPSHOT_STATEMENT_CHARS) {
        await this.insertSnapshotRows(tx, rows);
        rows = [];
        length = 2;
      }
      length += (rows.length > 0 ? 1 : 0) + row.length;
      rows.push(row);
    }
    if (rows.length > 0) await this.insertSnapshotRows(tx, rows);
  }

  /** One INSERT for rows already serialised as JSON objects. */
  private async insertSnapshotRows(tx: Tx, rows: readonly string[]): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO snapshots (id, domain_id, analysis, record_text, content_hash, lookup_count, void_lookups, status, services, networks, first_seen_at, last_seen_at)
       SELECT (e->>'id')::uuid, (e->>'domainId')::uuid, e->'analysis', e->>'recordText', e->>'contentHash', (e->>'lookupCount')::int, (e->>'voidLookups')::int,
              (e->>'status')::spf_status, ARRAY(SELECT jsonb_array_elements_text(e->'services')), e->'networks', (e->>'seenAt')::timestamptz, (e->>'seenAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) AS e`,
      `[${rows.join(',')}]`,
    );
  }

  async insertCheckRuns(tx: Tx, runs: readonly NewCheckRun[]): Promise<void> {
    if (runs.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO check_runs (id, domain_id, snapshot_id, started_at, duration_ms, outcome, dns_error_kind, tick)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::check_outcome[], $7::text[], $8::text[])`,
      runs.map((r) => r.id),
      runs.map((r) => r.domainId),
      runs.map((r) => r.snapshotId),
      runs.map((r) => r.startedAt.toISOString()),
      runs.map((r) => r.durationMs),
      runs.map((r) => r.outcome),
      runs.map((r) => r.dnsErrorKind),
      runs.map((r) => r.tick),
    );
  }

  async touchSnapshots(tx: Tx, seen: ReadonlyArray<{ snapshotId: string; at: Date }>): Promise<void> {
    if (seen.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE snapshots s SET last_seen_at = GREATEST(s.last_seen_at, t.at)
         FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, at) WHERE s.id = t.id`,
      seen.map((s) => s.snapshotId),
      seen.map((s) => s.at.toISOString()),
    );
  }

  /** Null fields keep the domain's current value. */
  async updateDomains(tx: Tx, updates: readonly DomainUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE domains d SET
          last_checked_at = t.checked_at,
          next_check_at = COALESCE(t.next_check_at, d.next_check_at),
          consecutive_temp_errors = t.streak,
          status = COALESCE(t.status::spf_status, d.status),
          latest_snapshot_id = COALESCE(t.snapshot_id, d.latest_snapshot_id),
          lookup_count = COALESCE(t.lookup_count, d.lookup_count),
          last_changed_at = COALESCE(t.changed_at, d.last_changed_at),
          updated_at = now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::text[], $6::uuid[], $7::int[], $8::timestamptz[])
           AS t(id, checked_at, next_check_at, streak, status, snapshot_id, lookup_count, changed_at)
        WHERE d.id = t.id`,
      updates.map((u) => u.id),
      updates.map((u) => u.checkedAt.toISOString()),
      updates.map((u) => iso(u.nextCheckAt)),
      updates.map((u) => u.consecutiveTempErrors),
      updates.map((u) => u.status),
      updates.map((u) => u.latestSnapshotId),
      updates.map((u) => u.lookupCount),
      updates.map((u) => iso(u.changedAt)),
    );
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
