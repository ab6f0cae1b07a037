import { z } from 'zod';
import { defineJob } from '../../queue/job';

/**
 * One domain to check for one scheduler tick. `exclusive`: one queued/running job per
 * singletonKey (the domain, see checkJobKey). A worker that dies stops heartbeating: after
 * `heartbeatSeconds` the job is failed and retried (up to `retryLimit`), and the CheckRun
 * unique (domain, tick) turns a retry of a check that did finish into a no-op.
 */
export const checkDomainJob = defineJob({
  name: 'check-domain',
  schema: z.object({ domainId: z.uuid(), orgId: z.uuid(), tick: z.string().min(1).max(64) }),
  queue: {
    policy: 'exclusive',
    retryLimit: 3,
    retryDelay: 5,
    expireInSeconds: 300,
    heartbeatSeconds: 10,
    // The CheckRun is the record; completed jobs are only kept for the cycle's progress.
    deleteAfterSeconds: 6 * 3600,
  },
});

/** Deletes CheckRuns older than CHECKRUN_RETENTION_DAYS (one job per day across instances). */
export const pruneCheckRunsJob = defineJob({
  name: 'prune-check-runs',
  schema: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  queue: { policy: 'standard', retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 },
});
