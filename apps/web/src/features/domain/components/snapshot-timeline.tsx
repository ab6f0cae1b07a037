import type { SnapshotSummary } from '@spfwatch/contracts';
import { StatusBadge } from '../../../components/status-badge';
import { formatDateTime } from '../../../utils/format';

interface Props {
  snapshots: SnapshotSummary[];
  from: string | undefined;
  to: string | undefined;
  onPick: (pick: { from?: string; to?: string }) => void;
  serviceName: (id: string) => string;
}

/** Every distinct state of the domain, newest first; pick any two to compare. */
export function SnapshotTimeline({ snapshots, from, to, onPick, serviceName }: Props) {
  return (
    <ol className="timeline" aria-label="Snapshots, newest first">
      {snapshots.map((s, i) => {
        const previous = snapshots[i + 1];
        return (
          <li key={s.id}>
            <fieldset className="timeline-picks" style={{ border: 'none', padding: 0 }}>
              <legend className="visually-hidden">Compare snapshot of {formatDateTime(s.firstSeenAt)}</legend>
              <label className="check small" title="Compare from this snapshot">
                <input type="radio" name="diff-from" checked={from === s.id} onChange={() => onPick({ from: s.id })} disabled={i === 0 && snapshots.length > 1 && to === s.id} /> A
              </label>
              <label className="check small" title="Compare to this snapshot">
                <input type="radio" name="diff-to" checked={to === s.id} onChange={() => onPick({ to: s.id })} /> B
              </label>
            </fieldset>
            <div className="small nowrap">
              <div>{formatDateTime(s.firstSeenAt)}</div>
              <div className="muted">seen until {formatDateTime(s.lastSeenAt)}</div>
            </div>
            <div style={{ minWidth: 0 }}>
              <div className="row small">
                <StatusBadge status={s.status} />
                <span>{s.lookupCount} lookups</span>
                {s.services.length > 0 ? <span className="muted">{s.services.map(serviceName).join(', ')}</span> : null}
                {previous ? (
                  <button type="button" className="btn-link small" onClick={() => onPick({ from: previous.id, to: s.id })}>
                    Compare with the previous
                  </button>
                ) : null}
              </div>
              <div className="mono small break">{s.record ?? <span className="muted">(no SPF record)</span>}</div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
