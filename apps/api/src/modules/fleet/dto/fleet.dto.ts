import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DOMAIN_STATUSES,
  type DomainStatusValue,
  FLEET_SORT_FIELDS,
  type FleetDomain,
  type FleetDomainPage,
  type FleetDomainsQueryInput,
  type FleetSort,
  type FleetSummary,
  LOOKUP_BUCKETS,
  type LookupBucket,
  SORT_ORDERS,
  type SortOrder,
} from '@spfwatch/contracts';
import { ClientRefDto } from '../../domains/dto/domain.dto';
import type { FleetDomainRow } from '../fleet.repository';
import type { FleetSummaryData } from '../fleet.service';
import { toServiceIds } from '../resolve-filters';

/** Query filters of the fleet list and the CSV export (OpenAPI description; zod validates). */
export class FleetFiltersQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the domain name', example: 'shop' })
  search?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  clientId?: string;
  @ApiPropertyOptional({ enum: DOMAIN_STATUSES })
  status?: DomainStatusValue;
  @ApiPropertyOptional({ description: 'Catalogue service id (GET /api/tools/services) the latest snapshot authorises', example: 'google-workspace' })
  service?: string;
  @ApiPropertyOptional({ description: 'One tag (case-insensitive)', example: 'vip' })
  tag?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  paused?: 'true' | 'false';
}

export class FleetDomainsQueryDto extends FleetFiltersQueryDto implements Omit<FleetDomainsQueryInput, 'paused'> {
  @ApiPropertyOptional({ enum: FLEET_SORT_FIELDS, default: 'name', description: 'Ties are broken by name; status order: ok < warning < broken < unknown; never-checked domains last' })
  sort?: FleetSort;
  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'asc' })
  order?: SortOrder;
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  page?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  pageSize?: number;
}

export class FleetDomainDto implements FleetDomain {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'example.com' }) name!: string;
  @ApiProperty({ type: ClientRefDto }) client!: ClientRefDto;
  @ApiProperty({ enum: DOMAIN_STATUSES }) status!: DomainStatusValue;
  @ApiProperty({ type: Number, nullable: true }) lookupCount!: number | null;
  @ApiProperty({ type: [String], description: 'Catalogue service ids of the latest snapshot' }) services!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCheckedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastChangedAt!: string | null;
  @ApiProperty() paused!: boolean;
}

export class FleetDomainPageDto implements FleetDomainPage {
  @ApiProperty({ type: [FleetDomainDto] }) items!: FleetDomainDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class StatusCountsDto {
  @ApiProperty() ok!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() broken!: number;
  @ApiProperty({ description: 'Not checked yet' }) unknown!: number;
}

class LookupBucketDto {
  @ApiProperty({ enum: LOOKUP_BUCKETS }) bucket!: LookupBucket;
  @ApiProperty() count!: number;
}

class NearLimitDomainDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: ClientRefDto }) client!: ClientRefDto;
  @ApiProperty() lookupCount!: number;
  @ApiProperty({ enum: DOMAIN_STATUSES }) status!: DomainStatusValue;
}

class DomainRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class RecentChangeDto {
  @ApiProperty({ format: 'uuid' }) snapshotId!: string;
  @ApiProperty({ type: DomainRefDto }) domain!: DomainRefDto;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty() lookupCountBefore!: number;
  @ApiProperty() lookupCountAfter!: number;
  @ApiProperty({ enum: DOMAIN_STATUSES }) statusBefore!: DomainStatusValue;
  @ApiProperty({ enum: DOMAIN_STATUSES }) statusAfter!: DomainStatusValue;
}

class RecentProviderEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '_spf.google.com' }) includeDomain!: string;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ format: 'date-time' }) detectedAt!: string;
  @ApiProperty({ description: "This organization's domains linked to the event" }) affectedDomains!: number;
}

export class FleetSummaryDto implements FleetSummary {
  @ApiProperty() total!: number;
  @ApiProperty() paused!: number;
  @ApiProperty({ type: StatusCountsDto }) counts!: StatusCountsDto;
  @ApiProperty({ type: [LookupBucketDto], description: '"0" … "10", "11+"; never-checked domains are not counted' }) lookupHistogram!: LookupBucketDto[];
  @ApiProperty({ type: [NearLimitDomainDto], description: 'Up to 10 domains with ≥ 8 lookups, most first' }) nearLimit!: NearLimitDomainDto[];
  @ApiProperty({ type: [RecentChangeDto], description: 'The last 10 snapshots that changed a domain (a first snapshot is not a change)' }) recentChanges!: RecentChangeDto[];
  @ApiProperty({ type: [RecentProviderEventDto], description: 'The last 5 provider events touching this organization' }) recentProviderEvents!: RecentProviderEventDto[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toFleetDomainDto(row: FleetDomainRow): FleetDomainDto {
  return {
    id: row.id,
    name: row.name,
    client: { id: row.client.id, name: row.client.name },
    status: row.status,
    lookupCount: row.lookupCount,
    services: toServiceIds(row.latestSnapshot?.services ?? []),
    tags: row.tags,
    lastCheckedAt: iso(row.lastCheckedAt),
    lastChangedAt: iso(row.lastChangedAt),
    paused: row.paused,
  };
}

export function toFleetSummaryDto(data: FleetSummaryData): FleetSummaryDto {
  return {
    ...data.totals,
    nearLimit: data.nearLimit.map((d) => ({ id: d.id, name: d.name, client: { id: d.client.id, name: d.client.name }, lookupCount: d.lookupCount ?? 0, status: d.status })),
    recentChanges: data.recentChanges.map((c) => ({
      snapshotId: c.snapshotId,
      domain: { id: c.domainId, name: c.domainName },
      changedAt: c.changedAt.toISOString(),
      lookupCountBefore: c.lookupCountBefore,
      lookupCountAfter: c.lookupCountAfter,
      statusBefore: c.statusBefore,
      statusAfter: c.statusAfter,
    })),
    recentProviderEvents: data.recentProviderEvents.map((e) => ({
      id: e.id,
      includeDomain: e.includeDomain,
      service: e.service,
      detectedAt: e.detectedAt.toISOString(),
      affectedDomains: e.affectedDomains,
    })),
  };
}
