import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useServiceNames } from '../../api/get-services';
import { isApiError } from '../../api/http';
import { NetworkList } from '../../components/network-list';
import { PageHeader } from '../../components/page-header';
import { ServiceBadges } from '../../components/service-badges';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { StatusBadge } from '../../components/status-badge';
import { formatDateTime, formatRelative } from '../../utils/format';
import { useCheckDomain } from './api/check-domain';
import { useRole } from '../auth/api/use-role';
import { useDomain } from '../../api/get-domain';
import { useDomainChecks } from './api/get-domain-checks';
import { useDomainDiff } from './api/get-domain-diff';
import { useDomainSnapshots } from './api/get-domain-snapshots';
import { useSnapshot } from './api/get-snapshot';
import { DiffView } from './components/diff-view';
import { IncludeTree } from './components/include-tree';
import { RecordPanel } from './components/record-panel';
import { SnapshotTimeline } from './components/snapshot-timeline';
import { buildHistorySeries, errorChecks } from './utils/history-series';

const HistoryChart = lazy(() => import('./components/history-chart'));

export default function DomainPage() {
  const { domainId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const domain = useDomain(domainId);
  const latestId = domain.data?.latest?.snapshotId;
  const snapshot = useSnapshot(latestId);
  const snapshots = useDomainSnapshots(domainId);
  const checks = useDomainChecks(domainId);
  const checkNow = useCheckDomain(domainId);
  const { can } = useRole();
  const serviceName = useServiceNames();

  const items = useMemo(() => snapshots.data?.items ?? [], [snapshots.data]);
  // ?diff=<snapshot> (from the fleet's recent changes) = that snapshot against the one before it.
  const diffParam = params.get('diff');
  const diffIndex = diffParam ? items.findIndex((s) => s.id === diffParam) : -1;
  const to = params.get('to') ?? (diffIndex >= 0 ? items[diffIndex]?.id : items[0]?.id);
  const from = params.get('from') ?? (diffIndex >= 0 ? items[diffIndex + 1]?.id : items[1]?.id);
  const diff = useDomainDiff(domainId, from, to, Boolean(from && to && from !== to));

  const history = useMemo(() => buildHistorySeries(items), [items]);
  const errors = useMemo(() => errorChecks(checks.data?.items ?? []), [checks.data]);

  // Links from alerts end in #diff: scroll there once the diff is on screen.
  const location = useLocation();
  const diffReady = diff.isSuccess;
  useEffect(() => {
    if (location.hash === '#diff' && diffReady) document.getElementById('diff')?.scrollIntoView({ block: 'start' });
  }, [location.hash, diffReady]);

  const pick = (p: { from?: string; to?: string }): void => {
    const next = new URLSearchParams(params);
    next.delete('diff');
    next.set('from', p.from ?? from ?? '');
    next.set('to', p.to ?? to ?? '');
    setParams(next, { replace: true, preventScrollReset: true });
  };

  if (domain.isPending) return <LoadingState label="Loading the domain" />;
  if (domain.isError) {
    if (isApiError(domain.error) && (domain.error.status === 404 || domain.error.status === 400)) {
      return (
        <EmptyState title="Domain not found">
          It may have been deleted. <Link to="/">Back to the fleet</Link>.
        </EmptyState>
      );
    }
    return <ErrorState error={domain.error} onRetry={() => void domain.refetch()} />;
  }
  const d = domain.data;
  const analysis = snapshot.data?.analysis;

  return (
    <>
      <PageHeader
        title={<span className="break">{d.name}</span>}
        subtitle={
          <span className="row">
            <StatusBadge status={d.status} />
            <span>{d.client.name}</span>
            <span>· checked {formatRelative(d.lastCheckedAt)}</span>
            {d.paused ? <span>· paused</span> : null}
            {d.tags.map((t) => (
              <span key={t} className="chip">
                {t}
              </span>
            ))}
          </span>
        }
        actions={
          <>
            <Link className="btn" to={`/tools/record-builder?${new URLSearchParams({ domain: d.name, ...(d.latest?.record ? { record: d.latest.record } : {}) }).toString()}`}>
              Edit in the what-if builder
            </Link>
            {can('member') ? (
              <button type="button" className="btn btn-primary" onClick={() => checkNow.mutate()} disabled={checkNow.isPending}>
                {checkNow.isPending ? 'Checking…' : 'Check now'}
              </button>
            ) : null}
          </>
        }
      />
      {checkNow.isError ? <ErrorState title="The check failed" error={checkNow.error} /> : null}
      {checkNow.isSuccess ? (
        <p className="notice" role="status">
          Checked just now: {checkNow.data.outcome === 'changed' ? 'the SPF state changed' : checkNow.data.outcome === 'error' ? 'DNS errors (the previous state is kept)' : 'no change'}
          {checkNow.data.alerts.length > 0 ? ` · opened: ${checkNow.data.alerts.map((a) => a.title).join('; ')}` : ''}
          {checkNow.data.resolvedAlerts.length > 0 ? ` · resolved: ${checkNow.data.resolvedAlerts.map((a) => a.title).join('; ')}` : ''}
        </p>
      ) : null}

      {!latestId ? (
        <EmptyState title="Not checked yet">Use “Check now”, or wait for the next scheduled cycle.</EmptyState>
      ) : snapshot.isPending ? (
        <LoadingState label="Loading the analysis" />
      ) : snapshot.isError || !analysis ? (
        <ErrorState error={snapshot.error ?? 'No analysis'} onRetry={() => void snapshot.refetch()} />
      ) : (
        <>
          <div className="grid-2" style={{ alignItems: 'start', marginBottom: '1rem' }}>
            <RecordPanel analysis={analysis} />
            <div className="stack">
              <section className="panel" aria-labelledby="services-title">
                <h2 id="services-title">Authorised sending services</h2>
                <ServiceBadges services={analysis.services} />
              </section>
              <section className="panel" aria-labelledby="tree-title">
                <h2 id="tree-title">Include tree</h2>
                <IncludeTree tree={analysis.tree} />
              </section>
            </div>
          </div>
          <section className="panel" aria-labelledby="networks-title">
            <h2 id="networks-title">Authorised networks ({analysis.networks.length})</h2>
            <NetworkList networks={analysis.networks} emptyText="This record authorises no fixed network." />
          </section>
        </>
      )}

      <section className="panel" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {snapshots.isPending ? (
          <LoadingState label="Loading history" />
        ) : snapshots.isError ? (
          <ErrorState error={snapshots.error} onRetry={() => void snapshots.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">No snapshot yet.</p>
        ) : (
          <Suspense fallback={<LoadingState label="Loading chart" />}>
            <HistoryChart points={history.points} markers={history.markers} errors={errors} />
          </Suspense>
        )}
      </section>

      <section className="panel" id="diff" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Snapshots and changes</h2>
        {snapshots.isPending ? null : items.length === 0 ? (
          <p className="muted">No snapshot yet.</p>
        ) : (
          <div className="stack">
            {items.length < 2 ? (
              <p className="muted">One state so far ({formatDateTime(items[0]!.firstSeenAt)}): a diff appears after the first change.</p>
            ) : from === to ? (
              <p className="muted">Pick two different snapshots (A and B) to compare.</p>
            ) : diff.isPending ? (
              <LoadingState label="Comparing" />
            ) : diff.isError ? (
              <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
            ) : (
              <DiffView diff={diff.data.diff} from={diff.data.from} to={diff.data.to} serviceName={serviceName} />
            )}
            <SnapshotTimeline snapshots={items} from={from} to={to} onPick={pick} serviceName={serviceName} />
          </div>
        )}
      </section>
    </>
  );
}
