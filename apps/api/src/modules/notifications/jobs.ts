import { z } from 'zod';
import { defineJob } from '../../queue/job';

/**
 * Wakes a worker to assemble settled outbox entries into messages and deliver what is due.
 * The state lives in the notifications tables, so any such job does all the due work and
 * extra ones find nothing to do: they are sent (inside the check's transaction) when alerts
 * are queued, after failures (at the retry time), with every lease (in case its worker dies),
 * and every minute by pg-boss's cron as a backstop.
 */
export const deliverNotificationsJob = defineJob({
  name: 'deliver-notifications',
  schema: z.object({ reason: z.string().max(40).optional() }),
  queue: { retryLimit: 1, retryDelay: 5, expireInSeconds: 900, deleteAfterSeconds: 86_400 },
});
