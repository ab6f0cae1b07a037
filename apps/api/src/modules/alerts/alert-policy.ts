import { ALERT_TYPES, type AlertSeverity, type AlertType, type AlertTypeSettings } from '@spfwatch/contracts';

export interface AlertThresholds {
  /** lookup_warning when lookups ≥ this (and not over the limit). */
  lookupWarn: number;
  /** lookup_limit when lookups > this. */
  lookupLimit: number;
  /** temperror after this many consecutive checks ending in a DNS error. */
  tempErrorChecks: number;
  /** void_lookups when void lookups > this. */
  voidLimit: number;
}

export interface EffectivePolicy {
  thresholds: AlertThresholds;
  types: Record<AlertType, { enabled: boolean; severity: AlertSeverity }>;
}

/** One stored policy (organization, client or domain scope); null/absent fields inherit. */
export interface PolicyLayer {
  lookupWarn?: number | null;
  lookupLimit?: number | null;
  tempErrorChecks?: number | null;
  voidLimit?: number | null;
  types?: AlertTypeSettings | null;
}

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({ lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3, voidLimit: 2 });

export const DEFAULT_SEVERITIES: Readonly<Record<AlertType, AlertSeverity>> = Object.freeze({
  record_missing: 'critical',
  permerror: 'critical',
  temperror: 'warning',
  lookup_warning: 'warning',
  lookup_limit: 'critical',
  lookup_increased: 'info',
  void_lookups: 'critical',
  service_removed: 'warning',
  all_loosened: 'warning',
  all_tightened: 'info',
  multiple_records: 'critical',
  record_changed: 'info',
});

const THRESHOLD_KEYS = ['lookupWarn', 'lookupLimit', 'tempErrorChecks', 'voidLimit'] as const;

/**
 * Merges policies field by field, widest first (organization, client, domain): the most
 * specific scope that sets a field wins; a field nobody sets keeps the default.
 */
export function mergePolicies(layers: ReadonlyArray<PolicyLayer | null | undefined>): EffectivePolicy {
  const thresholds: AlertThresholds = { ...DEFAULT_THRESHOLDS };
  const types = Object.fromEntries(ALERT_TYPES.map((t) => [t, { enabled: true, severity: DEFAULT_SEVERITIES[t] }])) as EffectivePolicy['types'];
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of THRESHOLD_KEYS) {
      const value = layer[key];
      if (value !== null && value !== undefined) thresholds[key] = value;
    }
    for (const type of ALERT_TYPES) {
      const setting = layer.types?.[type];
      if (setting?.enabled !== undefined) types[type].enabled = setting.enabled;
      if (setting?.severity !== undefined) types[type].severity = setting.severity;
    }
  }
  return { thresholds, types };
}

export const DEFAULT_POLICY: EffectivePolicy = mergePolicies([]);
