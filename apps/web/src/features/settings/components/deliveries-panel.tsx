import { Fragment, useState } from 'react';
import type { NotificationKind, NotificationResponse, NotificationStatus } from '@spfwatch/contracts';
import { useSearchParams } from 'react-router';
import { useFailedNotifications, useNotifications } from '../../../api/get-notifications';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { formatDateTime, formatRelative, plural } from '../../../utils/format';
import { useChannels } from '../api/get-channels';
import { useNotification } from '../api/get-notification';
import { useRole } from '../../auth/api/use-role';
import { describeAttempt, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, NOTIFICATION_STATUS_BADGE, NOTIFICATION_STATUS_LABELS, NOTIFICATION_STATUSES, notificationSubject } from '../utils/notification-labels';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function Attempts({ id }: { id: string }) {
  const detail = useNotification(id);
  if (detail.isPending) return <LoadingState label="Loading attempts" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.data.attempts.length === 0) return <p className="muted small">No attempt yet.</p>;
  return (
    <ol className="attempts small" aria-label="Delivery attempts">
      {detail.data.attempts.map((a) => (
        <li key={a.number}>
          <span className={`badge badge-${a.status === 'delivered' ? 'ok' : a.status === 'failed' ? 'broken' : 'unknown'}`}>{a.status}</span> {formatDateTime(a.startedAt)} — <span className="break">{describeAttempt(a)}</span>
          {a.worker ? <span className="muted"> · {a.worker}</span> : null}
        </li>
      ))}
    </ol>
  );
}

function Detail({ n }: { n: NotificationResponse }) {
  if (n.status === 'delivered') return <>delivered {formatRelative(n.deliveredAt)}</>;
  if (n.status === 'pending')
    return (
      <>
        {n.attemptCount > 0 ? 'next attempt' : 'due'} {formatDateTime(n.nextAttemptAt)}
        {n.lastError ? <div className="error-text break">{n.lastError}</div> : null}
      </>
    );
  if (n.lastError) return <span className="error-text break">{n.lastError}</span>;
  return <>—</>;
}

/**
 * "Did our alerts get out?" Every message with its status, newest first; failed ones (after the
 * retry budget) are counted above the list and one click away. Rows open onto their attempts.
 */
export function DeliveriesPanel() {
  const [params, setParams] = useSearchParams();
  const { can } = useRole();
  const status = pick<NotificationStatus>(params.get('status'), NOTIFICATION_STATUSES);
  const kind = pick<NotificationKind>(params.get('kind'), NOTIFICATION_KINDS);
  const channelId = params.get('channel') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useNotifications({ ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(channelId ? { channelId } : {}), page });
  const failed = useFailedNotifications();
  // Channels are the admins' (GET /api/notification-channels); members filter by status and kind only.
  const channels = useChannels({ enabled: can('admin') });
  const [open, setOpen] = useState<string | null>(null);

  const set = (key: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <section className="panel" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries</h2>
      {failed.data && failed.data.total > 0 ? (
        <div className="banner-failed" role="alert" data-testid="failed-deliveries">
          <p>
            <strong>{plural(failed.data.total, 'notification')} could not be delivered</strong> after every retry (latest {formatRelative(failed.data.latestAt)}). Check the channel’s address or URL, then send a test.
          </p>
          {status !== 'failed' ? (
            <button type="button" className="btn btn-small" onClick={() => set('status', 'failed')}>
              Show the failed ones
            </button>
          ) : null}
        </div>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()} role="search" aria-label="Filter deliveries">
        <div className="field">
          <label htmlFor="deliveries-status">Status</label>
          <select id="deliveries-status" value={status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            {NOTIFICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {NOTIFICATION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="deliveries-kind">Message</label>
          <select id="deliveries-kind" value={kind ?? ''} onChange={(e) => set('kind', e.target.value)}>
            <option value="">Alerts, reports and tests</option>
            {NOTIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTIFICATION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        {channels.data ? (
          <div className="field">
            <label htmlFor="deliveries-channel">Channel</label>
            <select id="deliveries-channel" value={channelId ?? ''} onChange={(e) => set('channel', e.target.value)}>
              <option value="">Every channel</option>
              {channels.data.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </form>
      {list.isPending ? (
        <LoadingState label="Loading deliveries" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        status || kind || channelId ? (
          <EmptyState title="No delivery matches these filters">
            <button type="button" className="btn btn-small" onClick={() => setParams(new URLSearchParams({ tab: 'notifications' }), { replace: true })}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="Nothing sent yet">Alerts and reports sent to your channels, and test sends, appear here.</EmptyState>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table className="table-wide" aria-label="Deliveries">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Message</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Details</th>
                  <th scope="col">
                    <span className="sr-only">Attempts detail</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((n) => (
                  <Fragment key={n.id}>
                    <tr data-testid="delivery-row" data-status={n.status} data-kind={n.kind}>
                      <td className="small nowrap" title={formatDateTime(n.createdAt)}>
                        {formatRelative(n.createdAt)}
                      </td>
                      <td>
                        {n.channel.name}
                        <div className="muted small">{n.channel.kind}</div>
                      </td>
                      <td>{notificationSubject(n)}</td>
                      <td>
                        <span className={`badge badge-${NOTIFICATION_STATUS_BADGE[n.status]}`}>{NOTIFICATION_STATUS_LABELS[n.status]}</span>
                      </td>
                      <td className="num">{n.attemptCount}</td>
                      <td className="small">
                        <Detail n={n} />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-expanded={open === n.id}
                          aria-controls={`attempts-${n.id}`}
                          onClick={() => setOpen(open === n.id ? null : n.id)}
                          aria-label={`${open === n.id ? 'Hide' : 'Show'} the attempts of ${notificationSubject(n)} to ${n.channel.name}`}
                        >
                          {open === n.id ? 'Hide' : 'Attempts'}
                        </button>
                      </td>
                    </tr>
                    {open === n.id ? (
                      <tr id={`attempts-${n.id}`}>
                        <td colSpan={7}>
                          <Attempts id={n.id} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={(p) => set('page', String(p))} label="deliveries" />
        </>
      )}
    </section>
  );
}
