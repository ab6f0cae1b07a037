import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_STATUSES, type DomainStatusValue, type SnapshotSummary } from '@spfwatch/contracts';
import type { AnalysisDiff } from '@spfwatch/spf';
import type { SnapshotRow, SnapshotSummaryRow } from '../snapshots.repository';
import type { SnapshotDiffView } from '../snapshots.service';

export class SnapshotSummaryDto implements SnapshotSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Last check that saw this content' }) lastSeenAt!: string;
  @ApiProperty() lookupCount!: number;
  @ApiProperty() voidLookups!: number;
  @ApiProperty({ enum: DOMAIN_STATUSES }) status!: DomainStatusValue;
  @ApiProperty({ type: String, nullable: true, description: 'The published SPF record (null: none)' }) record!: string | null;
  @ApiProperty({ type: [String], example: ['Google Workspace'] }) services!: string[];
  @ApiProperty({ description: 'sha256 of the canonical analysed content' }) contentHash!: string;
}

export class SnapshotPageDto {
  @ApiProperty({ type: [SnapshotSummaryDto] }) items!: SnapshotSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SnapshotDto extends SnapshotSummaryDto {
  @ApiProperty({ format: 'uuid' }) domainId!: string;
  @ApiProperty() domain!: string;
  @ApiProperty({ type: [String], description: 'Authorised networks, collapsed' }) networks!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The engine's full Analysis" }) analysis!: object;
}

export class SnapshotDiffDto {
  @ApiProperty({ type: SnapshotSummaryDto }) from!: SnapshotSummaryDto;
  @ApiProperty({ type: SnapshotSummaryDto }) to!: SnapshotSummaryDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'diffAnalyses(from, to)' }) diff!: AnalysisDiff;
}

export function toSnapshotSummaryDto(s: SnapshotSummaryRow): SnapshotSummaryDto {
  return {
    id: s.id,
    firstSeenAt: s.firstSeenAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    lookupCount: s.lookupCount,
    voidLookups: s.voidLookups,
    status: s.status,
    record: s.recordText,
    services: s.services,
    contentHash: s.contentHash,
  };
}

export function toSnapshotDto(s: SnapshotRow): SnapshotDto {
  return { ...toSnapshotSummaryDto(s), domainId: s.domainId, domain: s.domainName, networks: s.networks, analysis: s.analysis };
}

export function toSnapshotDiffDto(v: SnapshotDiffView): SnapshotDiffDto {
  return { from: toSnapshotSummaryDto(v.from), to: toSnapshotSummaryDto(v.to), diff: v.diff };
}
