import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { hostname } from 'node:os';
import { createAnalysisRunCache, type AnalysisRunCache, type ResolverStack } from '@spfwatch/spf';
import { isAppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { DnsService } from '../../dns/dns.service';
import { QueueService } from '../../queue/queue.service';
import { ChecksService, type CheckResult } from '../checks/checks.service';
import { checkDomainJob, pruneCheckRunsJob } from './jobs';
import { RetentionService } from './retention.service';

interface TickContext {
  tick: string;
  stack: ResolverStack;
  runCache: AnalysisRunCache;
  active: number;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Stored in each completed job's output: which process checked it (host:pid). */
const WORKER_ID = `${hostname()}:${process.pid}`;

/** How long a tick's DNS cache outlives its last job (jitter spreads a tick's jobs over time). */
const IDLE_DISPOSE_MS = 60_000;
/**
 * Jobs fetched per fetch loop; WORKER_CONCURRENCY loops run per process, so up to
 * WORKER_CONCURRENCY × BATCH_SIZE checks are in flight (DNS waits overlap). Big batches mean
 * few statements per check: pg-boss's fetch costs ~6 ms of Postgres time whatever its size
 * (measured: 205 µs a job in batches of 32, 77 µs in batches of 100), plus one completion.
 */
const BATCH_SIZE = 100;

/**
 * Consumes check-domain jobs. Per tick and per process: ONE resolver stack (its cache
 * answers the shared includes once) and one analysis run cache, disposed when the tick's
 * jobs are done and the process was idle on it for a while, or as soon as a newer tick
 * starts and it has no job left running.
 */
@Injectable()
export class CheckWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CheckWorker');
  private readonly ticks = new Map<string, TickContext>();
  private readonly counts = { checked: 0, duplicates: 0 };

  constructor(
    @Inject(QueueService) private readonly queue: QueueService,
    @Inject(ChecksService) private readonly checks: ChecksService,
    @Inject(RetentionService) private readonly retention: RetentionService,
    @Inject(DnsService) private readonly dns: DnsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.queue.work(checkDomainJob, (data) => this.handle(data), { concurrency: this.config.env.WORKER_CONCURRENCY, batchSize: BATCH_SIZE });
    await this.queue.work(pruneCheckRunsJob, async () => ({ deleted: await this.retention.prune() }), { concurrency: 1 });
    this.logger.log(`Workers on: check-domain × ${this.config.env.WORKER_CONCURRENCY} loops of ${BATCH_SIZE}`);
  }

  async onModuleDestroy(): Promise<void> {
    // Let running checks finish before their resolver stacks close.
    if (this.config.runsWorkers) await this.queue.offWork(checkDomainJob).catch(() => {});
    for (const ctx of this.ticks.values()) this.dispose(ctx);
  }

  /** Checks one domain for one tick; a retried job whose check already happened completes quietly. */
  async handle(data: { domainId: string; orgId: string; tick: string }): Promise<{ outcome: CheckResult['outcome'] | 'gone'; worker: string }> {
    const ctx = this.acquire(data.tick);
    try {
      const result = await this.checks.checkDomain(data.orgId, data.domainId, { tick: data.tick, stack: ctx.stack, runCache: ctx.runCache });
      if (result.outcome === 'duplicate') this.counts.duplicates++;
      else this.counts.checked++;
      return { outcome: result.outcome, worker: WORKER_ID };
    } catch (error) {
      // Deleted since it was enqueued: nothing to check.
      if (isAppError(error) && error.code === 'not_found') return { outcome: 'gone', worker: WORKER_ID };
      throw error;
    } finally {
      this.release(ctx);
    }
  }

  /** Checks and duplicates handled by this process (diagnostics, tests). */
  stats(): { checked: number; duplicates: number; openTicks: string[] } {
    return { ...this.counts, openTicks: [...this.ticks.keys()] };
  }

  private acquire(tick: string): TickContext {
    let ctx = this.ticks.get(tick);
    if (!ctx) {
      ctx = { tick, stack: this.dns.createStack(), runCache: createAnalysisRunCache(), active: 0, idleTimer: undefined };
      this.ticks.set(tick, ctx);
      // A newer tick started: older ones with nothing running are done.
      for (const other of this.ticks.values()) if (other !== ctx && other.active === 0) this.dispose(other);
    }
    if (ctx.idleTimer) clearTimeout(ctx.idleTimer);
    ctx.idleTimer = undefined;
    ctx.active++;
    return ctx;
  }

  private release(ctx: TickContext): void {
    ctx.active--;
    if (ctx.active === 0 && this.ticks.get(ctx.tick) === ctx) {
      ctx.idleTimer = setTimeout(() => this.dispose(ctx), IDLE_DISPOSE_MS);
      ctx.idleTimer.unref();
    }
  }

  private dispose(ctx: TickContext): void {
    if (ctx.idleTimer) clearTimeout(ctx.idleTimer);
    if (this.ticks.get(ctx.tick) === ctx) this.ticks.delete(ctx.tick);
    ctx.stack.close();
  }
}
