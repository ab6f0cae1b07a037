import { ApiProperty } from '@nestjs/swagger';
import { CHECK_OUTCOMES, type CheckOutcome, type CheckRunResponse, type CycleProgress, type RunCycleResponse } from '@spfwatch/contracts';
import type { AnalysisDiff } from '@spfwatch/spf';
import type { AlertChange } from '../../alerts/alerts.service';
import type { CheckRunRow } from '../checks.repository';
import type { CheckResult } from '../checks.service';

export class CheckRunDto implements CheckRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ enum: CHECK_OUTCOMES }) outcome!: CheckOutcome;
  @ApiProperty({ type: String, nullable: true, example: 'timeout', description: 'For outcome error: timeout, servfail, refused …' }) dnsErrorKind!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The snapshot seen (changed: the one created)' }) snapshotId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-22T06:00Z', description: 'Scheduler tick; null for a manual check' }) tick!: string | null;
}

export class CheckRunPageDto {
  @ApiProperty({ type: [CheckRunDto] }) items!: CheckRunDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AlertChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'lookup_limit' }) type!: string;
  @ApiProperty({ enum: ['info', 'warning', 'critical'] }) severity!: string;
  @ApiProperty() title!: string;
}

export class CheckNowResponseDto {
  @ApiProperty({ enum: [...CHECK_OUTCOMES, 'duplicate'] }) outcome!: CheckResult['outcome'];
  @ApiProperty({ description: 'True when the content hash differs from the previous snapshot (a new snapshot was written)' }) changed!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The engine's Analysis (see @spfwatch/spf)" }) analysis!: object;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'diffAnalyses(previous, this) when changed' }) diff!: AnalysisDiff | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) snapshotId!: string | null;
  @ApiProperty({ type: [AlertChangeDto], description: 'Alerts this check opened' }) alerts!: AlertChangeDto[];
  @ApiProperty({ type: [AlertChangeDto], description: 'Alerts this check resolved' }) resolvedAlerts!: AlertChangeDto[];
}

export class CycleProgressDto implements CycleProgress {
  @ApiProperty({ type: String, nullable: true, example: '2026-11-22T06:00Z' }) tick!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ description: 'Jobs the tick enqueued' }) total!: number;
  @ApiProperty({ description: 'Checks recorded for the tick' }) done!: number;
  @ApiProperty({ description: 'Checks of the tick that ended in a DNS error, plus jobs that failed for good' }) failed!: number;
  @ApiProperty({ description: 'check-domain jobs still queued or running' }) pending!: number;
}

export class RunCycleResponseDto implements RunCycleResponse {
  @ApiProperty({ example: '2026-11-22T06:17Z' }) tick!: string;
  @ApiProperty({ description: 'Domains enqueued (0 when this minute was already run)' }) enqueued!: number;
  @ApiProperty({ enum: ['enqueued', 'already-ran', 'busy'] }) status!: RunCycleResponse['status'];
}

export function toCheckRunDto(row: CheckRunRow): CheckRunDto {
  return { ...row, startedAt: row.startedAt.toISOString() };
}

function toAlertChange(a: AlertChange): AlertChangeDto {
  return { id: a.id, type: a.type, severity: a.severity, title: a.title };
}

export function toCheckNowDto(result: CheckResult): CheckNowResponseDto {
  return {
    outcome: result.outcome,
    changed: result.changed,
    analysis: result.analysis,
    diff: result.diff,
    snapshotId: result.snapshotId,
    alerts: result.alerts.opened.map(toAlertChange),
    resolvedAlerts: result.alerts.resolved.map(toAlertChange),
  };
}
