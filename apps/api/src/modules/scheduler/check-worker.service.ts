import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { hostname } from 'node:os';
import { createAnalysisRunCache } from '@spfwatch/spf';
import { isAppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { DnsService } from '../../dns/dns.service';
import { QueueService } from '../../queue/queue.service';
import { ChecksService, type CheckResult } from '../checks/checks.service';
import { checkDomainJob, pruneCheckRunsJob } from './jobs';
import { RetentionService } from './retention.service';
import { TickCaches } from './tick-caches';

/** Stored in each completed job's output: which process checked it (host:pid). */
const WORKER_ID = `${hostname()}:${process.pid}`;

/** How long a tick's DNS cache outlives its last job (jitter spreads a tick's jobs over time). */
const IDLE_DISPOSE_MS = 60_000;
/**
 * Checks per resolver stack. A DNS cache keeps every answer of its checks, ~0.8 KB a domain
 * (measured: 8 MB after a 10,000-domain tick in one worker), nearly all of it each domain's own
 * records, which nothing asks for again. A fresh stack every 2,000 checks holds ~1.6 MB whatever
 * the fleet's size; the shared includes are not asked for again, their walked subtrees stay in
 * the tick's analysis run cache.
 */
export const CHECKS_PER_DNS_CACHE = 2_000;
/**
 * Jobs fetched per fetch loop; WORKER_CONCURRENCY loops run per process, so up to
 * WORKER_CONCURRENCY × BATCH_SIZE checks are in flight (DNS waits overlap). Big batches mean
 * few statements per check: pg-boss's fetch costs ~6 ms of Postgres time whatever its size
 * (measured: 205 µs a job in batches of 32, 77 µs in batches of 100), plus one completion.
 */
const BATCH_SIZE = 100;

/**
 * Consumes check-domain jobs. Per tick and per process (TickCaches): one analysis run cache (the
 * shared includes walked once) and a resolver stack per CHECKS_PER_DNS_CACHE checks, each closed
 * when it is full and its checks are done, when a newer tick starts and it has no job left
 * running, or after the process was idle on it for a while.
 */
@Injectable()
export class CheckWorkerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CheckWorker');
  private readonly caches: TickCaches;
  private readonly counts = { checked: 0, duplicates: 0 };

  constructor(
    @Inject(QueueService) private readonly queue: QueueService,
    @Inject(ChecksService) private readonly checks: ChecksService,
    @Inject(RetentionService) private readonly retention: RetentionService,
    @Inject(DnsService) private readonly dns: DnsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.caches = new TickCaches({ checksPerStack: CHECKS_PER_DNS_CACHE, idleMs: IDLE_DISPOSE_MS, createStack: () => this.dns.createStack(), createRunCache: createAnalysisRunCache });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.queue.work(checkDomainJob, (data) => this.handle(data), { concurrency: this.config.env.WORKER_CONCURRENCY, batchSize: BATCH_SIZE });
    await this.queue.work(pruneCheckRunsJob, async () => ({ deleted: await this.retention.prune() }), { concurrency: 1 });
    this.logger.log(`Workers on: check-domain × ${this.config.env.WORKER_CONCURRENCY} loops of ${BATCH_SIZE}`);
  }

  async onModuleDestroy(): Promise<void> {
    // Let running checks finish before their resolver stacks close.
    if (this.config.runsWorkers) await this.queue.offWork(checkDomainJob).catch(() => {});
    this.caches.closeAll();
  }

  /** Checks one domain for one tick; a retried job whose check already happened completes quietly. */
  async handle(data: { domainId: string; orgId: string; tick: string }): Promise<{ outcome: CheckResult['outcome'] | 'gone'; worker: string }> {
    const cache = this.caches.acquire(data.tick);
    try {
      const result = await this.checks.checkDomain(data.orgId, data.domainId, { tick: data.tick, stack: cache.stack, runCache: cache.runCache });
      if (result.outcome === 'duplicate') this.counts.duplicates++;
      else this.counts.checked++;
      return { outcome: result.outcome, worker: WORKER_ID };
    } catch (error) {
      // Deleted since it was enqueued: nothing to check.
      if (isAppError(error) && error.code === 'not_found') return { outcome: 'gone', worker: WORKER_ID };
      throw error;
    } finally {
      this.caches.release(cache);
    }
  }

  /** Checks and duplicates handled by this process, ticks with caches and resolver stacks open (diagnostics, tests). */
  stats(): { checked: number; duplicates: number; openTicks: string[]; openStacks: number } {
    const caches = this.caches.stats();
    return { ...this.counts, openTicks: caches.ticks, openStacks: caches.openStacks };
  }
}
