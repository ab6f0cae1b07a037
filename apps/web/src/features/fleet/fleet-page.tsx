import { lazy, Suspense, useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { ErrorState, LoadingState } from '../../components/states';
import { plural } from '../../utils/format';
import { isCycleRunning, useCheckCycle } from './api/get-check-cycle';
import { useFleetDomains } from './api/get-fleet-domains';
import { fleetSummaryQueryOptions, useFleetSummary } from './api/get-fleet-summary';
import { useRunCheckCycle } from './api/run-check-cycle';
import { useRole } from '../auth/api/use-role';
import { CycleProgress } from './components/cycle-progress';
import { FailedNotificationsBanner } from './components/failed-notifications-banner';
import { FleetDomainTable } from './components/fleet-domain-table';
import { NearLimitList, ProviderEvents, RecentChanges } from './components/recent-activity';
import { StatusTiles } from './components/status-tiles';
import { viewFromSearchParams, viewToQuery, viewToSearchParams, type FleetView } from './utils/fleet-search-params';

// recharts is heavy: the chart loads after the numbers and the table.
const LookupHistogramChart = lazy(() => import('./components/lookup-histogram-chart'));

export default function FleetPage() {
  const [params, setParams] = useSearchParams();
  const view = viewFromSearchParams(params);
  const { can } = useRole();
  const runCycle = useRunCheckCycle();
  // Cycle progress needs the member role, starting one the admin role (client viewers see neither).
  const cycle = useCheckCycle(runCycle.data?.enqueued ? runCycle.data.tick : undefined, { enabled: can('member') });
  const running = isCycleRunning(cycle.data);
  const summary = useFleetSummary({ refetchInterval: running ? 3000 : false });
  const domains = useFleetDomains(viewToQuery(view), { refetchInterval: running ? 5000 : false });
  const queryClient = useQueryClient();

  // When a cycle finishes, the summary and the list are stale: refresh them once.
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void queryClient.invalidateQueries({ queryKey: fleetSummaryQueryOptions().queryKey.slice(0, 1) });
    }
    wasRunning.current = running;
  }, [running, queryClient]);

  const change = (patch: Partial<FleetView>): void => setParams(viewToSearchParams({ ...view, ...patch }), { replace: true });

  return (
    <>
      <PageHeader
        title="Fleet"
        subtitle={summary.data ? `${plural(summary.data.total, 'domain')} monitored${summary.data.paused > 0 ? ` · ${summary.data.paused.toLocaleString()} paused` : ''}` : 'Is anything broken?'}
        actions={
          can('admin') ? (
            <button type="button" className="btn btn-primary" onClick={() => runCycle.mutate()} disabled={runCycle.isPending || running}>
              {running ? 'Checking…' : runCycle.isPending ? 'Starting…' : 'Check all now'}
            </button>
          ) : null
        }
      />
      {/* Deliveries are the agency's business (member and up): not asked in the client portal. */}
      <FailedNotificationsBanner enabled={can('member')} />
      {runCycle.isError ? <ErrorState title="The check cycle could not start" error={runCycle.error} /> : null}
      {runCycle.isSuccess && runCycle.data.enqueued === 0 && !running ? <p className="notice">No domain was due: every active domain was checked recently, or all are paused.</p> : null}
      {cycle.data ? <CycleProgress cycle={cycle.data} /> : null}

      {summary.isPending ? (
        <LoadingState label="Loading the fleet" />
      ) : summary.isError ? (
        <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <StatusTiles counts={summary.data.counts} selected={view.status} onSelect={(status) => change({ status, page: 1 })} />
          <div className="grid-2" style={{ marginBottom: '1rem' }}>
            <section className="panel" aria-labelledby="fleet-histogram-title">
              <h2 id="fleet-histogram-title">Lookup count distribution</h2>
              {summary.data.lookupHistogram.every((b) => b.count === 0) ? (
                <p className="muted">No domain has been checked yet.</p>
              ) : (
                <Suspense fallback={<LoadingState label="Loading chart" />}>
                  <LookupHistogramChart histogram={summary.data.lookupHistogram} />
                </Suspense>
              )}
            </section>
            <section className="panel" aria-labelledby="fleet-near-limit-title">
              <h2 id="fleet-near-limit-title">Near the 10-lookup limit</h2>
              <NearLimitList domains={summary.data.nearLimit} />
            </section>
          </div>
        </>
      )}

      <FleetDomainTable
        view={view}
        onChange={change}
        data={domains.data}
        isPending={domains.isPending}
        isFetching={domains.isFetching}
        error={domains.error}
        onRetry={() => void domains.refetch()}
      />

      {summary.data ? (
        <div className="grid-2">
          <section className="panel" aria-labelledby="fleet-changes-title">
            <h2 id="fleet-changes-title">Recent changes</h2>
            <RecentChanges changes={summary.data.recentChanges} />
          </section>
          <section className="panel" aria-labelledby="fleet-providers-title">
            <h2 id="fleet-providers-title">Provider events</h2>
            <ProviderEvents events={summary.data.recentProviderEvents} />
          </section>
        </div>
      ) : null}
    </>
  );
}
