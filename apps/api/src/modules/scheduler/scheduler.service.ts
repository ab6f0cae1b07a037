import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { CycleProgress } from '@spfwatch/contracts';
import { CronJob } from 'cron';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import { checkDomainJob, pruneCheckRunsJob } from './jobs';
import { SchedulerRepository } from './scheduler.repository';
import { checkJobKey, isTickId, jitterSeconds, tickIdOf } from './tick';

export interface TickResult {
  tick: string;
  /** enqueued: this instance enqueued the tick; already-ran: another instance (or an earlier call) did; busy: another instance is enqueueing right now. */
  status: 'enqueued' | 'already-ran' | 'busy';
  enqueued: number;
}

/** Jobs per insert statement. */
const INSERT_BATCH = 1000;
export const CHECK_CRON_NAME = 'spfwatch-check-cycle';
export const RETENTION_CRON_NAME = 'spfwatch-checkrun-retention';
/** Daily, at a quiet minute. */
const RETENTION_SCHEDULE = '17 3 * * *';

/**
 * The cron side of monitoring: it only enqueues. Each fire of CHECK_SCHEDULE is a tick (its
 * fire time to the minute); exactly one instance enqueues a tick: the one that takes the
 * scheduler's advisory lock and inserts the tick's check_cycles row. Due domains are read in
 * batches through the due index and sent as one check-domain job each (bulk inserts).
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Scheduler');

  constructor(
    @Inject(SchedulerRepository) private readonly repo: SchedulerRepository,
    @Inject(QueueService) private readonly queue: QueueService,
    @Inject(SchedulerRegistry) private readonly registry: SchedulerRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsScheduler) {
      this.logger.log(`Scheduler off (role ${this.config.env.SPFWATCH_ROLE}, SCHEDULER_ENABLED=${this.config.env.SCHEDULER_ENABLED})`);
      return;
    }
    const checks = CronJob.from({
      cronTime: this.config.env.CHECK_SCHEDULE,
      timeZone: 'UTC',
      onTick: () => {
        const fired = checks.lastDate() ?? this.clock.now();
        this.runTick(tickIdOf(fired)).catch((error: unknown) => this.logger.error(`Tick failed: ${(error as Error).message}`, (error as Error).stack));
      },
    });
    this.registry.addCronJob(CHECK_CRON_NAME, checks);
    checks.start();
    const retention = CronJob.from({
      cronTime: RETENTION_SCHEDULE,
      timeZone: 'UTC',
      onTick: () => {
        this.enqueueRetention().catch((error: unknown) => this.logger.error(`Retention enqueue failed: ${(error as Error).message}`));
      },
    });
    this.registry.addCronJob(RETENTION_CRON_NAME, retention);
    retention.start();
    this.logger.log(`Scheduler on: checks "${this.config.env.CHECK_SCHEDULE}" (UTC), retention "${RETENTION_SCHEDULE}"`);
  }

  onModuleDestroy(): void {
    for (const name of [CHECK_CRON_NAME, RETENTION_CRON_NAME]) {
      if (this.registry.doesExist('cron', name)) {
        void this.registry.getCronJob(name).stop();
        this.registry.deleteCronJob(name);
      }
    }
  }

  /**
   * Enqueues one check-domain job per due domain for `tickId` (idempotent per tick, across
   * instances). Jobs start after a random jitter within CHECK_JITTER_SECONDS.
   */
  async runTick(tickId: string): Promise<TickResult> {
    if (!isTickId(tickId)) throw new AppError('validation_failed', `Not a tick id: ${tickId} (expected e.g. 2026-11-22T06:00Z)`);
    const maxJitter = this.config.env.CHECK_JITTER_SECONDS;
    const result = await this.repo.transaction(async (tx): Promise<TickResult> => {
      if (!(await this.repo.tryLock(tx))) return { tick: tickId, status: 'busy', enqueued: 0 };
      const now = this.clock.now();
      if (!(await this.repo.startCycle(tx, tickId, now))) return { tick: tickId, status: 'already-ran', enqueued: 0 };
      let enqueued = 0;
      const due = await this.repo.findDue(tx, now);
      for (let i = 0; i < due.length; i += INSERT_BATCH) {
        // A domain whose job from an earlier tick still waits is refused (exclusive policy).
        const ids = await this.queue.insert(
          checkDomainJob,
          due.slice(i, i + INSERT_BATCH).map((d) => ({
            data: { domainId: d.id, orgId: d.organizationId, tick: tickId },
            singletonKey: checkJobKey(d.id),
            ...(maxJitter > 0 ? { startAfter: jitterSeconds(maxJitter) } : {}),
          })),
        );
        enqueued += ids.length;
      }
      await this.repo.finishCycle(tx, tickId, enqueued, this.clock.now());
      return { tick: tickId, status: 'enqueued', enqueued };
    });
    if (result.status === 'enqueued') this.logger.log(`Tick ${tickId}: ${result.enqueued} domains enqueued`);
    return result;
  }

  /** `POST /api/checks/run-cycle`: a tick for the current minute. */
  async runCycleNow(): Promise<TickResult> {
    return this.runTick(tickIdOf(this.clock.now()));
  }

  /** Progress of the latest tick for the dashboard. */
  async cycleProgress(): Promise<CycleProgress> {
    const cycle = await this.repo.latestCycle();
    if (!cycle) return { tick: null, startedAt: null, total: 0, done: 0, failed: 0, pending: 0 };
    const [runs, jobs] = await Promise.all([
      this.repo.countRuns(cycle.tick, new Date(cycle.startedAt.getTime() - 60_000)),
      this.repo.jobCounts(checkDomainJob.name, cycle.tick).catch(() => ({ pending: 0, failed: 0 })),
    ]);
    return { tick: cycle.tick, startedAt: cycle.startedAt.toISOString(), total: cycle.enqueued, done: runs.done, failed: runs.errors + jobs.failed, pending: jobs.pending };
  }

  /** One retention job per UTC day, whichever instances fire. */
  async enqueueRetention(): Promise<void> {
    const day = this.clock.now().toISOString().slice(0, 10);
    await this.queue.send(pruneCheckRunsJob, { day }, { singletonKey: `prune:${day}`, singletonSeconds: 86_400 });
  }
}
