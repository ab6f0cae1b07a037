/**
 * A scheduler tick is identified by its cron fire time, to the minute, in UTC
 * (`2026-11-22T06:00Z`): every instance firing for the same schedule computes the same id.
 */
export function tickIdOf(fireTime: Date): string {
  return `${fireTime.toISOString().slice(0, 16)}Z`;
}

/** The fire time a tick id stands for. */
export function tickTime(tickId: string): Date {
  const date = new Date(tickId.endsWith('Z') && tickId.length === 17 ? `${tickId.slice(0, 16)}:00.000Z` : tickId);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a tick id: ${tickId}`);
  return date;
}

export function isTickId(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(value) && !Number.isNaN(tickTime(value).getTime());
}

/**
 * pg-boss singletonKey of a check job. The queue's `exclusive` policy allows one queued or
 * running job per key: keyed by domain, a domain whose job from an earlier tick is still
 * waiting is not enqueued again by the next tick (no pile-up when a cycle overruns), and a
 * tick enqueues each domain once. "Once per (domain, tick)" is then also enforced where the
 * check is recorded: CheckRun's unique (domainId, tick).
 */
export function checkJobKey(domainId: string): string {
  return `check:${domainId}`;
}

/** Whole seconds in [0, maxSeconds], from `random` (Math.random by default). */
export function jitterSeconds(maxSeconds: number, random: () => number = Math.random): number {
  if (maxSeconds <= 0) return 0;
  return Math.min(maxSeconds, Math.floor(random() * (maxSeconds + 1)));
}

/** `base` + the interval. */
export function nextCheckAt(base: Date, intervalMinutes: number): Date {
  return new Date(base.getTime() + intervalMinutes * 60_000);
}

/**
 * When a domain checked for a tick is due next: one interval after the tick's fire time, so
 * the schedule does not drift by the time the queue took; one interval after `now` when
 * that is already past (a late job, or a tick id from long ago).
 */
export function nextScheduledCheckAt(tick: string, intervalMinutes: number, now: Date): Date {
  const fromTick = nextCheckAt(tickTime(tick), intervalMinutes);
  return fromTick > now ? fromTick : nextCheckAt(now, intervalMinutes);
}

/** Key of the Postgres advisory lock the scheduler takes while enqueueing a tick (any 64-bit number; this is "spfw-sch"). */
export const SCHEDULER_LOCK_KEY = 0x7370_6677_2d73_6368n;
