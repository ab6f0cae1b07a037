import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_SEVERITIES, ALERT_STATES, ALERT_TYPES, type AcknowledgeAlertBody, type AlertSeverity, type AlertState, type AlertType } from '@spfwatch/contracts';
import type { AnalysisDiff } from '@spfwatch/spf';
import type { AlertRow } from '../alerts.repository';

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) domainId!: string;
  @ApiProperty({ example: 'example.com' }) domain!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: ALERT_TYPES }) type!: AlertType;
  @ApiProperty({ enum: ALERT_SEVERITIES }) severity!: AlertSeverity;
  @ApiProperty({ enum: ALERT_STATES }) state!: AlertState;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ message, …facts of the type (lookupCount, services, from/to …) }' }) detail!: object;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) fromSnapshotId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) toSnapshotId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Set when a provider change broke the domain' }) providerEventId!: string | null;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items!: AlertDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AlertWithDiffDto extends AlertDto {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'diffAnalyses(from snapshot, to snapshot): the change that caused it (null for alerts without one, e.g. temperror)' })
  diff!: AnalysisDiff | null;
}

export class AcknowledgeAlertDto implements AcknowledgeAlertBody {
  @ApiPropertyOptional({ description: 'Who acknowledges (free text until accounts exist)', example: 'alice' }) by?: string;
}

export function toAlertDto(a: AlertRow): AlertDto {
  return {
    id: a.id,
    domainId: a.domainId,
    domain: a.domainName,
    clientId: a.clientId,
    type: a.type,
    severity: a.severity,
    state: a.state,
    title: a.title,
    detail: (a.detail ?? {}) as object,
    openedAt: a.openedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    fromSnapshotId: a.fromSnapshotId,
    toSnapshotId: a.toSnapshotId,
    providerEventId: a.providerEventId,
  };
}

export function toAlertWithDiffDto(a: AlertRow & { diff: AnalysisDiff | null }): AlertWithDiffDto {
  return { ...toAlertDto(a), diff: a.diff };
}
