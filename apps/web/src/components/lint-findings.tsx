import { SeverityBadge } from './status-badge';

export interface LintFindingLike {
  code: string;
  severity: string;
  message: string;
  domain?: string;
  term?: string;
  fix?: string;
}

const ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Lint findings in plain words, each with the change that fixes it. */
export function LintFindings({ findings, emptyText = 'No problems found.' }: { findings: readonly LintFindingLike[]; emptyText?: string }) {
  if (findings.length === 0) return <p className="ok-text">✓ {emptyText}</p>;
  const sorted = [...findings].sort((a, b) => (ORDER[a.severity] ?? 3) - (ORDER[b.severity] ?? 3));
  return (
    <ul className="findings">
      {sorted.map((f, i) => (
        <li key={`${f.code}-${f.domain ?? ''}-${f.term ?? ''}-${i}`} className={`finding finding-${f.severity}`}>
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <code className="muted small">{f.code}</code>
            {f.domain ? <span className="muted small">in {f.domain}</span> : null}
          </div>
          <p>{f.message}</p>
          {f.fix ? (
            <p className="finding-fix">
              <strong>Fix:</strong> {f.fix}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
