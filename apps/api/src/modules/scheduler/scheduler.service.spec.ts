import type { SchedulerRegistry } from '@nestjs/schedule';
import { ManualClock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import type { QueueService } from '../../queue/queue.service';
import type { SchedulerRepository } from './scheduler.repository';
import { SchedulerService } from './scheduler.service';

const TICK = '2026-03-02T06:00Z';
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A scheduler over a fake repository and queue that log what happens, in order. */
function scheduler(opts: { due: number; lock?: boolean; claimed?: boolean }) {
  const events: string[] = [];
  let inTransaction = false;
  const repo = {
    transaction: async <T>(work: (tx: unknown) => Promise<T>) => {
      inTransaction = true;
      try {
        return await work({});
      } finally {
        inTransaction = false;
        events.push('commit');
      }
    },
    tryLock: async () => opts.lock ?? true,
    startCycle: async () => {
      events.push('cycle row');
      return opts.claimed ?? true;
    },
    findDue: async () => Array.from({ length: opts.due }, (_, i) => ({ id: uuid(i), organizationId: uuid(0) })),
    finishCycle: async (tick: string, enqueued: number) => {
      events.push(`finish ${tick} ${enqueued}${inTransaction ? ' (in transaction)' : ''}`);
    },
  };
  const queue = {
    insert: async (_job: unknown, jobs: unknown[]) => {
      events.push(`insert ${jobs.length}${inTransaction ? ' (in transaction)' : ''}`);
      // The queue's one-job-per-domain policy refuses one job of each batch here.
      return jobs.slice(1).map((_, i) => `job-${i}`);
    },
  };
  const config = { env: { CHECK_JITTER_SECONDS: 0 }, runsScheduler: false };
  const service = new SchedulerService(repo as unknown as SchedulerRepository, queue as unknown as QueueService, {} as SchedulerRegistry, config as unknown as AppConfig, new ManualClock('2026-03-02T06:00:00.000Z'));
  return { service, events };
}

describe('SchedulerService.runTick', () => {
  it('claims the tick in one transaction, then inserts the jobs batch by batch, each committed on its own, and records the count last', async () => {
    const { service, events } = scheduler({ due: 2_500 });
    expect(await service.runTick(TICK)).toEqual({ tick: TICK, status: 'enqueued', enqueued: 2_497 });
    // Workers can take the first 1,000 jobs while the rest are inserted.
    expect(events).toEqual(['cycle row', 'commit', 'insert 1000', 'insert 1000', 'insert 500', `finish ${TICK} 2497`]);
  });

  it('inserts nothing when another instance holds the lock or already claimed the tick', async () => {
    const busy = scheduler({ due: 10, lock: false });
    expect(await busy.service.runTick(TICK)).toEqual({ tick: TICK, status: 'busy', enqueued: 0 });
    expect(busy.events).toEqual(['commit']);
    const ran = scheduler({ due: 10, claimed: false });
    expect(await ran.service.runTick(TICK)).toEqual({ tick: TICK, status: 'already-ran', enqueued: 0 });
    expect(ran.events).toEqual(['cycle row', 'commit']);
  });

  it('records a tick with nothing due as enqueued 0', async () => {
    const { service, events } = scheduler({ due: 0 });
    expect(await service.runTick(TICK)).toEqual({ tick: TICK, status: 'enqueued', enqueued: 0 });
    expect(events).toEqual(['cycle row', 'commit', `finish ${TICK} 0`]);
  });
});
