import { Link } from 'react-router';
import type { FleetSummary } from '@spfwatch/contracts';
import { useServiceNames } from '../../../api/get-services';
import { StatusBadge } from '../../../components/status-badge';
import { formatRelative } from '../../../utils/format';

export function NearLimitList({ domains }: { domains: FleetSummary['nearLimit'] }) {
  if (domains.length === 0) return <p className="ok-text">✓ No domain uses 8 or more of its 10 DNS lookups.</p>;
  return (
    <ul className="change-list">
      {domains.map((d) => (
        <li key={d.id}>
          <span className={`badge badge-${d.lookupCount > 10 ? 'broken' : 'warning'}`}>{d.lookupCount} / 10</span>
          <span className="break">
            <Link to={`/domains/${d.id}`}>{d.name}</Link> <span className="muted small">{d.client.name}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function RecentChanges({ changes }: { changes: FleetSummary['recentChanges'] }) {
  if (changes.length === 0) return <p className="muted">No record has changed since monitoring started.</p>;
  return (
    <ul className="change-list">
      {changes.map((c) => (
        <li key={c.snapshotId} style={{ flexWrap: 'wrap' }}>
          <span className="muted small nowrap">{formatRelative(c.changedAt)}</span>
          <span className="break">
            <Link to={`/domains/${c.domain.id}?diff=${c.snapshotId}`}>{c.domain.name}</Link>
          </span>
          {c.statusBefore !== c.statusAfter ? (
            <span className="nowrap">
              <StatusBadge status={c.statusBefore} /> → <StatusBadge status={c.statusAfter} />
            </span>
          ) : null}
          {c.lookupCountBefore !== c.lookupCountAfter ? (
            <span className="small nowrap">
              lookups {c.lookupCountBefore} → {c.lookupCountAfter}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ProviderEvents({ events }: { events: FleetSummary['recentProviderEvents'] }) {
  const serviceName = useServiceNames();
  if (events.length === 0) return <p className="muted">No provider has changed a shared include that your domains use.</p>;
  return (
    <ul className="change-list">
      {events.map((e) => (
        <li key={e.id} style={{ flexWrap: 'wrap' }}>
          <span className="muted small nowrap">{formatRelative(e.detectedAt)}</span>
          <span>
            {e.service ? <strong>{serviceName(e.service)}</strong> : null} changed <code>{e.includeDomain}</code>
          </span>
          <span className="small muted">
            {e.affectedDomains.toLocaleString()} domain{e.affectedDomains === 1 ? '' : 's'} affected
          </span>
        </li>
      ))}
    </ul>
  );
}
