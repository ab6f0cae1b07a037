import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CreateReportInput, type PutReportScheduleInput, REPORT_KINDS, type ReportKind, type ReportResponse, type ReportScheduleResponse, type ReportSummary } from '@spfwatch/contracts';
import type { ReportData } from '../render/report-data';
import type { ReportSchedule } from '../report-schedule.service';
import type { ReportRow } from '../reports.repository';

export class CreateReportDto implements CreateReportInput {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ example: '2026-03-01', description: "A day (its start, in the organization's time zone) or an ISO date-time" }) from!: string;
  @ApiProperty({ example: '2026-03-07', description: 'A day (its END: the day is included) or an ISO date-time; clamped to now' }) to!: string;
}

export class ReportSummaryDto implements ReportSummary {
  @ApiProperty() domains!: number;
  @ApiProperty() ok!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() broken!: number;
  @ApiProperty() unknown!: number;
  @ApiProperty({ description: 'Record changes during the period' }) changes!: number;
  @ApiProperty({ description: 'Alerts opened during the period' }) alerts!: number;
  @ApiProperty({ description: 'Errors and warnings of the current records (each with a recommended fix when known)' }) openIssues!: number;
}

export class ReportDto implements ReportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty() clientName!: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind!: ReportKind;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) periodEnd!: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: ReportSummaryDto }) summary!: ReportSummaryDto;
  @ApiProperty({ example: '/api/reports/0190….pdf' }) pdfUrl!: string;
  @ApiProperty({ example: '/api/reports/0190….csv' }) csvUrl!: string;
  @ApiProperty() pdfBytes!: number;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items!: ReportDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReportScheduleDto implements ReportScheduleResponse {
  @ApiProperty({ example: '0 8 * * 1', description: 'node-cron expression, 5 fields (minute hour day month weekday)' }) cron!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ example: 'Europe/Paris', description: "The organization's time zone, in which the expression is read" }) timeZone!: string;
  @ApiProperty({ type: [String], description: 'The next three times (ISO)' }) nextRuns!: string[];
}

export class PutReportScheduleDto implements PutReportScheduleInput {
  @ApiPropertyOptional({ example: '0 8 * * 1' }) cron?: string;
  @ApiPropertyOptional() enabled?: boolean;
}

export function toReportDto(row: ReportRow): ReportDto {
  const data = row.data as ReportData;
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: row.clientName,
    kind: row.kind,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    timeZone: data.timeZone,
    generatedAt: row.generatedAt.toISOString(),
    summary: data.summary,
    pdfUrl: `/api/reports/${row.id}.pdf`,
    csvUrl: `/api/reports/${row.id}.csv`,
    pdfBytes: row.pdfBytes,
  };
}

export function toReportScheduleDto(schedule: ReportSchedule): ReportScheduleDto {
  return { cron: schedule.cron, enabled: schedule.enabled, timeZone: schedule.timeZone, nextRuns: schedule.nextRuns.map((d) => d.toISOString()) };
}
