import type { AnalysisDetail } from '../../../api/monitoring-types';
import { CopyButton } from '../../../components/copy-button';
import { LintFindings } from '../../../components/lint-findings';

const STATUS_WORDS: Record<string, string> = {
  ok: 'Receivers can evaluate this policy.',
  none: 'No SPF record: receivers cannot tell your mail from forgeries.',
  permerror: 'Broken: receivers return permerror, so SPF fails for every message.',
  temperror: 'DNS errors: receivers defer or fail the check.',
};

/** The current record and what is wrong with it, in plain words, each with a fix. */
export function RecordPanel({ analysis }: { analysis: AnalysisDetail }) {
  const level = analysis.lookupCount > 10 ? 'broken' : analysis.lookupCount >= 8 ? 'warning' : 'ok';
  return (
    <section className="panel" aria-labelledby="record-title">
      <div className="panel-head">
        <h2 id="record-title">Current record</h2>
        {analysis.record ? <CopyButton text={analysis.record} /> : null}
      </div>
      <p className="record" data-testid="current-record">
        {analysis.record ?? <span className="muted">(no SPF record published)</span>}
      </p>
      <p className="muted small">{STATUS_WORDS[analysis.status] ?? ''}</p>
      <div className="stat-row" style={{ margin: '0.5rem 0 1rem' }}>
        <div className="stat">
          <span className={`stat-value${level === 'broken' ? ' error-text' : ''}`}>
            {analysis.lookupCount} <span className="muted small">/ 10</span>
          </span>
          <span className="muted small">DNS lookups</span>
        </div>
        <div className="stat">
          <span className="stat-value">{analysis.voidLookups}</span>
          <span className="muted small">void lookups (max 2)</span>
        </div>
        <div className="stat">
          <span className="stat-value mono">{analysis.allQualifier ? `${analysis.allQualifier}all` : '—'}</span>
          <span className="muted small">unlisted servers</span>
        </div>
      </div>
      <h3>Findings</h3>
      <LintFindings findings={analysis.lint} emptyText="No problems found in this record." />
      {analysis.flattened && analysis.lookupCount > 10 && analysis.flattened.records.length > 0 ? (
        <details style={{ marginTop: '0.75rem' }}>
          <summary>Suggested flattened record ({analysis.flattened.lookupCount} lookups)</summary>
          {analysis.flattened.records.map((r) => (
            <div key={r.name} style={{ marginTop: '0.4rem' }}>
              <div className="small mono">{r.name}</div>
              <p className="record small">{r.text}</p>
            </div>
          ))}
          {analysis.flattened.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
        </details>
      ) : null}
    </section>
  );
}
