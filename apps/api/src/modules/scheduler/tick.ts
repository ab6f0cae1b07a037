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

/** pg-boss singletonKey of a check job: one job per domain per tick. */
export function checkJobKey(domainId: string, tickId: string): string {
  return `${domainId}:${tickId}`;
}

/** Whole seconds in [0, maxSeconds], from `random` (Math.random by default). */
export function jitterSeconds(maxSeconds: number, random: () => number = Math.random): number {
  if (maxSeconds <= 0) return 0;
  return Math.min(maxSeconds, Math.floor(random() * (maxSeconds + 1)));
}

/**
 * When a domain is due next after a check made for `tick` (or at `checkedAt` when manual):
 * scheduled checks count from the tick's fire time, so the schedule does not drift by the
 * time the queue took.
 */
export function nextCheckAt(base: Date, intervalMinutes: number): Date {
  return new Date(base.getTime() + intervalMinutes * 60_000);
}

/** Key of the Postgres advisory lock the scheduler takes while enqueueing a tick (any 64-bit number; this is "spfw-sch"). */
export const SCHEDULER_LOCK_KEY = 0x7370_6677_2d73_6368n;
