import type { CheckHostResponse } from '@spfwatch/contracts';
import { CopyButton } from '../../../components/copy-button';
import { ResultBadge } from '../../../components/status-badge';

const MEANING: Record<string, string> = {
  pass: 'The server is authorised: receivers accept the SPF check.',
  fail: 'The domain says this server may not send for it: receivers that enforce SPF reject the message.',
  softfail: 'Probably not authorised: receivers accept the message but mark it suspicious.',
  neutral: 'The domain makes no statement about this server.',
  none: 'No SPF policy applies.',
  permerror: 'The policy is broken and cannot be evaluated: most receivers treat this as a fail.',
  temperror: 'A temporary DNS error: receivers usually defer the message and retry.',
};

/** check_host()'s answer laid out like the openspf "why" page: result, where it matched, and the header. */
export function CheckResultCard({ result }: { result: CheckHostResponse }) {
  return (
    <section className="panel" aria-labelledby="check-result-title">
      <div className="result-head">
        <h2 id="check-result-title" style={{ margin: 0 }}>
          Result
        </h2>
        <ResultBadge result={result.result} />
        <span className="muted">{MEANING[result.result]}</span>
      </div>
      <div className="explain">
        <p>{result.reason}</p>
      </div>
      <dl className="kv">
        <dt>Checked</dt>
        <dd>
          <span className="mono">{result.ip}</span> sending as{' '}
          <span className="mono">{result.identity === 'mailfrom' ? result.sender : `HELO ${result.helo}`}</span> (policy of{' '}
          <span className="mono">{result.domain}</span>)
        </dd>
        <dt>Matched term</dt>
        <dd>
          {result.matched ? (
            <>
              <code>{result.matched.term}</code>
              {result.matched.path.length > 1 ? <span className="muted"> in {result.matched.path.join(' → ')}</span> : <span className="muted"> in {result.matched.domain}</span>}
            </>
          ) : result.matchedTerm ? (
            <code>{result.matchedTerm}</code>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        {result.explanation ? (
          <>
            <dt>Domain’s explanation</dt>
            <dd>{result.explanation}</dd>
          </>
        ) : null}
        {result.problem ? (
          <>
            <dt>Problem</dt>
            <dd>{result.problem}</dd>
          </>
        ) : null}
        <dt>DNS lookups</dt>
        <dd>
          {result.lookups} of 10{result.voidLookups > 0 ? `, ${result.voidLookups} void` : ''}
        </dd>
      </dl>
      <div style={{ marginTop: '0.75rem' }}>
        <div className="row">
          <h3 style={{ margin: 0 }}>Received-SPF header</h3>
          <CopyButton text={result.receivedSpf} />
        </div>
        <pre className="record" style={{ marginTop: '0.4rem' }}>
          {result.receivedSpf}
        </pre>
      </div>
      {result.trace && result.trace.length > 0 ? (
        <details style={{ marginTop: '0.75rem' }}>
          <summary>Evaluation trace ({result.trace.length} steps)</summary>
          <ol className="small mono" style={{ paddingLeft: '1.5rem' }}>
            {result.trace.map((t, i) => (
              <li key={i} style={{ marginLeft: `${t.depth}rem` }}>
                [{t.domain}] {t.event}
                {t.term ? ` ${t.term}` : ''}: {t.detail}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
