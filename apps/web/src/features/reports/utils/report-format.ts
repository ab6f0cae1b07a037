import type { ReportKind } from '@spfwatch/contracts';

export const REPORT_KIND_LABELS: Record<ReportKind, string> = { weekly: 'Weekly', on_demand: 'On demand' };
export const REPORT_KINDS = Object.keys(REPORT_KIND_LABELS) as ReportKind[];

interface LocalMoment {
  day: string;
  time: string;
}

function localMoment(iso: string, timeZone: string): LocalMoment {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * A report's period as people say it, in the report's time zone: whole days as days
 * (`1 Mar 2026 – 7 Mar 2026`; the stored end is exclusive, so a midnight end is the day before),
 * anything else with its time (`23 Nov 2026, 08:00 – 30 Nov 2026, 08:00`).
 */
export function formatPeriod(periodStart: string, periodEnd: string, timeZone: string, locale?: string): string {
  const zone = safeZone(timeZone);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: zone });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone, hourCycle: 'h23' });
  const start = localMoment(periodStart, zone);
  const end = localMoment(periodEnd, zone);
  const startText = start.time === '00:00' ? date.format(new Date(periodStart)) : dateTime.format(new Date(periodStart));
  let endText: string;
  if (end.time === '00:00') {
    // Exclusive midnight: the last day included is the one before.
    endText = date.format(new Date(Date.parse(periodEnd) - 1));
    if (start.time === '00:00' && endText === startText) return startText;
  } else {
    endText = dateTime.format(new Date(periodEnd));
  }
  return `${startText} – ${endText}`;
}

/** `12.3 kB` */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** `Mon, 7 Dec 2026, 08:00` in `timeZone` (the schedule's next runs, as the organization reads them). */
export function formatInZone(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: safeZone(timeZone) }).format(new Date(iso));
}
