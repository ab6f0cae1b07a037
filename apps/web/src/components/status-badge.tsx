export type DomainStatusLike = 'ok' | 'warning' | 'broken' | 'unknown';

const LABELS: Record<DomainStatusLike, string> = { ok: 'OK', warning: 'Warning', broken: 'Broken', unknown: 'Unknown' };

export function StatusBadge({ status }: { status: DomainStatusLike | string }) {
  const known = (['ok', 'warning', 'broken', 'unknown'] as const).find((s) => s === status) ?? 'unknown';
  return <span className={`badge badge-${known}`}>{LABELS[known]}</span>;
}

const SEVERITY_CLASS: Record<string, string> = {
  critical: 'broken',
  breaking: 'broken',
  error: 'broken',
  warning: 'warning',
  info: 'info',
};

/** Alert severities (info/warning/critical), lint severities (info/warning/error), diff severities (info/warning/breaking). */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge badge-${SEVERITY_CLASS[severity] ?? 'unknown'}`}>{severity}</span>;
}

/** SPF results (pass, fail, softfail …) coloured by what they mean for delivery. */
export function ResultBadge({ result }: { result: string }) {
  const cls = result === 'pass' ? 'ok' : result === 'fail' || result === 'permerror' ? 'broken' : result === 'softfail' || result === 'temperror' ? 'warning' : 'unknown';
  return <span className={`badge badge-${cls} badge-large`}>{result}</span>;
}
