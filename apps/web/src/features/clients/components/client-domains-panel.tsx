import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ClientResponse } from '@spfwatch/contracts';
import { fieldErrors } from '../../../api/http';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { StatusBadge } from '../../../components/status-badge';
import { formatRelative } from '../../../utils/format';
import { useCreateDomain } from '../api/create-domain';
import { useRole } from '../../auth/api/use-role';
import { exportDomainsUrl } from '../api/export-domains';
import { useClientDomains } from '../api/get-client-domains';
import { HealthBar } from './health-bar';

export function ClientDomainsPanel({ client }: { client: ClientResponse }) {
  const [page, setPage] = useState(1);
  const domains = useClientDomains(client.id, page);
  const create = useCreateDomain();
  const isAdmin = useRole().can('admin');
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const errors = fieldErrors(create.error);
  const nameError = errors.name ?? (create.isError && !errors.tags ? create.error.message : undefined);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!name.trim()) return;
    const tagList = tags
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
    create.mutate({ name: name.trim(), clientId: client.id, ...(tagList.length ? { tags: tagList } : {}) }, { onSuccess: () => (setName(''), setTags('')) });
  };

  return (
    <section className="panel" aria-labelledby="client-domains-title">
      <div className="panel-head">
        <h2 id="client-domains-title">{client.name}</h2>
        <a className="btn btn-small" href={exportDomainsUrl({ clientId: client.id })} download>
          Export CSV
        </a>
      </div>
      {client.notes ? <p className="muted small">{client.notes}</p> : null}
      <HealthBar counts={client.domainCounts} />

      {isAdmin ? (
        <form onSubmit={submit} className="filters" style={{ marginTop: '0.75rem' }} aria-label={`Add a domain to ${client.name}`}>
          <div className="field field-grow">
            <label htmlFor="new-domain-name">Add a domain</label>
            <input id="new-domain-name" type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="example.com" aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? 'new-domain-error' : undefined} />
          </div>
          <div className="field">
            <label htmlFor="new-domain-tags">
              Tags <span className="field-hint">(comma separated)</span>
            </label>
            <input id="new-domain-tags" type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="vip, eu" />
          </div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>
            {create.isPending ? 'Adding…' : 'Add domain'}
          </button>
          {nameError || errors.tags ? (
            <span id="new-domain-error" className="field-error" role="alert" style={{ flexBasis: '100%' }}>
              {nameError ?? errors.tags}
            </span>
          ) : null}
          {create.isSuccess ? (
            <span className="ok-text small" role="status" style={{ flexBasis: '100%' }}>
              Added {create.data.name}; it will be checked in the next cycle.
            </span>
          ) : null}
        </form>
      ) : null}

      {domains.isPending ? (
        <LoadingState label="Loading domains" />
      ) : domains.isError ? (
        <ErrorState error={domains.error} onRetry={() => void domains.refetch()} />
      ) : domains.data.items.length === 0 ? (
        <EmptyState title="No domains for this client yet">Add one above, or import a list below.</EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Lookups
                  </th>
                  <th scope="col" className="hide-narrow">
                    Checked
                  </th>
                </tr>
              </thead>
              <tbody>
                {domains.data.items.map((d) => (
                  <tr key={d.id}>
                    <td className="break">
                      <Link to={`/domains/${d.id}`}>{d.name}</Link>
                    </td>
                    <td>
                      <StatusBadge status={d.status} />
                    </td>
                    <td className="num">{d.lookupCount ?? '—'}</td>
                    <td className="hide-narrow small">{formatRelative(d.lastCheckedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={domains.data.page} pageSize={domains.data.pageSize} total={domains.data.total} onPage={setPage} label="domains" />
        </>
      )}
    </section>
  );
}
