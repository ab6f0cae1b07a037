import { z } from 'zod';
import { pageQuerySchema } from './common';

export const REPORT_KINDS = ['weekly', 'on_demand'] as const;
export const reportKindSchema = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof reportKindSchema>;

/** The longest period one report may cover. */
export const MAX_REPORT_DAYS = 366;

/** A day (`2026-03-02`, read in the organization's time zone) or an ISO date-time with offset. */
const reportInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Expected a date (YYYY-MM-DD) or an ISO date-time' });

/**
 * `POST /api/reports`: a report of one client for any period, generated now and stored.
 * Days are whole days in the organization's time zone: `from` is the start of its day, `to`
 * the END of its day (`{ from: '2026-03-01', to: '2026-03-07' }` = seven days).
 */
export const createReportSchema = z
  .object({ clientId: z.uuid(), from: reportInstant, to: reportInstant })
  .strict();
export type CreateReportInput = z.infer<typeof createReportSchema>;

/** `GET /api/reports`, newest period first. Client viewers see their clients' reports only. */
export const listReportsQuerySchema = z.object({
  clientId: z.uuid().optional(),
  kind: reportKindSchema.optional(),
  ...pageQuerySchema.shape,
});
export type ListReportsQuery = z.infer<typeof listReportsQuerySchema>;

export const reportSummarySchema = z.object({
  domains: z.number().int(),
  ok: z.number().int(),
  warning: z.number().int(),
  broken: z.number().int(),
  unknown: z.number().int(),
  /** Changes (new snapshots after the first) during the period. */
  changes: z.number().int(),
  /** Alerts opened during the period. */
  alerts: z.number().int(),
  /** Lint findings (errors and warnings) of the domains' current records. */
  openIssues: z.number().int(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  kind: reportKindSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  /** The time zone the report's dates are written in (the organization's). */
  timeZone: z.string(),
  generatedAt: z.string(),
  summary: reportSummarySchema,
  /** API paths of the stored files. */
  pdfUrl: z.string(),
  csvUrl: z.string(),
  pdfBytes: z.number().int(),
});
export type ReportResponse = z.infer<typeof reportSchema>;

/** `GET /api/report-schedule` */
export const reportScheduleSchema = z.object({
  /** node-cron expression (5 or 6 fields), read in `timeZone`. */
  cron: z.string(),
  enabled: z.boolean(),
  /** The organization's time zone (change it with PATCH /api/organization). */
  timeZone: z.string(),
  /** The next times the reports go out (ISO), empty when disabled. */
  nextRuns: z.array(z.string()),
});
export type ReportScheduleResponse = z.infer<typeof reportScheduleSchema>;

/** `PUT /api/report-schedule` (owner/admin); the cron expression is validated by the API (node-cron). */
export const putReportScheduleSchema = z
  .object({
    cron: z.string().trim().min(1, 'Must not be empty').max(100, 'At most 100 characters').optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type PutReportScheduleInput = z.infer<typeof putReportScheduleSchema>;
