import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECK_INTERVAL_MAX_MINUTES,
  CHECK_INTERVAL_MIN_MINUTES,
  type ClientRef,
  type CreateDomainBody,
  DOMAIN_STATUSES,
  type DomainDetailResponse,
  type DomainPage,
  type DomainResponse,
  type DomainStatusValue,
  type LatestSnapshotSummary,
  MAX_TAG_LENGTH,
  MAX_TAGS_PER_DOMAIN,
  type UpdateDomainBody,
} from '@spfwatch/contracts';
import { toServiceIds } from '../../fleet/resolve-filters';
import type { DomainDetailRow, DomainRow } from '../domains.repository';

export class ClientRefDto implements ClientRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme Corp' }) name!: string;
}

const TAGS_DESCRIPTION = `Trimmed and lower-cased, duplicates dropped; at most ${MAX_TAGS_PER_DOMAIN}, each 1–${MAX_TAG_LENGTH} characters without ";", "|" or ","`;

export class CreateDomainDto implements CreateDomainBody {
  @ApiProperty({ example: 'Example.COM.', description: 'Normalised: lower-case, no trailing dot, IDN → A-label. Unique in the organization.' })
  name!: string;
  @ApiProperty({ format: 'uuid' })
  clientId!: string;
  @ApiPropertyOptional({ type: [String], example: ['vip', 'eu'], description: TAGS_DESCRIPTION })
  tags?: string[];
  @ApiPropertyOptional({ minimum: CHECK_INTERVAL_MIN_MINUTES, maximum: CHECK_INTERVAL_MAX_MINUTES, default: 60 })
  checkIntervalMinutes?: number;
  @ApiPropertyOptional({ default: false })
  paused?: boolean;
}

export class UpdateDomainDto implements UpdateDomainBody {
  @ApiPropertyOptional({ type: [String], description: `Replaces the tags. ${TAGS_DESCRIPTION}` })
  tags?: string[];
  @ApiPropertyOptional({ minimum: CHECK_INTERVAL_MIN_MINUTES, maximum: CHECK_INTERVAL_MAX_MINUTES, description: 'A shorter interval brings the next check forward' })
  checkIntervalMinutes?: number;
  @ApiPropertyOptional()
  paused?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the domain to another client of the organization' })
  clientId?: string;
}

export class DomainDto implements DomainResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'example.com' }) name!: string;
  @ApiProperty({ type: ClientRefDto }) client!: ClientRefDto;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() checkIntervalMinutes!: number;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ enum: DOMAIN_STATUSES }) status!: DomainStatusValue;
  @ApiProperty({ type: Number, nullable: true, description: 'DNS lookups of the latest snapshot; null until first checked' }) lookupCount!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCheckedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastChangedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) nextCheckAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class LatestSnapshotSummaryDto implements LatestSnapshotSummary {
  @ApiProperty({ format: 'uuid' }) snapshotId!: string;
  @ApiProperty({ enum: DOMAIN_STATUSES }) status!: DomainStatusValue;
  @ApiProperty() lookupCount!: number;
  @ApiProperty() voidLookups!: number;
  @ApiProperty({ type: [String], description: 'Catalogue service ids', example: ['google-workspace'] }) services!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'v=spf1 include:_spf.google.com -all' }) record!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastCheckedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastChangedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
}

export class DomainDetailDto extends DomainDto implements DomainDetailResponse {
  @ApiProperty({ type: LatestSnapshotSummaryDto, nullable: true, description: 'null before the first check' })
  latest!: LatestSnapshotSummaryDto | null;
}

export class DomainPageDto implements DomainPage {
  @ApiProperty({ type: [DomainDto] }) items!: DomainDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toDomainDto(row: DomainRow): DomainDto {
  return {
    id: row.id,
    name: row.name,
    client: { id: row.client.id, name: row.client.name },
    tags: row.tags,
    checkIntervalMinutes: row.checkIntervalMinutes,
    paused: row.paused,
    status: row.status,
    lookupCount: row.lookupCount,
    lastCheckedAt: iso(row.lastCheckedAt),
    lastChangedAt: iso(row.lastChangedAt),
    nextCheckAt: row.nextCheckAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDomainDetailDto(row: DomainDetailRow): DomainDetailDto {
  const s = row.latestSnapshot;
  return {
    ...toDomainDto(row),
    latest: s
      ? {
          snapshotId: s.id,
          status: s.status,
          lookupCount: s.lookupCount,
          voidLookups: s.voidLookups,
          services: toServiceIds(s.services),
          record: s.recordText,
          lastCheckedAt: iso(row.lastCheckedAt),
          lastChangedAt: iso(row.lastChangedAt),
          firstSeenAt: s.firstSeenAt.toISOString(),
        }
      : null,
  };
}
