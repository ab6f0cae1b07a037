import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { FleetDomainPage, FleetSort } from '@spfwatch/contracts';
import { useClients } from '../../../api/get-clients';
import { useServiceNames, useServices } from '../../../api/get-services';
import { Pager } from '../../../components/pager';
import { StatusBadge } from '../../../components/status-badge';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { formatRelative } from '../../../utils/format';
import { hasFilters, nextSort, DEFAULT_VIEW, type FleetView } from '../utils/fleet-search-params';

interface Props {
  view: FleetView;
  onChange: (patch: Partial<FleetView>) => void;
  data: FleetDomainPage | undefined;
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  onRetry: () => void;
}

const COLUMNS: Array<{ sort: FleetSort | null; label: string; className?: string }> = [
  { sort: 'name', label: 'Domain' },
  { sort: null, label: 'Client', className: 'hide-narrow' },
  { sort: 'status', label: 'Status' },
  { sort: 'lookupCount', label: 'Lookups', className: 'num' },
  { sort: null, label: 'Services', className: 'hide-narrow' },
  { sort: 'lastChangedAt', label: 'Last change', className: 'hide-narrow' },
];

export function FleetDomainTable({ view, onChange, data, isPending, isFetching, error, onRetry }: Props) {
  const clients = useClients();
  const services = useServices();
  const serviceName = useServiceNames();
  // The search box types freely; the URL (and the query) follow once typing pauses.
  const [search, setSearch] = useState(view.search);
  const debounced = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debounced !== view.search) onChange({ search: debounced, page: 1 });
  }, [debounced]);
  useEffect(() => setSearch(view.search), [view.search]);
  const [tag, setTag] = useState(view.tag);
  const debouncedTag = useDebouncedValue(tag, 400);
  useEffect(() => {
    if (debouncedTag !== view.tag) onChange({ tag: debouncedTag, page: 1 });
  }, [debouncedTag]);
  useEffect(() => setTag(view.tag), [view.tag]);

  return (
    <section className="panel" aria-labelledby="fleet-domains-title">
      <div className="panel-head">
        <h2 id="fleet-domains-title">Domains</h2>
        {isFetching && !isPending ? <span className="muted small">Updating…</span> : null}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} aria-label="Filter domains">
        <div className="field field-grow">
          <label htmlFor="fleet-search">Search</label>
          <input id="fleet-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Domain name contains…" />
        </div>
        <div className="field">
          <label htmlFor="fleet-client">Client</label>
          <select id="fleet-client" value={view.clientId} onChange={(e) => onChange({ clientId: e.target.value, page: 1 })}>
            <option value="">All clients</option>
            {(clients.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-status">Status</label>
          <select id="fleet-status" value={view.status} onChange={(e) => onChange({ status: e.target.value as FleetView['status'], page: 1 })}>
            <option value="">Any status</option>
            <option value="broken">Broken</option>
            <option value="warning">Warning</option>
            <option value="ok">OK</option>
            <option value="unknown">Not checked yet</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-service">Service</label>
          <select id="fleet-service" value={view.service} onChange={(e) => onChange({ service: e.target.value, page: 1 })}>
            <option value="">Any service</option>
            {(services.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="fleet-tag">Tag</label>
          <input id="fleet-tag" type="text" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="e.g. vip" style={{ width: '9rem' }} />
        </div>
        {hasFilters(view) ? (
          <button type="button" className="btn" onClick={() => onChange({ ...DEFAULT_VIEW, sort: view.sort, order: view.order })}>
            Clear filters
          </button>
        ) : null}
      </form>

      {isPending ? (
        <LoadingState label="Loading domains" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !data || data.items.length === 0 ? (
        hasFilters(view) ? (
          <EmptyState title="No domain matches these filters">Change or clear the filters.</EmptyState>
        ) : (
          <EmptyState title="No domains yet">
            Add domains one by one or import a CSV on the <Link to="/clients">Clients</Link> page.
          </EmptyState>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table aria-describedby="fleet-domains-title">
              <thead>
                <tr>
                  {COLUMNS.map((c) => {
                    const active = c.sort !== null && view.sort === c.sort;
                    return (
                      <th key={c.label} scope="col" className={c.className} aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                        {c.sort ? (
                          <button type="button" onClick={() => onChange(nextSort(view, c.sort!))}>
                            {c.label} {active ? (view.order === 'asc' ? '▲' : '▼') : <span aria-hidden="true">↕</span>}
                          </button>
                        ) : (
                          c.label
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <td className="break">
                      <Link to={`/domains/${d.id}`}>{d.name}</Link>
                      {d.paused ? <span className="muted small"> (paused)</span> : null}
                      {d.tags.length > 0 ? (
                        <div className="small muted">
                          {d.tags.map((t) => (
                            <span key={t} className="chip" style={{ marginRight: 4, padding: '0 0.4rem' }}>
                              {t}
                            </span>
                          ))}
                        </div>
                      ) : null}
                    </td>
                    <td className="hide-narrow">{d.client.name}</td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td className="num">{d.lookupCount ?? '—'}</td>
                    <td className="hide-narrow small">{d.services.length > 0 ? d.services.map(serviceName).join(', ') : <span className="muted">—</span>}</td>
                    <td className="hide-narrow small nowrap">{d.lastChangedAt ? formatRelative(d.lastChangedAt) : <span className="muted">no change</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => onChange({ page })} label="domains" />
        </>
      )}
    </section>
  );
}
