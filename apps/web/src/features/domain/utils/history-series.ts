import type { CheckRunResponse, DomainStatusValue, SnapshotSummary } from '@spfwatch/contracts';

export interface HistoryPoint {
  /** Epoch ms. */
  t: number;
  lookupCount: number;
  status: DomainStatusValue;
  /** Numeric status for the chart's second axis: ok 0, warning 1, broken 2, unknown -1 (not drawn). */
  statusLevel: number | null;
  /** This point starts a new snapshot (the record or its tree changed). */
  change: boolean;
  snapshotId: string;
}

export interface HistoryMarker {
  t: number;
  snapshotId: string;
  label: string;
}

const LEVEL: Record<DomainStatusValue, number | null> = { ok: 0, warning: 1, broken: 2, unknown: null };

/**
 * Lookup count and status over time from a domain's snapshots (each covers firstSeenAt …
 * lastSeenAt): one point where each snapshot starts (a change marker, except the first) and one
 * where it was last seen, oldest first, for a step chart. The last point is carried to `now`
 * when the latest snapshot is still current.
 */
export function buildHistorySeries(snapshots: readonly SnapshotSummary[], now: number = Date.now()): { points: HistoryPoint[]; markers: HistoryMarker[] } {
  const ordered = [...snapshots].sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt));
  const points: HistoryPoint[] = [];
  const markers: HistoryMarker[] = [];
  ordered.forEach((s, i) => {
    const start = Date.parse(s.firstSeenAt);
    const seen = Date.parse(s.lastSeenAt);
    const base = { lookupCount: s.lookupCount, status: s.status, statusLevel: LEVEL[s.status], snapshotId: s.id };
    points.push({ ...base, t: start, change: i > 0 });
    if (i > 0) {
      const prev = ordered[i - 1]!;
      markers.push({ t: start, snapshotId: s.id, label: describeStep(prev, s) });
    }
    const next = ordered[i + 1];
    const end = next ? Math.max(seen, Date.parse(next.firstSeenAt) - 1) : Math.max(seen, now);
    if (end > start) points.push({ ...base, t: end, change: false });
  });
  return { points, markers };
}

function describeStep(before: SnapshotSummary, after: SnapshotSummary): string {
  const parts: string[] = [];
  if (before.record !== after.record) parts.push('record changed');
  if (before.lookupCount !== after.lookupCount) parts.push(`lookups ${before.lookupCount} → ${after.lookupCount}`);
  if (before.status !== after.status) parts.push(`${before.status} → ${after.status}`);
  return parts.length > 0 ? parts.join(', ') : 'an include changed';
}

/** DNS-error checks (outcome "error") as points in time, for red markers on the chart. */
export function errorChecks(checks: readonly CheckRunResponse[]): Array<{ t: number; kind: string }> {
  return checks.filter((c) => c.outcome === 'error').map((c) => ({ t: Date.parse(c.startedAt), kind: c.dnsErrorKind ?? 'error' }));
}
