import type { CycleProgress as Cycle } from '@spfwatch/contracts';
import { formatRelative } from '../../../utils/format';
import { isCycleRunning } from '../api/get-check-cycle';

/** The latest check cycle: a progress bar while it runs, a one-liner after. */
export function CycleProgress({ cycle }: { cycle: Cycle }) {
  if (cycle.tick === null) return <p className="muted small">No check cycle has run yet.</p>;
  const running = isCycleRunning(cycle);
  const pct = cycle.total > 0 ? Math.min(100, Math.round((cycle.done / cycle.total) * 100)) : 100;
  if (!running) {
    return (
      <p className="muted small" data-testid="cycle-status">
        Last check cycle started {formatRelative(cycle.startedAt)}: {cycle.done.toLocaleString()} of {cycle.total.toLocaleString()} domains checked
        {cycle.failed > 0 ? `, ${cycle.failed.toLocaleString()} with DNS errors` : ''}.
      </p>
    );
  }
  return (
    <div className="panel" aria-live="polite" data-testid="cycle-status">
      <div className="panel-head">
        <strong>Check cycle running</strong>
        <span className="muted small">
          {cycle.done.toLocaleString()} / {cycle.total.toLocaleString()} checked{cycle.failed > 0 ? ` · ${cycle.failed.toLocaleString()} DNS errors` : ''} · {cycle.pending.toLocaleString()} queued
        </span>
      </div>
      <div className="progress" role="progressbar" aria-label="Check cycle progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
