import type { CreateReportInput, MAX_REPORT_DAYS as ContractMaxDays } from '@spfwatch/contracts';

/**
 * The on-demand report form: a client and a range of whole days (`YYYY-MM-DD`), which the API
 * reads in the organization's time zone (`from` = the start of its day, `to` = the end of its
 * day). The contract's limit is typed against its literal, so a change there breaks the build
 * here; importing the value would pull zod into the page's chunk.
 */
export const MAX_REPORT_DAYS: typeof ContractMaxDays = 366;

export interface ReportRangeForm {
  clientId: string;
  from: string;
  to: string;
}

export type ReportRangeField = keyof ReportRangeForm;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds of a `YYYY-MM-DD` day at UTC midnight, or null when it is not a real date. */
function dayValue(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === day ? t : null;
}

function dayString(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Shifts a `YYYY-MM-DD` day by `days` (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  const t = dayValue(day);
  if (t === null) throw new Error(`Not a day: ${day}`);
  return dayString(t + days * DAY_MS);
}

/** Days from `from` to `to`, both included (1 for the same day). */
export function daysInRange(from: string, to: string): number | null {
  const a = dayValue(from);
  const b = dayValue(to);
  return a === null || b === null ? null : Math.round((b - a) / DAY_MS) + 1;
}

/** Today (`YYYY-MM-DD`) in `timeZone` — the organization's, where the API reads the days. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export const RANGE_PRESETS = [
  { id: 'last-7', label: 'Last 7 days' },
  { id: 'last-30', label: 'Last 30 days' },
  { id: 'this-month', label: 'This month' },
  { id: 'last-month', label: 'Last month' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** The days a preset covers, ending today at the latest. */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  const monthStart = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'last-7':
      return { from: addDays(today, -6), to: today };
    case 'last-30':
      return { from: addDays(today, -29), to: today };
    case 'this-month':
      return { from: monthStart, to: today };
    case 'last-month': {
      const lastDay = addDays(monthStart, -1);
      return { from: `${lastDay.slice(0, 8)}01`, to: lastDay };
    }
  }
}

/**
 * What is wrong with the form before it is sent (the API checks again and has the last word,
 * e.g. on a day that is still in the future in the organization's time zone).
 */
export function rangeProblems(form: ReportRangeForm, today: string): Partial<Record<ReportRangeField, string>> {
  const out: Partial<Record<ReportRangeField, string>> = {};
  if (!form.clientId) out.clientId = 'Choose a client.';
  if (!form.from) out.from = 'Choose the first day.';
  else if (dayValue(form.from) === null) out.from = 'Expected a date (YYYY-MM-DD).';
  else if (form.from > today) out.from = 'Must not be in the future.';
  if (!form.to) out.to = 'Choose the last day.';
  else if (dayValue(form.to) === null) out.to = 'Expected a date (YYYY-MM-DD).';
  if (!out.from && !out.to) {
    const days = daysInRange(form.from, form.to)!;
    if (days < 1) out.to = 'Must be on or after the first day.';
    else if (days > MAX_REPORT_DAYS) out.to = `A report covers at most ${MAX_REPORT_DAYS} days (this range has ${days}).`;
  }
  return out;
}

/** `POST /api/reports` body: the days as typed (the API reads them in the organization's time zone). */
export function bodyFromRange(form: ReportRangeForm): CreateReportInput {
  return { clientId: form.clientId, from: form.from, to: form.to };
}

/** The API's per-field messages (`clientId`, `from`, `to`) mapped onto the form; the rest under `form`. */
export function rangeErrorsFromApi(errors: Record<string, string>): Partial<Record<ReportRangeField | 'form', string>> {
  const out: Partial<Record<ReportRangeField | 'form', string>> = {};
  for (const [path, message] of Object.entries(errors)) {
    const field = path === 'clientId' || path === 'from' || path === 'to' ? path : 'form';
    out[field] ??= message;
  }
  return out;
}
