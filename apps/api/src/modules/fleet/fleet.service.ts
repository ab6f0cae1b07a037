import { Injectable } from '@nestjs/common';
import { type FleetDomainsQuery, type FleetSummary, LOOKUP_BUCKETS, type LookupBucket, NEAR_LIMIT_LOOKUPS } from '@spfwatch/contracts';
import { type DomainGroupRow, type FleetDomainRow, FleetRepository, type NearLimitRow, type ProviderEventRow, type RecentChangeRow } from './fleet.repository';
import { toDomainFilter } from './resolve-filters';

export const NEAR_LIMIT_SHOWN = 10;
export const RECENT_CHANGES_SHOWN = 10;
export const RECENT_PROVIDER_EVENTS_SHOWN = 5;

export interface FleetSummaryData {
  totals: Pick<FleetSummary, 'total' | 'paused' | 'counts' | 'lookupHistogram'>;
  nearLimit: NearLimitRow[];
  recentChanges: RecentChangeRow[];
  recentProviderEvents: ProviderEventRow[];
}

@Injectable()
export class FleetService {
  constructor(private readonly repository: FleetRepository) {}

  list(organizationId: string, query: FleetDomainsQuery): Promise<{ rows: FleetDomainRow[]; total: number }> {
    return this.repository.listFiltered(organizationId, toDomainFilter(query), query.sort, query.order, query.page, query.pageSize);
  }

  /** The dashboard: four queries in parallel, each served by an index of the Domain / Snapshot / ProviderEvent tables. */
  async summary(organizationId: string): Promise<FleetSummaryData> {
    const [groups, nearLimit, recentChanges, recentProviderEvents] = await Promise.all([
      this.repository.countGroups(organizationId),
      this.repository.findNearLimit(organizationId, NEAR_LIMIT_LOOKUPS, NEAR_LIMIT_SHOWN),
      this.repository.findRecentChanges(organizationId, RECENT_CHANGES_SHOWN),
      this.repository.findRecentProviderEvents(organizationId, RECENT_PROVIDER_EVENTS_SHOWN),
    ]);
    return { totals: summariseGroups(groups), nearLimit, recentChanges, recentProviderEvents };
  }
}

/** Totals, paused, counts by status and the lookup histogram ("0" … "10", "11+"; never-checked left out). */
export function summariseGroups(groups: readonly DomainGroupRow[]): FleetSummaryData['totals'] {
  const counts = { ok: 0, warning: 0, broken: 0, unknown: 0 };
  const buckets = new Map<LookupBucket, number>(LOOKUP_BUCKETS.map((b) => [b, 0]));
  let total = 0;
  let paused = 0;
  for (const g of groups) {
    total += g.count;
    if (g.paused) paused += g.count;
    counts[g.status] += g.count;
    if (g.lookupCount !== null) {
      const bucket: LookupBucket = g.lookupCount > 10 ? '11+' : (String(Math.max(0, g.lookupCount)) as LookupBucket);
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + g.count);
    }
  }
  return { total, paused, counts, lookupHistogram: LOOKUP_BUCKETS.map((bucket) => ({ bucket, count: buckets.get(bucket) ?? 0 })) };
}
