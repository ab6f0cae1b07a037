import { z } from 'zod';
import { defineJob } from '../../queue/job';

/** Sent by the report schedule (cron) for one organization and slot: fans out one job per client. */
export const generateWeeklyReportsJob = defineJob({
  name: 'generate-weekly-reports',
  schema: z.object({ organizationId: z.uuid(), periodStart: z.iso.datetime(), periodEnd: z.iso.datetime() }),
  queue: { retryLimit: 3, retryDelay: 30, expireInSeconds: 300 },
});

/** One client's scheduled report: generated once per period (Report.scheduleKey), then mailed through the outbox. */
export const generateClientReportJob = defineJob({
  name: 'generate-client-report',
  schema: z.object({ organizationId: z.uuid(), clientId: z.uuid(), periodStart: z.iso.datetime(), periodEnd: z.iso.datetime() }),
  queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
});
