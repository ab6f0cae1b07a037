import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { PutReportScheduleInput } from '@spfwatch/contracts';
import { CronJob } from 'cron';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../checks/db-transaction';
import { localDay, localParts, zonedToUtc } from '../notifications/rules/zoned-time';
import { cronProblem, DEFAULT_REPORT_CRON, latestSlot, nextSlots } from './cron-slots';
import { generateWeeklyReportsJob } from './jobs';
import { ReportsRepository } from './reports.repository';

export const REPORT_CRON_NAME = 'spfwatch-weekly-reports';
/** How far back a pass looks for a slot it has not enqueued (a late pass, a short outage). */
const LOOKBACK_MINUTES = 60;

export interface ReportSchedule {
  cron: string;
  enabled: boolean;
  timeZone: string;
  nextRuns: Date[];
}

function scheduleWrite(input: PutReportScheduleInput): { cron?: string; enabled?: boolean } {
  return { ...(input.cron !== undefined ? { cron: input.cron.trim() } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}) };
}

/** The period a scheduled report covers: the seven local days before its slot (same local time). */
export function weeklyPeriod(slot: Date, timeZone: string): { periodStart: Date; periodEnd: Date } {
  const p = localParts(slot, timeZone);
  return { periodStart: zonedToUtc({ ...localDay(slot, timeZone, -7), hour: p.hour, minute: p.minute }, timeZone), periodEnd: slot };
}

/**
 * The weekly reports' schedule: per organization, a cron expression read in its time zone
 * (default Monday 08:00). A cron tick each minute only enqueues: for each organization whose
 * schedule fired since the last slot it enqueued, it claims the slot and sends
 * generate-weekly-reports in one transaction, so any number of schedulers enqueue a slot once.
 */
@Injectable()
export class ReportScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly repo: ReportsRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsScheduler) return;
    const job = CronJob.from({
      cronTime: '0 * * * * *',
      timeZone: 'UTC',
      onTick: () => {
        this.enqueueDue().catch((error: unknown) => this.logger.error(`Report schedule pass failed: ${(error as Error).message}`, (error as Error).stack));
      },
    });
    this.registry.addCronJob(REPORT_CRON_NAME, job);
    job.start();
  }

  async get(organizationId: string): Promise<ReportSchedule> {
    const row = await this.repo.schedule(organizationId);
    const cron = row?.cron ?? DEFAULT_REPORT_CRON;
    const enabled = row?.enabled ?? true;
    const timeZone = row?.timeZone ?? 'UTC';
    return { cron, enabled, timeZone, nextRuns: enabled ? nextSlots(cron, timeZone, this.clock.now(), 3) : [] };
  }

  async put(organizationId: string, input: PutReportScheduleInput): Promise<ReportSchedule> {
    const problem = this.problem(input);
    if (problem) throw new AppError('validation_failed', `cron: ${problem}`, { issues: [{ path: 'cron', message: problem }] });
    await this.repo.putSchedule(organizationId, scheduleWrite(input));
    await this.audit.record({ action: 'report_schedule.updated', target: { type: 'report_schedule', id: organizationId }, details: { ...input } });
    return this.get(organizationId);
  }

  /** Why a schedule would be refused (the cron expression), or null. */
  problem(input: PutReportScheduleInput): string | null {
    return input.cron !== undefined ? cronProblem(input.cron) : null;
  }

  /** Sets the schedule in the caller's transaction (a configuration import; checked with `problem`). No audit entry. */
  async writeInTransaction(tx: Tx, organizationId: string, input: PutReportScheduleInput): Promise<void> {
    await this.repo.putSchedule(organizationId, scheduleWrite(input), tx);
  }

  /** One pass: enqueue the slots that fired (in each organization's time zone) and were not enqueued yet. */
  async enqueueDue(now: Date = this.clock.now()): Promise<Array<{ organizationId: string; slot: Date }>> {
    const enqueued: Array<{ organizationId: string; slot: Date }> = [];
    for (const schedule of await this.repo.allSchedules()) {
      if (schedule.enabled === false) continue;
      const cron = schedule.cron ?? DEFAULT_REPORT_CRON;
      if (cronProblem(cron)) continue;
      const slot = latestSlot(cron, schedule.timeZone, now, LOOKBACK_MINUTES);
      if (!slot || (schedule.lastSlotAt && schedule.lastSlotAt.getTime() >= slot.getTime())) continue;
      const { periodStart, periodEnd } = weeklyPeriod(slot, schedule.timeZone);
      const won = await this.repo.transaction(async (tx) => {
        if (!(await this.repo.claimSlot(tx, schedule.organizationId, slot))) return false;
        await this.queue.send(
          generateWeeklyReportsJob,
          { organizationId: schedule.organizationId, periodStart: periodStart.toISOString(), periodEnd: periodEnd.toISOString() },
          { db: this.repo.jobExecutor(tx), singletonKey: `weekly:${schedule.organizationId}:${slot.toISOString()}` },
        );
        return true;
      });
      if (won) {
        enqueued.push({ organizationId: schedule.organizationId, slot });
        this.logger.log(`Weekly reports of ${schedule.organizationId} for ${slot.toISOString()} enqueued`);
      }
    }
    return enqueued;
  }
}
