import { Injectable } from '@nestjs/common';
import type { FleetSort, SortOrder } from '@spfwatch/contracts';
import { Prisma } from '@spfwatch/db';
import { clientScopeSql } from '../../common/auth/prisma-scoping';
import { rawSqlScopedByCaller } from '../../common/auth/request-scope';
import { PrismaService } from '../../prisma/prisma.service';
import { buildDomainOrderBy, buildDomainWhere, type DomainFilter } from './fleet-filters';

export type StatusName = 'ok' | 'warning' | 'broken' | 'unknown';

export interface FleetDomainRow {
  id: string;
  name: string;
  client: { id: string; name: string };
  status: StatusName;
  lookupCount: number | null;
  tags: string[];
  lastCheckedAt: Date | null;
  lastChangedAt: Date | null;
  paused: boolean;
  latestSnapshot: { services: string[] } | null;
}

/** One group of the summary's single grouped count. */
export interface DomainGroupRow {
  status: StatusName;
  paused: boolean;
  lookupCount: number | null;
  count: number;
}

export interface NearLimitRow {
  id: string;
  name: string;
  client: { id: string; name: string };
  lookupCount: number | null;
  status: StatusName;
}

export interface RecentChangeRow {
  snapshotId: string;
  domainId: string;
  domainName: string;
  changedAt: Date;
  lookupCountBefore: number;
  lookupCountAfter: number;
  statusBefore: StatusName;
  statusAfter: StatusName;
}

export interface ProviderEventRow {
  id: string;
  includeDomain: string;
  service: string | null;
  detectedAt: Date;
  affectedDomains: number;
}

/** Read-only queries of the dashboard. Every method takes the organization id and scopes by it. */
@Injectable()
export class FleetRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page plus the total under the same filter (two queries in parallel). */
  async listFiltered(
    organizationId: string,
    filter: DomainFilter,
    sort: FleetSort,
    order: SortOrder,
    page: number,
    pageSize: number,
  ): Promise<{ rows: FleetDomainRow[]; total: number }> {
    const where = buildDomainWhere(organizationId, filter);
    const [rows, total] = await Promise.all([
      this.prisma.domain.findMany({
        where,
        orderBy: buildDomainOrderBy(sort, order),
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: {
          id: true,
          name: true,
          client: { select: { id: true, name: true } },
          status: true,
          lookupCount: true,
          tags: true,
          lastCheckedAt: true,
          lastChangedAt: true,
          paused: true,
          latestSnapshot: { select: { services: true } },
        },
      }),
      this.prisma.domain.count({ where }),
    ]);
    return { rows, total };
  }

  /** Counts by (status, paused, lookup count) in ONE grouped query: the summary derives every total from it. */
  async countGroups(organizationId: string): Promise<DomainGroupRow[]> {
    const groups = await this.prisma.domain.groupBy({
      by: ['status', 'paused', 'lookupCount'],
      where: { organizationId },
      _count: { _all: true },
    });
    return groups.map((g) => ({ status: g.status, paused: g.paused, lookupCount: g.lookupCount, count: g._count._all }));
  }

  findNearLimit(organizationId: string, minLookups: number, take: number): Promise<NearLimitRow[]> {
    return this.prisma.domain.findMany({
      where: { organizationId, lookupCount: { gte: minLookups } },
      orderBy: [{ lookupCount: 'desc' }, { name: 'asc' }],
      take,
      select: { id: true, name: true, client: { select: { id: true, name: true } }, lookupCount: true, status: true },
    });
  }

  /**
   * The latest snapshots that replaced an earlier one (a domain's first snapshot is not a
   * change), newest first, each with the lookups and status of the snapshot it replaced.
   *
   * Walking every snapshot by firstSeenAt costs a predecessor lookup per snapshot (80 ms at
   * 20,000 snapshots). Instead it starts from the domains changed last — Domain.lastChangedAt
   * is the firstSeenAt of the domain's latest replacing snapshot (the checks module writes both
   * from one time) and has an index: the `take` newest changes can only belong to the `take`
   * domains changed last, and be among each one's `take` + 1 newest snapshots. Twice as many
   * domains are read so equal timestamps at the edge cannot push one out.
   */
  findRecentChanges(organizationId: string, take: number): Promise<RecentChangeRow[]> {
    // Raw SQL is not scoped by the Prisma extension: clientScopeSql keeps a client viewer's clients only.
    return rawSqlScopedByCaller(() => this.prisma.$queryRaw<RecentChangeRow[]>(Prisma.sql`
      WITH changed AS (
        SELECT id, name FROM domains
        WHERE organization_id = ${organizationId}::uuid AND last_changed_at IS NOT NULL${clientScopeSql('client_id')}
        ORDER BY last_changed_at DESC
        LIMIT ${take * 2}
      )
      SELECT s.id AS "snapshotId", c.id AS "domainId", c.name AS "domainName", s.first_seen_at AS "changedAt",
             p.lookup_count AS "lookupCountBefore", s.lookup_count AS "lookupCountAfter",
             p.status::text AS "statusBefore", s.status::text AS "statusAfter"
      FROM changed c
      JOIN LATERAL (
        SELECT id, first_seen_at, lookup_count, status FROM snapshots
        WHERE domain_id = c.id
        ORDER BY first_seen_at DESC
        LIMIT ${take + 1}
      ) s ON true
      JOIN LATERAL (
        SELECT prev.lookup_count, prev.status FROM snapshots prev
        WHERE prev.domain_id = c.id AND prev.first_seen_at < s.first_seen_at
        ORDER BY prev.first_seen_at DESC
        LIMIT 1
      ) p ON true
      ORDER BY s.first_seen_at DESC, s.id DESC
      LIMIT ${take}`));
  }

  /** The latest provider events linked to at least one of the organization's domains, with how many. */
  async findRecentProviderEvents(organizationId: string, take: number): Promise<ProviderEventRow[]> {
    const linkedHere = { domain: { organizationId } };
    const rows = await this.prisma.providerEvent.findMany({
      where: { domains: { some: linkedHere } },
      orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
      take,
      select: { id: true, includeDomain: true, service: true, detectedAt: true, _count: { select: { domains: { where: linkedHere } } } },
    });
    return rows.map(({ _count, ...r }) => ({ ...r, affectedDomains: _count.domains }));
  }
}
