import type { AlertSeverity, AlertState, AlertType } from '@spfwatch/contracts';

// The lists come from records keyed by the contract's unions, so the compiler flags a missing or
// unknown value; importing the contract's runtime arrays instead would pull zod into the bundle.

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  record_missing: 'Record missing',
  permerror: 'Broken record (permerror)',
  temperror: 'DNS errors (temperror)',
  lookup_warning: 'Near the lookup limit',
  lookup_limit: 'Over the lookup limit',
  lookup_increased: 'Lookup count increased',
  void_lookups: 'Too many void lookups',
  service_removed: 'Sending service removed',
  all_loosened: '“all” loosened',
  all_tightened: '“all” tightened',
  multiple_records: 'Multiple SPF records',
  record_changed: 'Record changed',
};

/** Link to the domain page's diff for the alert's snapshots (or the domain when it has none). */
export function alertDiffLink(alert: { domainId: string; fromSnapshotId: string | null; toSnapshotId: string | null }): string | null {
  if (!alert.toSnapshotId) return null;
  const params = new URLSearchParams({ to: alert.toSnapshotId });
  if (alert.fromSnapshotId) params.set('from', alert.fromSnapshotId);
  return `/domains/${alert.domainId}?${params.toString()}#diff`;
}

export const ALERT_TYPE_LIST = Object.keys(ALERT_TYPE_LABELS) as AlertType[];

const SEVERITY_ORDER: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
export const ALERT_SEVERITY_LIST = Object.keys(SEVERITY_ORDER) as AlertSeverity[];

const STATE_ORDER: Record<AlertState, number> = { open: 0, acknowledged: 1, resolved: 2 };
export const ALERT_STATE_LIST = Object.keys(STATE_ORDER) as AlertState[];
