import { AUDIT_ACTIONS } from '@spfwatch/contracts';
import { useState } from 'react';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { formatDateTime } from '../../../utils/format';
import { useAudit } from '../api/get-audit';

/** `YYYY-MM-DD` from a date input → the start of that day in the browser's time zone, ISO. */
function dayStart(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function nextDayStart(day: string): string | undefined {
  const start = dayStart(day);
  return start ? new Date(Date.parse(start) + 86_400_000).toISOString() : undefined;
}

export function AuditTab() {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const debouncedActor = useDebouncedValue(actor.trim(), 300);
  const fromIso = dayStart(from);
  const toIso = nextDayStart(to);
  const audit = useAudit({ ...(action ? { action } : {}), ...(debouncedActor ? { actor: debouncedActor } : {}), ...(fromIso ? { from: fromIso } : {}), ...(toIso ? { to: toIso } : {}), page });
  const families = [...new Set(AUDIT_ACTIONS.map((a) => `${a.split('.')[0]}.`))];
  const reset = <T,>(set: (v: T) => void) => (v: T) => (set(v), setPage(1));
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <div className="filters" role="search" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={action} onChange={(e) => reset(setAction)(e.target.value)}>
            <option value="">All actions</option>
            {families.map((f) => (
              <option key={f} value={f}>
                {f}* (all)
              </option>
            ))}
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor="audit-actor">Actor</label>
          <input id="audit-actor" type="search" value={actor} onChange={(e) => reset(setActor)(e.target.value)} placeholder="email, token name or id" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={from} onChange={(e) => reset(setFrom)(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To (inclusive)</label>
          <input id="audit-to" type="date" value={to} onChange={(e) => reset(setTo)(e.target.value)} />
        </div>
      </div>
      {audit.isPending ? (
        <LoadingState label="Loading the audit log" />
      ) : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : audit.data.items.length === 0 ? (
        <EmptyState title="No entries">Nothing recorded matches these filters.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-label="Audit log">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Action</th>
                  <th>Actor</th>
                  <th>Target</th>
                  <th>IP</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((e) => (
                  <tr key={e.id} data-testid="audit-row">
                    <td className="small">{formatDateTime(e.createdAt)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>{e.actor.label}</td>
                    <td>{e.target ? (e.target.label ?? e.target.type) : '—'}</td>
                    <td className="small">{e.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={audit.data.page} pageSize={audit.data.pageSize} total={audit.data.total} onPage={setPage} label="entries" />
        </>
      )}
    </section>
  );
}
