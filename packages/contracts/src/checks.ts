import { z } from 'zod';

/** Paging for the monitoring lists: `?page=1&pageSize=50` (pageSize ≤ 200). */
export const monitoringPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MonitoringPageQuery = z.infer<typeof monitoringPageQuerySchema>;

export const CHECK_OUTCOMES = ['unchanged', 'changed', 'error'] as const;
export const checkOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const DOMAIN_STATUSES = ['ok', 'warning', 'broken', 'unknown'] as const;
export const domainStatusSchema = z.enum(DOMAIN_STATUSES);
export type DomainStatusValue = z.infer<typeof domainStatusSchema>;

/** `GET /api/domains/:id/checks` */
export const listChecksQuerySchema = monitoringPageQuerySchema;
export type ListChecksQuery = z.infer<typeof listChecksQuerySchema>;

export const checkRunSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  outcome: checkOutcomeSchema,
  dnsErrorKind: z.string().nullable(),
  snapshotId: z.string().nullable(),
  tick: z.string().nullable(),
});
export type CheckRunResponse = z.infer<typeof checkRunSchema>;

export const checkRunPageSchema = z.object({
  items: z.array(checkRunSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type CheckRunPage = z.infer<typeof checkRunPageSchema>;

/** `GET /api/checks/cycle`: progress of the latest scheduler tick. */
export const cycleProgressSchema = z.object({
  tick: z.string().nullable(),
  startedAt: z.string().nullable(),
  /** Jobs the tick enqueued. */
  total: z.number().int(),
  /** Checks recorded for the tick (any outcome). */
  done: z.number().int(),
  /** Checks of the tick that ended in a DNS error, plus jobs that failed for good. */
  failed: z.number().int(),
  /** check-domain jobs still queued or running (all ticks). */
  pending: z.number().int(),
});
export type CycleProgress = z.infer<typeof cycleProgressSchema>;

/** `POST /api/checks/run-cycle` */
export const runCycleResponseSchema = z.object({ tick: z.string(), enqueued: z.number().int() });
export type RunCycleResponse = z.infer<typeof runCycleResponseSchema>;
