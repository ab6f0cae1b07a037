import { Fragment, type ReactNode } from 'react';
import type { SnapshotSummary } from '@spfwatch/contracts';
import type { AnalysisDiffView } from '../../../api/monitoring-types';
import { NetworkList } from '../../../components/network-list';
import { SeverityBadge, StatusBadge } from '../../../components/status-badge';
import { formatDateTime } from '../../../utils/format';
import { markTerms, type MarkedTerm } from '../utils/term-diff';

interface Props {
  diff: AnalysisDiffView;
  from: SnapshotSummary;
  to: SnapshotSummary;
  /** Catalogue id → name. */
  serviceName?: (id: string) => string;
}

function Terms({ terms, emptyText }: { terms: MarkedTerm[]; emptyText: string }) {
  if (terms.length === 0) return <p className="record muted">{emptyText}</p>;
  return (
    <p className="record">
      {terms.map((t, i) => (
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <span className={`term${t.mark === 'same' ? '' : ` term-${t.mark}`}`} data-mark={t.mark}>
            {t.mark === 'added' ? <span className="visually-hidden">added: </span> : t.mark === 'removed' ? <span className="visually-hidden">removed: </span> : null}
            {t.text}
          </span>
        </Fragment>
      ))}
    </p>
  );
}

function Side({ title, summary, children }: { title: string; summary: SnapshotSummary; children: ReactNode }) {
  return (
    <div className="diff-side">
      <h3>
        {title}: {formatDateTime(summary.firstSeenAt)}
      </h3>
      <div className="row small" style={{ marginBottom: '0.4rem' }}>
        <StatusBadge status={summary.status} />
        <span>{summary.lookupCount} lookups</span>
      </div>
      {children}
    </div>
  );
}

/** Two snapshots side by side: the records term by term, then what the change means. */
export function DiffView({ diff, from, to, serviceName = (id) => id }: Props) {
  const terms = markTerms(diff.recordBefore, diff.recordAfter);
  return (
    <div className="stack" data-testid="diff-view">
      {!diff.changed ? <p className="notice">These two snapshots authorise the same thing: no difference.</p> : null}
      {diff.providerOnly ? (
        <p className="notice" data-testid="provider-only">
          Provider change: the domain’s own record did not change; {diff.changedIncludes.map((c) => c.domain).join(', ') || 'a shared include'} did.
        </p>
      ) : null}
      <div className="diff-cols">
        <Side title="Before" summary={from}>
          <Terms terms={terms.before} emptyText="(no SPF record)" />
        </Side>
        <Side title="After" summary={to}>
          <Terms terms={terms.after} emptyText="(no SPF record)" />
        </Side>
      </div>

      {diff.changes.length > 0 ? (
        <section aria-label="What changed">
          <h3>What changed</h3>
          <ul className="change-list">
            {diff.changes.map((c, i) => (
              <li key={i}>
                <SeverityBadge severity={c.severity} />
                <span>
                  {c.message}
                  {c.fromSharedInclude && c.sources && c.sources.length > 0 ? <span className="muted small"> (from {c.sources.join(', ')})</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <dl className="kv small">
        <dt>Lookups</dt>
        <dd>
          {from.lookupCount} → {to.lookupCount} ({diff.lookupDelta > 0 ? `+${diff.lookupDelta}` : diff.lookupDelta})
        </dd>
        {diff.allBefore !== diff.allAfter ? (
          <>
            <dt>“all”</dt>
            <dd>
              <code>{diff.allBefore ? `${diff.allBefore}all` : 'none'}</code> → <code>{diff.allAfter ? `${diff.allAfter}all` : 'none'}</code>
            </dd>
          </>
        ) : null}
        {diff.servicesAdded.length > 0 ? (
          <>
            <dt>Services added</dt>
            <dd className="net-added">{diff.servicesAdded.map(serviceName).join(', ')}</dd>
          </>
        ) : null}
        {diff.servicesRemoved.length > 0 ? (
          <>
            <dt>Services removed</dt>
            <dd className="net-removed">{diff.servicesRemoved.map(serviceName).join(', ')}</dd>
          </>
        ) : null}
      </dl>

      {diff.networksAdded.length + diff.networksRemoved.length > 0 ? (
        <div className="grid-2">
          <div>
            <h3 className="net-added">Networks added ({diff.networksAdded.length})</h3>
            <NetworkList networks={diff.networksAdded} emptyText="None." />
          </div>
          <div>
            <h3 className="net-removed">Networks removed ({diff.networksRemoved.length})</h3>
            <NetworkList networks={diff.networksRemoved} emptyText="None." />
          </div>
        </div>
      ) : null}

      {diff.changedIncludes.length > 0 ? (
        <section aria-label="Changed includes">
          <h3>Changed includes</h3>
          {diff.changedIncludes.map((c) => {
            const inc = markTerms(c.before, c.after);
            return (
              <div key={c.domain} style={{ marginBottom: '0.6rem' }}>
                <div className="mono small">{c.domain}</div>
                <div className="diff-cols">
                  <Terms terms={inc.before} emptyText="(no record)" />
                  <Terms terms={inc.after} emptyText="(no record)" />
                </div>
              </div>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
