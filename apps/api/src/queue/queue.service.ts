import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createQueue, type PgBoss } from '@spfwatch/db';
import type { Job, JobInsert, JobResult, SendOptions, WorkOptions } from 'pg-boss';
import type { z } from 'zod';
import { AppConfig } from '../config/app-config';
import { withLogContext } from '../common/log-context';
import { describeIssues, toValidationIssues } from '../common/zod-validation.pipe';
import { type JobData, type JobDefinition, type JobInput, JobPayloadError } from './job';

/** What a handler learns about the job besides its payload. */
export interface ReceivedJob<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when pg-boss stops or the job's claim is lost (expired). */
  signal: AbortSignal;
}

export interface WorkerOptions extends Pick<WorkOptions, 'burstWhenReadyExceeds'> {
  /** Concurrent fetch loops in this process (pg-boss `localConcurrency`). Default WORKER_CONCURRENCY. */
  concurrency?: number;
  /**
   * Jobs fetched per loop (default DEFAULT_BATCH_SIZE = 4). With `work`, the jobs of a batch run
   * concurrently and settle one by one, so up to concurrency × batchSize handlers run at once;
   * a loop fetches its next batch when the whole batch is done. Keep it ≥ 2: pg-boss refetches
   * at once only after a full batch (`burstWhenBatchFull`, ignored for 1), otherwise it waits
   * the polling interval, i.e. batchSize 1 processes at most one job per interval per loop.
   */
  batchSize?: number;
  /** Idle poll, in seconds (≥ 0.5; default 1). Also the backstop while NOTIFY is active. */
  pollingIntervalSeconds?: number;
}

export const DEFAULT_BATCH_SIZE = 4;
const DEFAULT_POLLING_SECONDS = 1;

export type JobHandler<T> = (data: T, job: ReceivedJob<T>) => Promise<unknown>;
export type BatchHandler<T> = (jobs: ReceivedJob<T>[]) => Promise<void>;

/** A job for `insert`: payload plus per-job options. */
export type InsertJob<T> = { data: T } & Omit<JobInsert, 'data'>;

/**
 * pg-boss (started on module init with the app's database, stopped gracefully on
 * shutdown) behind typed named jobs. Workers only run where the role allows it
 * (SPFWATCH_ROLE all|worker); elsewhere `work()` registers nothing and returns null.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Queue');
  private boss: PgBoss | undefined;
  private state: 'idle' | 'starting' | 'started' | 'stopping' | 'stopped' = 'idle';
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.state = 'starting';
    this.boss = await createQueue(this.config.databaseUrl, {
      useListenNotify: true,
      onError: (error) => this.logger.error(`pg-boss: ${error.message}`, error.stack),
    });
    this.state = 'started';
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Stops fetching, waits for running handlers (up to `timeoutMs`), closes the pool. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.boss || this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    try {
      await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    } finally {
      this.state = 'stopped';
    }
  }

  /** True between start and stop (the readiness probe's queue check). */
  isStarted(): boolean {
    return this.state === 'started';
  }

  /** The pg-boss instance, for what this service does not wrap (queue stats, getQueue …). */
  get pgBoss(): PgBoss {
    if (!this.boss || this.state !== 'started') throw new Error(`Queue is ${this.state}`);
    return this.boss;
  }

  /** Creates the job's queue once per process (idempotent across processes). */
  ensureQueue(job: JobDefinition): Promise<void> {
    let created = this.queues.get(job.name);
    if (!created) {
      created = this.createQueue(job);
      created.catch(() => this.queues.delete(job.name));
      this.queues.set(job.name, created);
    }
    return created;
  }

  private async createQueue(job: JobDefinition): Promise<void> {
    const boss = this.pgBoss;
    const { deadLetter } = job.queue;
    if (deadLetter) await boss.createQueue(deadLetter);
    await boss.createQueue(job.name, job.queue);
  }

  /**
   * Validates the payload and sends one job. Returns its id, or null when pg-boss refused
   * it (a `singletonKey` / policy already holds a job).
   */
  async send<J extends JobDefinition>(job: J, payload: JobInput<J>, options: SendOptions = {}): Promise<string | null> {
    const data = this.validate(job, payload);
    await this.ensureQueue(job);
    return this.pgBoss.send(job.name, data as object, options);
  }

  /**
   * Validates and inserts many jobs in one statement (what a scheduler tick wants).
   * Returns the ids of the inserted jobs (duplicates refused by a singletonKey are skipped).
   */
  async insert<J extends JobDefinition>(job: J, jobs: InsertJob<JobInput<J>>[]): Promise<string[]> {
    if (jobs.length === 0) return [];
    const rows = jobs.map(({ data, ...options }) => ({ ...options, data: this.validate(job, data) as object }));
    await this.ensureQueue(job);
    return (await this.pgBoss.insert(job.name, rows, { returnId: true })) ?? [];
  }

  /**
   * Runs `handler` for each job of this type: `concurrency` fetch loops of `batchSize`
   * jobs, the jobs of a batch concurrently, each completed or failed on its own (a failed
   * one is retried per the queue's retryLimit). A payload that fails the schema is
   * failed without retries and the handler never sees it. Returns the worker id, or
   * null when this process's role runs no workers.
   */
  async work<J extends JobDefinition>(job: J, handler: JobHandler<JobData<J>>, options: WorkerOptions = {}): Promise<string | null> {
    return this.register(job, options, async (jobs) =>
      Promise.all(
        jobs.map(async (raw): Promise<JobResult> => {
          const received = this.receive(job, raw);
          if (!received.ok) return { id: raw.id, status: 'deadletter', output: { error: received.error } };
          try {
            // Every log line the handler writes names the job (jobId, job).
            const output = await withLogContext({ jobId: raw.id, job: job.name }, () => handler(received.job.data, received.job));
            return { id: raw.id, status: 'completed', output: output ?? undefined };
          } catch (error) {
            this.logger.warn(`${job.name} ${raw.id} failed (attempt ${raw.retryCount + 1}): ${(error as Error).message}`);
            return { id: raw.id, status: 'failed', output: serializeError(error) };
          }
        }),
      ),
    );
  }

  /**
   * Like `work`, but the handler gets the whole batch (e.g. to share a DNS cache). Throwing
   * fails every job of the batch; jobs with an invalid payload are failed and left out.
   */
  async workBatch<J extends JobDefinition>(job: J, handler: BatchHandler<JobData<J>>, options: WorkerOptions = {}): Promise<string | null> {
    return this.register(job, options, async (jobs) => {
      const results: JobResult[] = [];
      const valid: ReceivedJob<JobData<J>>[] = [];
      for (const raw of jobs) {
        const received = this.receive(job, raw);
        if (received.ok) valid.push(received.job);
        else results.push({ id: raw.id, status: 'deadletter', output: { error: received.error } });
      }
      try {
        if (valid.length > 0) await withLogContext({ jobId: valid.map((v) => v.id).join(','), job: job.name }, () => handler(valid));
        for (const item of valid) results.push({ id: item.id, status: 'completed' });
      } catch (error) {
        this.logger.warn(`${job.name} batch of ${valid.length} failed: ${(error as Error).message}`);
        for (const item of valid) results.push({ id: item.id, status: 'failed', output: serializeError(error) });
      }
      return results;
    });
  }

  private async register<J extends JobDefinition>(
    job: J,
    options: WorkerOptions,
    handler: (jobs: Job<unknown>[]) => Promise<JobResult[]>,
  ): Promise<string | null> {
    if (!this.config.runsWorkers) return null;
    await this.ensureQueue(job);
    const {
      concurrency = this.config.env.WORKER_CONCURRENCY,
      batchSize = DEFAULT_BATCH_SIZE,
      pollingIntervalSeconds = DEFAULT_POLLING_SECONDS,
      burstWhenReadyExceeds,
    } = options;
    return this.pgBoss.work<unknown>(
      job.name,
      {
        localConcurrency: concurrency,
        batchSize,
        // Drain a backlog without pausing between full batches.
        burstWhenBatchFull: true,
        ...(burstWhenReadyExceeds !== undefined ? { burstWhenReadyExceeds } : {}),
        pollingIntervalSeconds,
        // pg-boss waits 30 s between fetches while NOTIFY is active; deferred (startAfter) jobs
        // send no NOTIFY when they come due, so keep the backstop at the normal poll.
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
        perJobResults: true,
      },
      handler,
    );
  }

  /** Stops this process's workers for a job type (running handlers finish). */
  async offWork(job: JobDefinition): Promise<void> {
    if (this.state === 'started') await this.pgBoss.offWork(job.name, { wait: true });
  }

  private validate<J extends JobDefinition>(job: J, payload: unknown): z.output<J['schema']> {
    const result = job.schema.safeParse(payload);
    if (!result.success) throw new JobPayloadError(job.name, describeIssues(toValidationIssues(result.error)));
    return result.data as z.output<J['schema']>;
  }

  private receive<J extends JobDefinition>(
    job: J,
    raw: Job<unknown>,
  ): { ok: true; job: ReceivedJob<JobData<J>> } | { ok: false; error: string } {
    const result = job.schema.safeParse(raw.data);
    if (!result.success) {
      const error = new JobPayloadError(job.name, describeIssues(toValidationIssues(result.error))).message;
      this.logger.error(`${job.name} ${raw.id} dropped: ${error}`);
      return { ok: false, error };
    }
    return {
      ok: true,
      job: {
        id: raw.id,
        name: raw.name,
        data: result.data as JobData<J>,
        retryCount: raw.retryCount,
        signal: raw.signal,
      },
    };
  }
}

function serializeError(error: unknown): { message: string; name?: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
