import type { Analysis } from '@spfwatch/spf';

export type DomainStatus = 'ok' | 'warning' | 'broken' | 'unknown';

export interface DomainStatusInput {
  /** The latest good analysis (a check that ended in temperror does not replace it); null = never analysed. */
  analysis: Analysis | null;
  /** Whether an earlier snapshot of the domain had an SPF record (losing it is "broken", never having one is a warning). */
  hadRecord: boolean;
  consecutiveTempErrors: number;
  thresholds: { lookupWarn: number; lookupLimit: number; tempErrorChecks: number };
}

/**
 * The domain's status for the dashboard:
 * - broken: permerror; no record where there was one; lookups over the limit; DNS errors
 *   (temperror) for `tempErrorChecks` consecutive checks;
 * - warning: lint warnings or errors, lookups at or above the warning threshold, no SPF record
 *   that never had one;
 * - unknown: never analysed (and not yet failing long enough to be broken);
 * - ok otherwise.
 */
export function deriveDomainStatus(input: DomainStatusInput): DomainStatus {
  const { analysis, thresholds } = input;
  if (input.consecutiveTempErrors >= thresholds.tempErrorChecks) return 'broken';
  if (!analysis) return 'unknown';
  if (analysis.status === 'permerror') return 'broken';
  if (analysis.status === 'none') return input.hadRecord ? 'broken' : 'warning';
  if (analysis.lookupCount > thresholds.lookupLimit) return 'broken';
  if (analysis.lookupCount >= thresholds.lookupWarn) return 'warning';
  if (analysis.lint.some((f) => f.severity === 'error' || f.severity === 'warning')) return 'warning';
  return 'ok';
}
