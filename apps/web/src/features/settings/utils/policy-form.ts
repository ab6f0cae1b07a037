import type { AlertSeverity, AlertType, PutAlertPolicyBody } from '@spfwatch/contracts';
import type { AlertPolicyView, AlertThresholdsView } from '../../../api/monitoring-types';

/** Labels keyed by the contract's union (the compiler flags a missing type); the runtime arrays of the contract would pull zod into the bundle. */
export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  record_missing: 'Record missing (was present)',
  permerror: 'Broken record (permerror)',
  temperror: 'Persistent DNS errors',
  lookup_warning: 'Near the lookup limit',
  lookup_limit: 'Over the lookup limit',
  lookup_increased: 'Lookup count increased',
  void_lookups: 'Too many void lookups',
  service_removed: 'Sending service removed',
  all_loosened: '“all” loosened (-all → ~all …)',
  all_tightened: '“all” tightened',
  multiple_records: 'Multiple SPF records',
  record_changed: 'Record changed',
};
export const ALERT_TYPES = Object.keys(ALERT_TYPE_LABELS) as AlertType[];
const SEVERITIES: Record<AlertSeverity, true> = { info: true, warning: true, critical: true };
export const ALERT_SEVERITIES = Object.keys(SEVERITIES) as AlertSeverity[];

export const THRESHOLD_KEYS = ['lookupWarn', 'lookupLimit', 'tempErrorChecks', 'voidLimit'] as const satisfies ReadonlyArray<keyof AlertThresholdsView>;
export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];

/** The form: '' = inherit for every field. */
export interface PolicyForm {
  thresholds: Record<ThresholdKey, string>;
  types: Record<AlertType, { enabled: '' | 'on' | 'off'; severity: '' | AlertSeverity }>;
}

export function formFromPolicy(policy: AlertPolicyView | undefined): PolicyForm {
  const thresholds = Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, policy?.thresholds[k] == null ? '' : String(policy.thresholds[k])])) as PolicyForm['thresholds'];
  const types = Object.fromEntries(
    ALERT_TYPES.map((t) => {
      const s = policy?.types[t];
      return [t, { enabled: s?.enabled === undefined ? '' : s.enabled ? 'on' : 'off', severity: s?.severity ?? '' }];
    }),
  ) as PolicyForm['types'];
  return { thresholds, types };
}

/** Problems per field, before sending (the API checks again). */
export function formProblems(form: PolicyForm, effective: AlertThresholdsView): Partial<Record<ThresholdKey, string>> {
  const out: Partial<Record<ThresholdKey, string>> = {};
  for (const k of THRESHOLD_KEYS) {
    const v = form.thresholds[k].trim();
    if (v !== '' && (!/^\d+$/.test(v) || (k !== 'voidLimit' && Number(v) < 1))) out[k] = 'A whole number (empty = inherit).';
  }
  const warn = form.thresholds.lookupWarn.trim() === '' ? effective.lookupWarn : Number(form.thresholds.lookupWarn);
  const limit = form.thresholds.lookupLimit.trim() === '' ? effective.lookupLimit : Number(form.thresholds.lookupLimit);
  if (!out.lookupWarn && !out.lookupLimit && warn > limit) out.lookupWarn = `Must not exceed the limit (${limit}).`;
  return out;
}

export function bodyFromForm(form: PolicyForm, clientId: string | null): PutAlertPolicyBody {
  const thresholds: Record<string, number> = {};
  for (const k of THRESHOLD_KEYS) if (form.thresholds[k].trim() !== '') thresholds[k] = Number(form.thresholds[k]);
  const types: Record<string, { enabled?: boolean; severity?: AlertSeverity }> = {};
  for (const t of ALERT_TYPES) {
    const s = form.types[t];
    const setting = { ...(s.enabled ? { enabled: s.enabled === 'on' } : {}), ...(s.severity ? { severity: s.severity } : {}) };
    if (Object.keys(setting).length > 0) types[t] = setting;
  }
  return { scope: clientId ? { clientId } : {}, thresholds, types };
}
