import type { ReportKind } from '@spfwatch/contracts';
import { type Analysis, diffAnalyses } from '@spfwatch/spf';
import { localDateString, startOfLocalDay } from '../../notifications/rules/zoned-time';
import type { ReportAlertRow, ReportDomainRow, ReportSnapshotRow } from '../reports.repository';
import { CHART_SERIES, type ReportChart, type ReportData, type ReportDomain, type ReportIssue } from './report-data';

/** The most points a chart gets: long periods are sampled (every n days). */
const MAX_CHART_POINTS = 62;
const MAX_CHANGES = 200;
const DAY_MS = 86_400_000;

export interface BuildReportInput {
  organization: { id: string; name: string };
  client: { id: string; name: string };
  timeZone: string;
  kind: ReportKind;
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  domains: ReportDomainRow[];
  /** Per domain: the latest snapshot first seen before the period (with its analysis). */
  atStart: ReadonlyMap<string, ReportSnapshotRow>;
  /** Per domain: the latest snapshot first seen before the end (with its analysis). */
  atEnd: ReadonlyMap<string, ReportSnapshotRow>;
  /** Snapshots first seen during the period, oldest first (with analyses). */
  during: readonly ReportSnapshotRow[];
  alerts: readonly ReportAlertRow[];
}

const STATUS_ORDER: Record<ReportDomain['status'], number> = { broken: 0, warning: 1, unknown: 2, ok: 3 };

export function allPolicyOf(analysis: Analysis | null): string {
  if (!analysis || analysis.record === null) return 'none';
  return analysis.allQualifier ? `${analysis.allQualifier}all` : 'none';
}

/**
 * Everything a report says, from what the repository read: domains as of the period's end
 * (status, lookups and the change since the start, services, "all"), the changes in words,
 * the alerts opened, the open lint findings with their fixes, and the lookup chart (one
 * point per local day, the value at the end of that day).
 */
export function buildReportData(input: BuildReportInput): ReportData {
  const { atStart, atEnd } = input;
  const domains: ReportDomain[] = input.domains.map((d) => {
    const end = atEnd.get(d.id) ?? null;
    const analysis = end?.analysis ?? null;
    // The usual weekly case (the period ends after the last check): the domain's status now, which also knows DNS-error streaks.
    const current = d.lastCheckedAt !== null && d.lastCheckedAt.getTime() <= input.periodEnd.getTime();
    const status = (current ? d.status : (end?.status ?? 'unknown')) as ReportDomain['status'];
    return {
      id: d.id,
      name: d.name,
      status: end || current ? status : 'unknown',
      lookupCount: end?.lookupCount ?? null,
      lookupCountBefore: atStart.get(d.id)?.lookupCount ?? null,
      services: analysis ? [...new Set(analysis.services.map((s) => s.name))] : [],
      allPolicy: allPolicyOf(analysis),
      record: end?.recordText ?? null,
      lastCheckedAt: d.lastCheckedAt?.toISOString() ?? null,
      openAlerts: d.openAlerts,
    };
  });
  domains.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name));

  const names = new Map(input.domains.map((d) => [d.id, d.name]));
  const previous = new Map<string, ReportSnapshotRow>(atStart);
  const changes: ReportData['changes'] = [];
  for (const snapshot of input.during) {
    const before = previous.get(snapshot.domainId);
    previous.set(snapshot.domainId, snapshot);
    if (!before || changes.length >= MAX_CHANGES) continue;
    const messages = before.analysis && snapshot.analysis ? diffAnalyses(before.analysis, snapshot.analysis).changes.map((c) => c.message) : [];
    changes.push({ domain: names.get(snapshot.domainId) ?? snapshot.domainId, at: snapshot.firstSeenAt.toISOString(), changes: messages, recordBefore: before.recordText, recordAfter: snapshot.recordText });
  }

  const issues: ReportIssue[] = [];
  for (const d of domains) {
    const analysis = atEnd.get(d.id)?.analysis;
    for (const finding of analysis?.lint ?? []) {
      if (finding.severity === 'info') continue;
      issues.push({ domain: d.name, severity: finding.severity, message: finding.message, fix: finding.fix ?? null });
    }
  }

  const alerts = input.alerts.map((a) => ({ ...a, openedAt: a.openedAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null }));
  const count = (status: ReportDomain['status']) => domains.filter((d) => d.status === status).length;
  return {
    version: 1,
    organization: input.organization,
    client: input.client,
    kind: input.kind,
    periodStart: input.periodStart.toISOString(),
    periodEnd: input.periodEnd.toISOString(),
    timeZone: input.timeZone,
    generatedAt: input.generatedAt.toISOString(),
    summary: { domains: domains.length, ok: count('ok'), warning: count('warning'), broken: count('broken'), unknown: count('unknown'), changes: changes.length, alerts: alerts.length, openIssues: issues.length },
    domains,
    changes,
    alerts,
    issues,
    chart: buildChart(input),
  };
}

/** One point per local day (sampled for long periods): each domain's lookup count at the end of that day. */
export function buildChart(input: Pick<BuildReportInput, 'periodStart' | 'periodEnd' | 'timeZone' | 'domains' | 'atStart' | 'during'>): ReportChart {
  const { periodStart, periodEnd, timeZone } = input;
  const days: Date[] = [];
  for (let i = 0; ; i++) {
    const dayStart = startOfLocalDay(periodStart, timeZone, i);
    if (dayStart.getTime() >= periodEnd.getTime() || i > 400) break;
    days.push(dayStart);
  }
  const step = Math.max(1, Math.ceil(days.length / MAX_CHART_POINTS));
  const sampled = days.filter((_, i) => i % step === 0 || i === days.length - 1);
  const points = sampled.map((dayStart) => ({
    label: localDateString(dayStart, timeZone),
    at: Math.min(startOfLocalDay(new Date(dayStart.getTime() + DAY_MS / 2), timeZone, 1).getTime(), periodEnd.getTime()),
  }));
  const history = new Map<string, Array<{ at: number; lookups: number }>>();
  for (const [domainId, s] of input.atStart) history.set(domainId, [{ at: s.firstSeenAt.getTime(), lookups: s.lookupCount }]);
  for (const s of input.during) history.set(s.domainId, [...(history.get(s.domainId) ?? []), { at: s.firstSeenAt.getTime(), lookups: s.lookupCount }]);
  const series = input.domains.map((d) => {
    const h = history.get(d.id) ?? [];
    return {
      domain: d.name,
      values: points.map((p) => {
        let value: number | null = null;
        for (const entry of h) if (entry.at < p.at) value = entry.lookups;
        return value;
      }),
    };
  });
  const peak = (values: Array<number | null>) => Math.max(-1, ...values.map((v) => v ?? -1));
  const drawn = series.filter((s) => peak(s.values) >= 0).sort((a, b) => peak(b.values) - peak(a.values) || a.domain.localeCompare(b.domain));
  return { days: points.map((p) => p.label), series: drawn.slice(0, CHART_SERIES), limit: 10, omitted: Math.max(0, drawn.length - CHART_SERIES) };
}
