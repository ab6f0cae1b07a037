import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

export interface CountRow {
  key: string;
  n: number;
}

export interface LatestCycleRow {
  enqueued: number;
  done: number;
  /** Seconds from the tick's start to its last recorded check (0 while nothing is recorded). */
  seconds: number;
}

/**
 * What /metrics reads from the database at each scrape: the same numbers from every instance,
 * whichever process did the work. Fleet-wide counts only (no organization, client or domain
 * labels), so a scrape reveals no tenant's data.
 */
@Injectable()
export class MetricsRepository {
  constructor(private readonly prisma: PrismaService) {}

  domainsByStatus(): Promise<CountRow[]> {
    return this.prisma.$queryRaw<CountRow[]>`SELECT status::text AS key, count(*)::int AS n FROM domains WHERE NOT paused GROUP BY 1`;
  }

  openAlertsBySeverity(): Promise<CountRow[]> {
    return this.prisma.$queryRaw<CountRow[]>`SELECT severity::text AS key, count(*)::int AS n FROM alerts WHERE state <> 'resolved' GROUP BY 1`;
  }

  notificationsByStatus(): Promise<CountRow[]> {
    return this.prisma.$queryRaw<CountRow[]>`SELECT status::text AS key, count(*)::int AS n FROM notifications GROUP BY 1`;
  }

  /** pg-boss jobs waiting or running, by "<queue> <state>". */
  queueDepth(): Promise<CountRow[]> {
    return this.prisma.$queryRaw<CountRow[]>`
      SELECT name || ' ' || state::text AS key, count(*)::int AS n FROM pgboss.job
       WHERE state IN ('created', 'retry', 'active') GROUP BY 1`;
  }

  async latestCycle(): Promise<LatestCycleRow | null> {
    const rows = await this.prisma.$queryRaw<LatestCycleRow[]>`
      SELECT c.enqueued::int AS enqueued, count(r.id)::int AS done,
             COALESCE(EXTRACT(EPOCH FROM max(r.started_at + make_interval(secs => r.duration_ms / 1000.0)) - c.started_at), 0)::float8 AS seconds
        FROM (SELECT tick, started_at, enqueued FROM check_cycles ORDER BY started_at DESC LIMIT 1) c
        LEFT JOIN check_runs r ON r.tick = c.tick
       GROUP BY c.tick, c.started_at, c.enqueued`;
    return rows[0] ?? null;
  }
}
