import type { TokenRole } from '@spfwatch/contracts';
import { TOKEN_ROLES } from '@spfwatch/contracts';
import { useState, type FormEvent } from 'react';
import { useClients } from '../../../api/get-clients';
import { fieldErrors } from '../../../api/http';
import { CopyButton } from '../../../components/copy-button';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDate, formatRelative } from '../../../utils/format';
import { roleLabel } from '../../auth/utils/roles';
import { useCreateToken } from '../api/create-token';
import { useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';
import { ClientPicker } from './client-picker';

function CreateTokenForm() {
  const clients = useClients();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>('member');
  const [clientIds, setClientIds] = useState<string[]>([]);
  const [days, setDays] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), role, ...(role === 'client_viewer' ? { clientIds } : {}), ...(days ? { expiresInDays: Number(days) } : {}) },
      { onSuccess: () => (setName(''), setClientIds([]), setDays('')) },
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Create an API token">
      <div className="filters">
        <div className="field field-grow">
          <label htmlFor="token-name">Name</label>
          <input id="token-name" type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI export" aria-invalid={errors.name ? true : undefined} />
          {errors.name ? <span className="field-error">{errors.name}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="token-role">Role</label>
          <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as TokenRole)}>
            {TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="token-days">
            Expires after <span className="field-hint">(days, optional)</span>
          </label>
          <input id="token-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim() || (role === 'client_viewer' && clientIds.length === 0)}>
          Create token
        </button>
      </div>
      {role === 'client_viewer' ? <ClientPicker clients={clients.data?.items ?? []} value={clientIds} onChange={setClientIds} legend="Clients it may read" /> : null}
      {create.isError && Object.keys(errors).length === 0 ? (
        <p className="field-error" role="alert">
          {create.error.message}
        </p>
      ) : null}
      {create.data ? (
        <div className="notice" role="status" data-testid="new-token">
          <p>
            Copy the token <strong>{create.data.name}</strong> now: it is shown this once. Use it as <code>Authorization: Bearer …</code>.
          </p>
          <p className="row">
            <code style={{ wordBreak: 'break-all' }} data-testid="token-value">{create.data.token}</code> <CopyButton text={create.data.token} label="Copy token" />
          </p>
        </div>
      ) : null}
    </form>
  );
}

export function TokensTab() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="new-token-title">
        <h2 id="new-token-title">New API token</h2>
        <CreateTokenForm />
      </section>
      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        {tokens.isPending ? (
          <LoadingState label="Loading tokens" />
        ) : tokens.isError ? (
          <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <EmptyState title="No API tokens">Create one for scripts and integrations.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table aria-label="API tokens">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Prefix</th>
                  <th>Role</th>
                  <th>Last used</th>
                  <th>Expires</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>{roleLabel(t.role)}</td>
                    <td>{t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'never'}</td>
                    <td>{t.expiresAt ? formatDate(t.expiresAt) : 'never'}</td>
                    <td>
                      {t.revokedAt ? (
                        <span className="muted small">revoked {formatDate(t.revokedAt)}</span>
                      ) : (
                        <button type="button" className="btn btn-small" disabled={revoke.isPending} onClick={() => revoke.mutate(t.id)} aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {revoke.isError ? (
          <p className="field-error" role="alert">
            {revoke.error.message}
          </p>
        ) : null}
      </section>
    </div>
  );
}
