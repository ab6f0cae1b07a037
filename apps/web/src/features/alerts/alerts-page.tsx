import type { AlertSeverity, AlertState, AlertType } from '@spfwatch/contracts';
import { useSearchParams } from 'react-router';
import { useClients } from '../../api/get-clients';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useAlerts, type AlertsQuery } from './api/get-alerts';
import { AlertRow } from './components/alert-row';
import { ALERT_SEVERITY_LIST, ALERT_STATE_LIST, ALERT_TYPE_LABELS, ALERT_TYPE_LIST } from './utils/alert-labels';

const PAGE_SIZE = 25;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export default function AlertsPage() {
  const [params, setParams] = useSearchParams();
  // Open alerts by default: "what needs me now"; ?state=all shows every state.
  const stateParam = params.get('state');
  const state = stateParam === 'all' ? undefined : (pick<AlertState>(stateParam, ALERT_STATE_LIST) ?? 'open');
  const severity = pick<AlertSeverity>(params.get('severity'), ALERT_SEVERITY_LIST);
  const type = pick<AlertType>(params.get('type'), ALERT_TYPE_LIST);
  const clientId = params.get('client') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query: AlertsQuery = { ...(state ? { state } : {}), ...(severity ? { severity } : {}), ...(type ? { type } : {}), ...(clientId ? { clientId } : {}), page, pageSize: PAGE_SIZE };
  const alerts = useAlerts(query);
  const clients = useClients();
  const clientNames = new Map((clients.data?.items ?? []).map((c) => [c.id, c.name]));

  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Alerts" subtitle="What changed or broke, and what still needs attention." />
      <section className="panel">
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter alerts">
          <div className="field">
            <label htmlFor="alerts-state">State</label>
            <select id="alerts-state" value={stateParam === 'all' ? 'all' : (state ?? 'open')} onChange={(e) => set('state', e.target.value === 'open' ? '' : e.target.value)}>
              <option value="open">Open</option>
              <option value="acknowledged">Acknowledged</option>
              <option value="resolved">Resolved</option>
              <option value="all">All</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="alerts-severity">Severity</label>
            <select id="alerts-severity" value={severity ?? ''} onChange={(e) => set('severity', e.target.value)}>
              <option value="">Any severity</option>
              {ALERT_SEVERITY_LIST.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="alerts-type">Type</label>
            <select id="alerts-type" value={type ?? ''} onChange={(e) => set('type', e.target.value)}>
              <option value="">Any type</option>
              {ALERT_TYPE_LIST.map((t) => (
                <option key={t} value={t}>
                  {ALERT_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="alerts-client">Client</label>
            <select id="alerts-client" value={clientId ?? ''} onChange={(e) => set('client', e.target.value)}>
              <option value="">All clients</option>
              {(clients.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </form>

        {alerts.isPending ? (
          <LoadingState label="Loading alerts" />
        ) : alerts.isError ? (
          <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
        ) : alerts.data.items.length === 0 ? (
          <EmptyState title={state === 'open' && !severity && !type && !clientId ? 'No open alerts' : 'No alert matches these filters'}>
            {state === 'open' ? 'Nothing needs attention right now.' : 'Change the filters to see more.'}
          </EmptyState>
        ) : (
          <>
            <ul className="findings" aria-label="Alerts">
              {alerts.data.items.map((a) => (
                <AlertRow key={a.id} alert={a} clientName={clientNames.get(a.clientId)} />
              ))}
            </ul>
            <Pager
              page={alerts.data.page}
              pageSize={alerts.data.pageSize}
              total={alerts.data.total}
              onPage={(p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              }}
              label="alerts"
            />
          </>
        )}
      </section>
    </>
  );
}
