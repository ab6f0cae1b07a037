import type { AnalyzeToolResponse } from '@spfwatch/contracts';
import { useServiceNames } from '../../../api/get-services';
import { LintFindings, type LintFindingLike } from '../../../components/lint-findings';
import { NetworkList } from '../../../components/network-list';
import { ServiceBadges } from '../../../components/service-badges';
import { SeverityBadge, StatusBadge } from '../../../components/status-badge';
import { LookupMeter } from './lookup-meter';

const STATUS_WORDS: Record<string, string> = {
  ok: 'valid',
  none: 'no record',
  permerror: 'broken (permerror)',
  temperror: 'DNS error (temperror)',
};

/** The draft's analysis and what it changes compared with the record in service. */
export function WhatIfPanel({ result, stale }: { result: AnalyzeToolResponse; stale: boolean }) {
  const serviceName = useServiceNames();
  const { analysis, comparison } = result;
  const statusClass = analysis.status === 'ok' ? 'ok' : analysis.status === 'none' ? 'unknown' : 'broken';
  return (
    <div className="stack" aria-busy={stale} style={{ opacity: stale ? 0.65 : 1 }}>
      <section className="panel" aria-label="Draft analysis">
        <div className="stat-row">
          <LookupMeter count={analysis.lookupCount} />
          <div className="stat">
            <span className="stat-value">
              <StatusBadge status={statusClass === 'ok' ? 'ok' : statusClass === 'broken' ? 'broken' : 'unknown'} />
            </span>
            <span className="muted small">{STATUS_WORDS[analysis.status] ?? analysis.status}</span>
          </div>
          <div className="stat">
            <span className="stat-value">{analysis.voidLookups}</span>
            <span className="muted small">void lookups (max 2)</span>
          </div>
          <div className="stat">
            <span className="stat-value">{analysis.networks.length}</span>
            <span className="muted small">networks authorised</span>
          </div>
        </div>
        <h3 style={{ marginTop: '1rem' }}>Sending services</h3>
        <ServiceBadges services={analysis.services} />
      </section>

      {comparison ? (
        <section className="panel" aria-labelledby="whatif-compare">
          <div className="panel-head">
            <h2 id="whatif-compare">Compared with the {comparison.against === 'snapshot' ? 'last monitored snapshot' : 'live record'}</h2>
            <span className="muted small">
              lookups {comparison.lookupDelta > 0 ? `+${comparison.lookupDelta}` : comparison.lookupDelta}
            </span>
          </div>
          <p className="record small">{comparison.baseRecord ?? <span className="muted">(no record published)</span>}</p>
          {comparison.servicesAdded.length + comparison.servicesRemoved.length > 0 ? (
            <ul className="change-list" style={{ margin: '0.5rem 0' }}>
              {comparison.servicesAdded.map((id) => (
                <li key={`+${id}`} className="net-added">
                  + {serviceName(id)} becomes authorised
                </li>
              ))}
              {comparison.servicesRemoved.map((id) => (
                <li key={`-${id}`} className="net-removed">
                  − {serviceName(id)} is no longer authorised
                </li>
              ))}
            </ul>
          ) : null}
          <h3 className="net-added">Gains authorisation ({comparison.networksGained.length})</h3>
          <NetworkList networks={comparison.networksGained} emptyText="No network gains authorisation." />
          <h3 className="net-removed" style={{ marginTop: '0.75rem' }}>
            Loses authorisation ({comparison.networksLost.length})
          </h3>
          <NetworkList networks={comparison.networksLost} emptyText="No network loses authorisation." />
          {comparison.changes.length > 0 ? (
            <>
              <h3 style={{ marginTop: '0.75rem' }}>Changes</h3>
              <ul className="change-list">
                {comparison.changes.map((c, i) => (
                  <li key={i}>
                    <SeverityBadge severity={c.severity} /> <span>{c.message}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="whatif-lint">
        <h2 id="whatif-lint">Findings</h2>
        <LintFindings findings={analysis.lint as LintFindingLike[]} emptyText="No problems found in this record." />
      </section>

      <section className="panel" aria-labelledby="whatif-networks">
        <details>
          <summary id="whatif-networks">All networks this record authorises ({analysis.networks.length})</summary>
          <NetworkList networks={analysis.networks} />
        </details>
      </section>
    </div>
  );
}
