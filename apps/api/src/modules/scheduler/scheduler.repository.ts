import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';
import { SCHEDULER_LOCK_KEY } from './tick';

export interface DueDomain {
  id: string;
  organizationId: string;
}

export interface CycleRow {
  tick: string;
  startedAt: Date;
  enqueued: number;
  enqueuedAt: Date | null;
}

@Injectable()
export class SchedulerRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 10 * 60_000, maxWait: 60_000 });
  }

  /** The scheduler's advisory lock, held until the transaction ends; false when another instance holds it. */
  async tryLock(tx: Tx): Promise<boolean> {
    const rows = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK_KEY}) AS locked`;
    return rows[0]?.locked === true;
  }

  /** Inserts the tick's cycle row; false when the tick already has one (another instance ran it). */
  async startCycle(tx: Tx, tick: string, startedAt: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`INSERT INTO check_cycles (tick, started_at) VALUES (${tick}, ${startedAt}) ON CONFLICT (tick) DO NOTHING`;
    return inserted === 1;
  }

  async finishCycle(tx: Tx, tick: string, enqueued: number, at: Date): Promise<void> {
    await tx.checkCycle.update({ where: { tick }, data: { enqueued, enqueuedAt: at } });
  }

  /**
   * The due domains (not paused, next_check_at ≤ now), oldest first: one scan of the partial
   * index domains_due_idx. Nothing is written: a domain's next_check_at moves when its check
   * is recorded, and until then the queue's one-job-per-domain policy keeps a later tick from
   * enqueueing it again. (40 bytes a domain: 100,000 due domains are 4 MB.)
   */
  async findDue(tx: Tx, now: Date): Promise<DueDomain[]> {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string; organization_id: string }>>(
      `SELECT id::text, organization_id::text FROM domains WHERE NOT paused AND next_check_at <= $1::timestamptz ORDER BY next_check_at`,
      now.toISOString(),
    );
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
  }

  async latestCycle(): Promise<CycleRow | null> {
    return this.prisma.checkCycle.findFirst({ orderBy: { startedAt: 'desc' }, select: { tick: true, startedAt: true, enqueued: true, enqueuedAt: true } });
  }

  /** CheckRuns recorded for a tick (any outcome) and those that ended in a DNS error. */
  async countRuns(tick: string, since: Date): Promise<{ done: number; errors: number }> {
    const rows = await this.prisma.$queryRaw<Array<{ done: number; errors: number }>>`
      SELECT count(*)::int AS done, count(*) FILTER (WHERE outcome = 'error')::int AS errors
        FROM check_runs WHERE started_at >= ${since} AND tick = ${tick}`;
    return rows[0] ?? { done: 0, errors: 0 };
  }

  /** check-domain jobs still queued or running (pg-boss's own table), and this tick's jobs that failed for good. */
  async jobCounts(queue: string, tick: string): Promise<{ pending: number; failed: number }> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ pending: number; failed: number }>>(
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS pending,
              count(*) FILTER (WHERE state = 'failed' AND data->>'tick' = $2)::int AS failed
         FROM pgboss.job WHERE name = $1`,
      queue,
      tick,
    );
    return rows[0] ?? { pending: 0, failed: 0 };
  }

  /**
   * Deletes up to `batch` CheckRuns started before `cutoff`, keeping the `changed` runs (one
   * per snapshot: the history of changes) and each domain's latest run. Returns the count.
   */
  async pruneCheckRuns(cutoff: Date, batch: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM check_runs WHERE id IN (
        SELECT c.id FROM check_runs c
         WHERE c.started_at < ${cutoff} AND c.outcome <> 'changed'
           AND EXISTS (SELECT 1 FROM check_runs n WHERE n.domain_id = c.domain_id AND n.started_at > c.started_at)
         LIMIT ${batch})`;
  }
}
