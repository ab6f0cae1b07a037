import { useSearchParams } from 'react-router';
import { useClients } from '../../api/get-clients';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { exportDomainsUrl } from './api/export-domains';
import { AddClientForm } from './components/add-client-form';
import { ClientDomainsPanel } from './components/client-domains-panel';
import { HealthBar } from './components/health-bar';
import { ImportPanel } from './components/import-panel';
import { useRole } from '../auth/api/use-role';

export default function ClientsPage() {
  const [params, setParams] = useSearchParams();
  const clients = useClients();
  const items = clients.data?.items ?? [];
  const selectedId = params.get('client') ?? items[0]?.id ?? null;
  const selected = items.find((c) => c.id === selectedId) ?? null;
  // Clients, domains and imports are the admin role's (docs/accounts.md); others only look.
  const isAdmin = useRole().can('admin');
  const select = (id: string): void => setParams(new URLSearchParams({ client: id }), { replace: true });

  return (
    <>
      <PageHeader
        title="Clients"
        subtitle="Each client’s domains and their health; add domains one by one or import a list."
        actions={
          <a className="btn" href={exportDomainsUrl()} download>
            Export all domains (CSV)
          </a>
        }
      />
      {clients.isPending ? (
        <LoadingState label="Loading clients" />
      ) : clients.isError ? (
        <ErrorState error={clients.error} onRetry={() => void clients.refetch()} />
      ) : (
        <div className="stack">
          <div className="grid-2" style={{ alignItems: 'start' }}>
            <section className="panel" aria-labelledby="clients-title">
              <h2 id="clients-title">Clients ({items.length})</h2>
              {items.length === 0 ? (
                <EmptyState title="No clients yet">Add one below, or import a CSV that names them: clients are created as needed.</EmptyState>
              ) : (
                <ul className="change-list" aria-label="Clients">
                  {items.map((c) => (
                    <li key={c.id} style={{ display: 'block' }}>
                      <button type="button" className="btn-link" onClick={() => select(c.id)} aria-current={c.id === selectedId ? 'true' : undefined} style={{ fontWeight: c.id === selectedId ? 700 : 400 }}>
                        {c.name}
                      </button>{' '}
                      <span className="muted small">
                        {c.domainCounts.total.toLocaleString()} domain{c.domainCounts.total === 1 ? '' : 's'}
                      </span>
                      <HealthBar counts={c.domainCounts} />
                    </li>
                  ))}
                </ul>
              )}
              {isAdmin ? (
                <div style={{ marginTop: '1rem' }}>
                  <AddClientForm onCreated={select} />
                </div>
              ) : null}
            </section>
            {selected ? <ClientDomainsPanel key={selected.id} client={selected} /> : <EmptyState title="Select a client">Its domains appear here.</EmptyState>}
          </div>
          {isAdmin ? <ImportPanel clients={items} defaultClientId={selected?.id ?? null} /> : null}
        </div>
      )}
    </>
  );
}
