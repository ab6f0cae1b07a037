import type { ReportKind } from '@spfwatch/contracts';
import { useSearchParams } from 'react-router';
import { useClients } from '../../api/get-clients';
import { useOrganization } from '../../api/get-organization';
import { PageHeader } from '../../components/page-header';
import { Pager } from '../../components/pager';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useRole } from '../auth/api/use-role';
import { useReports } from './api/get-reports';
import { GenerateReportForm } from './components/generate-report-form';
import { ReportSchedulePanel } from './components/report-schedule-panel';
import { ReportTable } from './components/report-table';
import { REPORT_KIND_LABELS, REPORT_KINDS } from './utils/report-format';

function pickKind(value: string | null): ReportKind | undefined {
  return REPORT_KINDS.find((k) => k === value);
}

/**
 * "What did we tell the client?" Stored compliance reports (weekly and on demand) with their
 * downloads — client viewers see their clients' — plus, for the agency, a report for any period
 * now and the weekly schedule.
 */
export default function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const { can, isClientViewer } = useRole();
  const clientId = params.get('client') ?? undefined;
  const kind = pickKind(params.get('kind'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const reports = useReports({ ...(clientId ? { clientId } : {}), ...(kind ? { kind } : {}), page });
  const clients = useClients();
  const organization = useOrganization();
  // POST /api/reports needs the member role; the schedule is not part of the client portal.
  const canGenerate = can('member');

  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const filtered = Boolean(clientId || kind);

  return (
    <>
      <PageHeader
        title="Reports"
        subtitle={isClientViewer ? 'Compliance reports of your domains: download them as PDF or CSV.' : 'Compliance reports per client — weekly, or for any period on demand — as PDF and CSV.'}
      />
      {canGenerate ? (
        <div className="grid-2 reports-top">
          <section className="panel" aria-labelledby="generate-title">
            <h2 id="generate-title">Generate a report now</h2>
            {clients.isPending ? (
              <LoadingState label="Loading clients" />
            ) : clients.isError ? (
              <ErrorState error={clients.error} onRetry={() => void clients.refetch()} />
            ) : (
              <GenerateReportForm clients={clients.data.items} timeZone={organization.data?.timeZone} defaultClientId={clientId} />
            )}
          </section>
          <ReportSchedulePanel />
        </div>
      ) : null}

      <section className="panel" aria-labelledby="reports-title">
        <h2 id="reports-title">Stored reports{reports.data ? ` (${reports.data.total.toLocaleString()})` : ''}</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()} role="search" aria-label="Filter reports">
          <div className="field">
            <label htmlFor="reports-client">Client</label>
            <select id="reports-client" value={clientId ?? ''} onChange={(e) => set('client', e.target.value)}>
              <option value="">All clients</option>
              {(clients.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="reports-kind">Kind</label>
            <select id="reports-kind" value={kind ?? ''} onChange={(e) => set('kind', e.target.value)}>
              <option value="">Weekly and on demand</option>
              {REPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {REPORT_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
        </form>
        {reports.isPending ? (
          <LoadingState label="Loading reports" />
        ) : reports.isError ? (
          <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
        ) : reports.data.items.length === 0 ? (
          filtered ? (
            <EmptyState title="No report matches these filters">
              <button type="button" className="btn btn-small" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                Clear filters
              </button>
            </EmptyState>
          ) : (
            <EmptyState title="No reports yet">
              {canGenerate ? 'Generate one above, or wait for the weekly run.' : 'Your agency’s weekly reports will appear here.'}
            </EmptyState>
          )
        ) : (
          <>
            <ReportTable reports={reports.data.items} />
            <Pager page={reports.data.page} pageSize={reports.data.pageSize} total={reports.data.total} onPage={(p) => set('page', String(p))} label="reports" />
          </>
        )}
      </section>
    </>
  );
}
