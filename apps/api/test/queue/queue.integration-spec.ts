import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { AppConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import type { Env } from '../../src/config/env';
import { defineJob, JobPayloadError } from '../../src/queue/job';
import { QueueModule } from '../../src/queue/queue.module';
import { QueueService } from '../../src/queue/queue.service';
import { testEnv } from '../support/env';

/** Just the queue (no feature modules), on the test database. */
async function startQueue(env: Partial<Env> = {}) {
  const config = new AppConfig(testEnv(env), process.env.DATABASE_URL ?? '');
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), QueueModule] }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return { queue: moduleRef.get(QueueService), close: () => moduleRef.close() };
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let seq = 0;
/** A fresh queue name per test, so tests never see each other's jobs. */
function jobName(label: string): string {
  seq += 1;
  return `test-${label}-${process.pid}-${seq}`;
}

const FAST = { pollingIntervalSeconds: 0.5 };

describe('QueueService (pg-boss on the test database)', () => {
  let q: Awaited<ReturnType<typeof startQueue>>;
  beforeAll(async () => {
    q = await startQueue();
  });
  afterAll(async () => {
    await q.close();
  });

  it('validates payloads before sending: a bad one throws and enqueues nothing', async () => {
    const job = defineJob({ name: jobName('validate'), schema: z.object({ domainId: z.string().uuid() }) });
    await expect(q.queue.send(job, { domainId: 'nope' })).rejects.toThrow(JobPayloadError);
    await expect(q.queue.send(job, { domainId: 'nope' })).rejects.toThrow(`Invalid payload for job ${job.name}: domainId: Invalid UUID`);
    await q.queue.ensureQueue(job);
    expect(await q.queue.pgBoss.fetch(job.name, { batchSize: 10 })).toEqual([]);
  });

  it('delivers the parsed payload (schema output) with the job id and attempt', async () => {
    const job = defineJob({ name: jobName('deliver'), schema: z.object({ n: z.number(), tags: z.array(z.string()).default([]) }) });
    const seen: unknown[] = [];
    const done = deferred();
    await q.queue.work(
      job,
      async (data, received) => {
        seen.push({ data, id: received.id, retryCount: received.retryCount, name: received.name });
        done.resolve();
      },
      FAST,
    );
    const id = await q.queue.send(job, { n: 1 });
    await done.promise;
    expect(seen).toEqual([{ data: { n: 1, tags: [] }, id, retryCount: 0, name: job.name }]);
    await waitFor(async () => (await q.queue.pgBoss.getJobById(job.name, id ?? ''))?.state === 'completed');
  });

  it('runs concurrency × batchSize handlers at once, never more', async () => {
    const job = defineJob({ name: jobName('concurrency'), schema: z.object({ i: z.number() }) });
    let running = 0;
    let peak = 0;
    let finished = 0;
    await q.queue.work(
      job,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 150));
        running -= 1;
        finished += 1;
      },
      { concurrency: 2, batchSize: 2, ...FAST },
    );
    await q.queue.insert(job, Array.from({ length: 12 }, (_, i) => ({ data: { i } })));
    const started = Date.now();
    await waitFor(() => finished === 12);
    // 3 rounds of 4 × 150 ms, refetching at once after each full batch (no 1 s idle poll between).
    expect(Date.now() - started).toBeLessThan(2000);
    expect(peak).toBe(4);
  });

  it('runs a deferred job about when it comes due (no 30 s NOTIFY backstop)', async () => {
    const job = defineJob({ name: jobName('deferred'), schema: z.object({}) });
    let ranAt = 0;
    await q.queue.work(job, async () => {
      ranAt = Date.now();
    }, FAST);
    // Wakes the idle workers with a NOTIFY that finds nothing due yet.
    const sentAt = Date.now();
    await q.queue.send(job, {}, { startAfter: 1 });
    await waitFor(() => ranAt > 0, 5000);
    expect(ranAt - sentAt).toBeGreaterThanOrEqual(900);
    expect(ranAt - sentAt).toBeLessThan(3000);
  });

  it('inserts many jobs in one call, validating each', async () => {
    const job = defineJob({ name: jobName('insert'), schema: z.object({ i: z.number().int() }) });
    await expect(q.queue.insert(job, [{ data: { i: 1 } }, { data: { i: 1.5 } }])).rejects.toThrow(JobPayloadError);
    const ids = await q.queue.insert(job, [{ data: { i: 1 } }, { data: { i: 2 }, startAfter: 3600 }]);
    expect(ids).toHaveLength(2);
    const [now, later] = await Promise.all(ids.map((id) => q.queue.pgBoss.getJobById(job.name, id)));
    expect([now?.data, now?.state, later?.data, later?.state]).toEqual([{ i: 1 }, 'created', { i: 2 }, 'created']);
    expect(later?.startAfter.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('retries a failed job per the queue settings, then completes it', async () => {
    const job = defineJob({ name: jobName('retry'), schema: z.object({}), queue: { retryLimit: 2, retryDelay: 0 } });
    const attempts: number[] = [];
    await q.queue.work(
      job,
      async (_data, received) => {
        attempts.push(received.retryCount);
        if (received.retryCount < 2) throw new Error(`flaky ${received.retryCount}`);
      },
      FAST,
    );
    const id = (await q.queue.send(job, {})) ?? '';
    await waitFor(async () => (await q.queue.pgBoss.getJobById(job.name, id))?.state === 'completed');
    expect(attempts).toEqual([0, 1, 2]);
  });

  it('fails a received job whose payload breaks the schema, without calling the handler or retrying', async () => {
    const job = defineJob({ name: jobName('bad-payload'), schema: z.object({ n: z.number() }), queue: { retryLimit: 3 } });
    const handler = jest.fn(async () => {});
    await q.queue.work(job, handler, FAST);
    // A producer that bypassed send()'s validation (an older release, a manual insert).
    const id = (await q.queue.pgBoss.send(job.name, { n: 'one' })) ?? '';
    await waitFor(async () => (await q.queue.pgBoss.getJobById(job.name, id))?.state === 'failed');
    const failed = await q.queue.pgBoss.getJobById(job.name, id);
    expect(failed?.retryCount).toBe(0);
    expect(JSON.stringify(failed?.output)).toContain('n: Invalid input: expected number, received string');
    expect(handler).not.toHaveBeenCalled();
  });

  it('workBatch hands the whole batch to one call', async () => {
    const job = defineJob({ name: jobName('batch'), schema: z.object({ i: z.number() }) });
    const batches: number[][] = [];
    await q.queue.insert(job, Array.from({ length: 6 }, (_, i) => ({ data: { i } })));
    await q.queue.workBatch(
      job,
      async (jobs) => {
        batches.push(jobs.map((j) => j.data.i));
      },
      { concurrency: 1, batchSize: 10, ...FAST },
    );
    await waitFor(() => batches.flat().length === 6);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches.length).toBeLessThan(6);
  });
});

describe('QueueService roles and shutdown', () => {
  it('registers no worker in an api process', async () => {
    const q = await startQueue({ SPFWATCH_ROLE: 'api' });
    try {
      const job = defineJob({ name: jobName('api-role'), schema: z.object({}) });
      const handler = jest.fn(async () => {});
      expect(await q.queue.work(job, handler, FAST)).toBeNull();
      await q.queue.send(job, {});
      await new Promise((r) => setTimeout(r, 1200));
      expect(handler).not.toHaveBeenCalled();
    } finally {
      await q.close();
    }
  });

  it('stops gracefully: a running handler finishes (and completes its job) before stop resolves', async () => {
    const q = await startQueue();
    const job = defineJob({ name: jobName('graceful'), schema: z.object({}) });
    const started = deferred();
    let finishedAt = 0;
    await q.queue.work(
      job,
      async () => {
        started.resolve();
        await new Promise((r) => setTimeout(r, 700));
        finishedAt = Date.now();
      },
      FAST,
    );
    const id = (await q.queue.send(job, {})) ?? '';
    await started.promise;
    await q.close();
    const stoppedAt = Date.now();
    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt).toBeLessThanOrEqual(stoppedAt);
    expect(q.queue.isStarted()).toBe(false);

    const check = await startQueue({ SPFWATCH_ROLE: 'api' });
    try {
      expect((await check.queue.pgBoss.getJobById(job.name, id))?.state).toBe('completed');
    } finally {
      await check.close();
    }
  });
});
