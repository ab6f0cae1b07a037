import { localDay, localParts, zonedToUtc } from './zoned-time';

export interface QuietHours {
  /** "22:00" */
  start: string;
  /** "07:00"; before start = the window crosses midnight. */
  end: string;
  timeZone: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * When a delivery due at `now` may go out: null = now (outside quiet hours), else the end of the
 * current quiet window ([start, end) local time; 22:00–07:00 crosses midnight).
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const p = localParts(now, quiet.timeZone);
  const m = p.hour * 60 + p.minute;
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  // The end is later today, unless the window started today and crosses midnight.
  const endsTomorrow = start > end && m >= start;
  const day = localDay(now, quiet.timeZone, endsTomorrow ? 1 : 0);
  const until = zonedToUtc({ ...day, hour: Math.floor(end / 60), minute: end % 60 }, quiet.timeZone);
  return until.getTime() > now.getTime() ? until : null;
}
