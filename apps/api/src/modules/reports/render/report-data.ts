import type { ReportKind, ReportSummary } from '@spfwatch/contracts';

/** One domain's line in a report. */
export interface ReportDomain {
  id: string;
  name: string;
  status: 'ok' | 'warning' | 'broken' | 'unknown';
  /** DNS lookups at the end of the period (null: never checked). */
  lookupCount: number | null;
  /** At the start of the period (null: not monitored or not checked yet then). */
  lookupCountBefore: number | null;
  services: string[];
  /** The effective "all": "-all", "~all", "?all", "+all" or "none". */
  allPolicy: string;
  record: string | null;
  lastCheckedAt: string | null;
  /** Alerts open (or acknowledged) at generation time. */
  openAlerts: number;
}

export interface ReportChange {
  domain: string;
  at: string;
  /** The engine's words for the change. */
  changes: string[];
  recordBefore: string | null;
  recordAfter: string | null;
}

export interface ReportAlert {
  domain: string;
  type: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  openedAt: string;
  state: 'open' | 'acknowledged' | 'resolved';
  resolvedAt: string | null;
}

/** An open problem of a domain's current record with the recommended fix. */
export interface ReportIssue {
  domain: string;
  severity: 'error' | 'warning';
  message: string;
  fix: string | null;
}

export interface ReportChart {
  /** Local dates (YYYY-MM-DD), one point per day (the value at the end of that day). */
  days: string[];
  /** The domains drawn (the highest counts first; at most CHART_SERIES). */
  series: Array<{ domain: string; values: Array<number | null> }>;
  /** The RFC 7208 limit, drawn as a line. */
  limit: number;
  /** Domains not drawn. */
  omitted: number;
}

/** Everything a report says, stored with it (Report.data) so email and dashboard show the same. */
export interface ReportData {
  version: 1;
  organization: { id: string; name: string };
  client: { id: string; name: string };
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  timeZone: string;
  generatedAt: string;
  summary: ReportSummary;
  domains: ReportDomain[];
  changes: ReportChange[];
  alerts: ReportAlert[];
  issues: ReportIssue[];
  chart: ReportChart;
}

export const CHART_SERIES = 8;
