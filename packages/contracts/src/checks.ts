import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './common';

export const CHECK_OUTCOMES = ['unchanged', 'changed', 'error'] as const;
export const checkOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const DOMAIN_STATUSES = ['ok', 'warning', 'broken', 'unknown'] as const;
export const domainStatusSchema = z.enum(DOMAIN_STATUSES);
export type DomainStatusValue = z.infer<typeof domainStatusSchema>;

/** `GET /api/domains/:id/checks` */
export const listChecksQuerySchema = pageQuerySchema;
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

export const checkRunPageSchema = pageSchema(checkRunSchema);
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

/**
 * `POST /api/checks/run-cycle`: a tick for the current minute. `already-ran`: this minute's
 * tick was enqueued before (by the cron or an earlier call); `busy`: another instance is
 * enqueueing right now.
 */
export const runCycleResponseSchema = z.object({ tick: z.string(), enqueued: z.number().int(), status: z.enum(['enqueued', 'already-ran', 'busy']) });
export type RunCycleResponse = z.infer<typeof runCycleResponseSchema>;
