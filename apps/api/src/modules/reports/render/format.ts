import { localDateString, localDateTimeString, localParts } from '../../notifications/rules/zoned-time';
import type { ReportData, ReportDomain } from './report-data';

function isLocalMidnight(iso: string, timeZone: string): boolean {
  const p = localParts(new Date(iso), timeZone);
  return p.hour === 0 && p.minute === 0 && p.second === 0;
}

/**
 * Whole local days: "2026-02-23 – 2026-03-01" (the end is exclusive, so the last day shown is
 * the one before it); otherwise times: "2026-02-23 08:00 – 2026-03-02 08:00".
 */
export function periodLabel(data: Pick<ReportData, 'periodStart' | 'periodEnd' | 'timeZone'>): string {
  if (isLocalMidnight(data.periodStart, data.timeZone) && isLocalMidnight(data.periodEnd, data.timeZone)) {
    const from = localDateString(new Date(data.periodStart), data.timeZone);
    const to = localDateString(new Date(new Date(data.periodEnd).getTime() - 1), data.timeZone);
    return from === to ? from : `${from} – ${to}`;
  }
  return `${localDateTimeString(new Date(data.periodStart), data.timeZone)} – ${localDateTimeString(new Date(data.periodEnd), data.timeZone)}`;
}

export function localTime(iso: string, timeZone: string): string {
  return localDateTimeString(new Date(iso), timeZone);
}

/** "+2", "−1", "=", "new" */
export function trendLabel(d: Pick<ReportDomain, 'lookupCount' | 'lookupCountBefore'>): string {
  if (d.lookupCount === null) return '';
  if (d.lookupCountBefore === null) return 'new';
  const delta = d.lookupCount - d.lookupCountBefore;
  return delta === 0 ? '=' : delta > 0 ? `+${delta}` : `−${-delta}`;
}

export function reportTitle(data: Pick<ReportData, 'kind' | 'client' | 'periodStart' | 'periodEnd' | 'timeZone'>): string {
  return `${data.kind === 'weekly' ? 'Weekly SPF compliance report' : 'SPF compliance report'} — ${data.client.name}, ${periodLabel(data)}`;
}

/** File names of the attachments/downloads: spfwatch-acme-2026-03-02.pdf */
export function reportFileName(data: Pick<ReportData, 'client' | 'periodEnd' | 'timeZone'>, extension: 'pdf' | 'csv'): string {
  const slug = data.client.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'client';
  return `spfwatch-${slug}-${localDateString(new Date(new Date(data.periodEnd).getTime() - 1), data.timeZone)}.${extension}`;
}
