import { createTask, validate } from 'node-cron';

/** The weekly reports' default: Monday 08:00 in the organization's time zone. */
export const DEFAULT_REPORT_CRON = '0 8 * * 1';

const MINUTE = 60_000;

/** Why a report schedule is refused, or null: node-cron syntax, minute precision (5 fields). */
export function cronProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return 'Expected 5 fields (minute hour day-of-month month day-of-week), e.g. "0 8 * * 1"';
  if (!validate(cron)) return 'Not a valid cron expression (node-cron syntax), e.g. "0 8 * * 1"';
  return null;
}

interface Matcher {
  match(date: Date): boolean;
  next(after: Date): Date | null;
}

/** node-cron's own matcher for `cron` read in `timeZone` (the same rules as its scheduler). */
function matcher(cron: string, timeZone: string): Matcher {
  const task = createTask(cron, () => undefined, { timezone: timeZone });
  void task.destroy();
  const inner = (task as unknown as { timeMatcher?: { getNextMatch?(date: Date): Date } }).timeMatcher;
  return {
    match: (date) => task.match(date),
    next: (after) => {
      if (inner?.getNextMatch) return inner.getNextMatch(after);
      // Fallback: walk minutes (a year at most).
      let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
      for (let i = 0; i < 366 * 1440; i++, t += MINUTE) if (task.match(new Date(t))) return new Date(t);
      return null;
    },
  };
}

/**
 * The latest minute in (now − lookback, now] at which `cron` fires in `timeZone`, or null. A
 * scheduler pass each minute enqueues it once; the lookback covers a pass that ran late or a
 * scheduler that was down for a while.
 */
export function latestSlot(cron: string, timeZone: string, now: Date, lookbackMinutes = 60): Date | null {
  const m = matcher(cron, timeZone);
  const current = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < lookbackMinutes; i++) {
    const t = new Date(current - i * MINUTE);
    if (m.match(t)) return t;
  }
  return null;
}

/** The next `count` fire times strictly after `after`. */
export function nextSlots(cron: string, timeZone: string, after: Date, count: number): Date[] {
  const m = matcher(cron, timeZone);
  const out: Date[] = [];
  let from = after;
  while (out.length < count) {
    const next = m.next(from);
    if (!next || next.getTime() <= from.getTime()) break;
    out.push(next);
    from = next;
  }
  return out;
}
