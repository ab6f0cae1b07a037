import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClients } from '../../api/get-clients';
import { fieldErrors } from '../../api/http';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/states';
import { useAlertPolicies } from './api/get-alert-policies';
import { useOrganization } from '../../api/get-organization';
import { useUpdateOrganization } from './api/update-organization';
import { AlertPolicyForm } from './components/alert-policy-form';
import { AuditTab } from './components/audit-tab';
import { BackupTab } from './components/backup-tab';
import { NotificationsTab } from './components/notifications-tab';
import { TokensTab } from './components/tokens-tab';
import { UsersTab } from './components/users-tab';
import { useRole } from '../auth/api/use-role';
import { useFailedNotifications } from '../../api/get-notifications';

function OrganizationForm() {
  // Organization settings are the owner's (PATCH /api/organization); others see them.
  const isOwner = useRole().can('owner');
  const org = useOrganization();
  const update = useUpdateOrganization();
  const [name, setName] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const errors = fieldErrors(update.error);
  if (org.isPending) return <LoadingState label="Loading the organization" />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    update.mutate({ ...(name !== null ? { name } : {}), ...(timeZone !== null ? { timeZone } : {}) });
  };
  return (
    <form onSubmit={submit} className="filters" aria-label="Organization">
      <div className="field field-grow">
        <label htmlFor="org-name">Agency name</label>
        <input id="org-name" type="text" readOnly={!isOwner} value={name ?? org.data.name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
        {errors.name ? <span className="field-error">{errors.name}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="org-tz">
          Time zone <span className="field-hint">(IANA, e.g. Europe/Paris)</span>
        </label>
        <input id="org-tz" type="text" readOnly={!isOwner} value={timeZone ?? org.data.timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-invalid={errors.timeZone ? true : undefined} />
        {errors.timeZone ? <span className="field-error">{errors.timeZone}</span> : null}
      </div>
      {isOwner ? (
        <button type="submit" className="btn" disabled={update.isPending || (name === null && timeZone === null)}>
          Save
        </button>
      ) : (
        <span className="muted small">Only owners change these.</span>
      )}
      {update.isSuccess ? (
        <span className="ok-text small" role="status">
          Saved.
        </span>
      ) : null}
      {update.isError && Object.keys(errors).length === 0 ? <span className="field-error">{update.error.message}</span> : null}
    </form>
  );
}

function GeneralTab() {
  const clients = useClients();
  const [clientId, setClientId] = useState('');
  const policies = useAlertPolicies(clientId ? { clientId } : {});
  const scopeLabel = clientId ? (clients.data?.items.find((c) => c.id === clientId)?.name ?? 'client') : 'the whole organization';

  return (
    <>
      <section className="panel" aria-labelledby="org-title">
        <h2 id="org-title">Organization</h2>
        <OrganizationForm />
      </section>

      <section className="panel" aria-labelledby="policy-title">
        <div className="panel-head">
          <h2 id="policy-title">Alert policy</h2>
          <div className="field" style={{ minWidth: 220 }}>
            <label htmlFor="policy-scope">Applies to</label>
            <select id="policy-scope" value={clientId} onChange={(e) => setClientId(e.target.value)}>
              <option value="">The whole organization</option>
              {(clients.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  Client: {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {policies.isPending ? (
          <LoadingState label="Loading the policy" />
        ) : policies.isError ? (
          <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />
        ) : (
          <AlertPolicyForm key={clientId || 'org'} data={policies.data} clientId={clientId || null} scopeLabel={scopeLabel} />
        )}
      </section>

      <section className="panel" aria-labelledby="schedule-title">
        <h2 id="schedule-title">Schedule</h2>
        <p style={{ marginTop: 0 }}>
          The server checks every domain that is due on its schedule (the <code>CHECK_SCHEDULE</code> cron expression, every hour by default); each domain can have its own interval and can be paused. The
          fleet page shows the progress of the running cycle and starts one on demand.
        </p>
        <p style={{ marginBottom: 0 }}>
          Weekly compliance reports have their own schedule: see <Link to="/reports#schedule">Reports → Weekly reports</Link>.
        </p>
      </section>
    </>
  );
}

const TABS = [
  { id: 'general', label: 'General', needs: 'member' },
  { id: 'notifications', label: 'Notifications', needs: 'member' },
  { id: 'users', label: 'Users', needs: 'admin' },
  { id: 'tokens', label: 'API tokens', needs: 'admin' },
  { id: 'audit', label: 'Audit log', needs: 'admin' },
  { id: 'backup', label: 'Backup', needs: 'admin' },
] as const;

export default function SettingsPage() {
  const [params] = useSearchParams();
  // Users, tokens, the audit log and the channels are for owners and admins (the API refuses the
  // others); members read the deliveries (GET /api/notifications needs member).
  const { can } = useRole();
  // General is everyone's (read-only below the owner); the rest follow the API's roles.
  const tabs = TABS.filter((t) => t.id === 'general' || can(t.needs));
  const current = tabs.find((t) => t.id === params.get('tab')) ?? tabs[0]!;
  // Undelivered alerts and reports: the tab says how many, wherever in the settings one is.
  const failed = useFailedNotifications({ enabled: can('member') }).data?.total ?? 0;
  return (
    <>
      <PageHeader title="Settings" subtitle="Organization, alert policies and schedule; notifications; people, API tokens and the audit log; configuration backup." />
      <nav className="tabs" aria-label="Settings sections">
        {tabs.map((t) => (
          <Link key={t.id} to={t.id === 'general' ? '/settings' : `/settings?tab=${t.id}`} aria-current={t.id === current.id ? 'page' : undefined}>
            {t.label}
            {t.id === 'notifications' && failed > 0 ? <span className="tab-count"> ({failed} failed)</span> : null}
          </Link>
        ))}
      </nav>
      {current.id === 'users' ? <UsersTab /> : current.id === 'tokens' ? <TokensTab /> : current.id === 'audit' ? <AuditTab /> : current.id === 'backup' ? <BackupTab /> : current.id === 'notifications' ? <NotificationsTab /> : <GeneralTab />}
    </>
  );
}
