/**
 * Wall-clock arithmetic in IANA time zones with Intl only (no time-zone library): quiet hours,
 * report periods and the weekly schedule are all written in local time.
 */

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What a wall clock in `timeZone` shows at `at`. */
export function localParts(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** UTC offset of `timeZone` at `at`, in ms (Europe/Paris in winter: +3_600_000). */
export function offsetAt(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows this local time. Ambiguous times
 * (the repeated hour in autumn) give the first; times skipped in spring give the instant after
 * the gap. Day/month overflow is normalised (day 32 = next month).
 */
export function zonedToUtc(local: { year: number; month: number; day: number; hour?: number; minute?: number }, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  const DAY = 86_400_000;
  // The offsets in force a day before and after: one of them applies (zones change at most once a day).
  const before = wall - offsetAt(new Date(wall - DAY), timeZone);
  const after = wall - offsetAt(new Date(wall + DAY), timeZone);
  const shows = (t: number) => t + offsetAt(new Date(t), timeZone) === wall;
  const valid = [before, after].filter(shows);
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a gap: move forward by its length (what clocks do), i.e. the offset from before the change.
  return new Date(Math.max(before, after));
}

/** The local calendar day of `at` shifted by `days`: { year, month, day } (normalised). */
export function localDay(at: Date, timeZone: string, days = 0): { year: number; month: number; day: number } {
  const p = localParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Start (00:00 local) of the local day of `at`, shifted by `days`. */
export function startOfLocalDay(at: Date, timeZone: string, days = 0): Date {
  return zonedToUtc(localDay(at, timeZone, days), timeZone);
}

/** `2026-03-02` for the local day of `at`. */
export function localDateString(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** `2026-03-02 08:00` local. */
export function localDateTimeString(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${localDateString(at, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
