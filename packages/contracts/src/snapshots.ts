import { z } from 'zod';
import { pageQuerySchema } from './common';
import { domainStatusSchema } from './checks';

/** One entry of a domain's timeline (`GET /api/domains/:id/snapshots`). */
export const snapshotSummarySchema = z.object({
  id: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lookupCount: z.number().int(),
  voidLookups: z.number().int(),
  status: domainStatusSchema,
  record: z.string().nullable(),
  services: z.array(z.string()),
  contentHash: z.string(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const listSnapshotsQuerySchema = z.object({
  ...pageQuerySchema.shape,
});
export type ListSnapshotsQuery = z.infer<typeof listSnapshotsQuerySchema>;

/** `GET /api/domains/:id/diff?from=&to=`: both optional; default previous → latest. */
export const snapshotDiffQuerySchema = z.object({
  from: z.uuid().optional(),
  to: z.uuid().optional(),
});
export type SnapshotDiffQuery = z.infer<typeof snapshotDiffQuerySchema>;
