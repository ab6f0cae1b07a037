import { stringify } from 'csv-stringify/sync';
import { trendLabel } from './format';
import type { ReportData } from './report-data';

export const REPORT_CSV_COLUMNS = ['domain', 'status', 'lookups', 'lookups_at_start', 'trend', 'all_policy', 'services', 'open_alerts', 'last_checked_at', 'record'] as const;

/** The domain table as CSV (RFC 4180, header row, UTF-8). */
export function renderReportCsv(data: ReportData): string {
  return stringify(
    data.domains.map((d) => [d.name, d.status, d.lookupCount ?? '', d.lookupCountBefore ?? '', trendLabel(d).replace('−', '-'), d.allPolicy, d.services.join('; '), d.openAlerts, d.lastCheckedAt ?? '', d.record ?? '']),
    { header: true, columns: [...REPORT_CSV_COLUMNS] },
  );
}
