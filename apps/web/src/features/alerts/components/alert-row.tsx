import { Link } from 'react-router';
import type { AlertView } from '../../../api/monitoring-types';
import { SeverityBadge } from '../../../components/status-badge';
import { formatDateTime, formatRelative } from '../../../utils/format';
import { useAcknowledgeAlert } from '../api/acknowledge-alert';
import { useRole } from '../../auth/api/use-role';
import { alertDiffLink, ALERT_TYPE_LABELS } from '../utils/alert-labels';

export function AlertRow({ alert, clientName }: { alert: AlertView; clientName: string | undefined }) {
  const acknowledge = useAcknowledgeAlert();
  // Acknowledging needs the member role: the client portal is read-only.
  const { can } = useRole();
  const diffLink = alertDiffLink(alert);
  const message = typeof alert.detail.message === 'string' ? alert.detail.message : null;
  return (
    <li className={`finding finding-${alert.severity === 'critical' ? 'error' : alert.severity}`} data-testid="alert-row" data-alert-type={alert.type}>
      <div className="finding-head">
        <SeverityBadge severity={alert.severity} />
        <strong>{alert.title}</strong>
        <span className={`badge badge-${alert.state === 'open' ? 'warning' : alert.state === 'acknowledged' ? 'info' : 'ok'}`}>{alert.state}</span>
      </div>
      <div className="row small" style={{ marginTop: '0.25rem' }}>
        <Link to={`/domains/${alert.domainId}`} className="break">
          {alert.domain}
        </Link>
        {clientName ? <span className="muted">{clientName}</span> : null}
        <span className="muted">· {ALERT_TYPE_LABELS[alert.type] ?? alert.type}</span>
        <span className="muted" title={formatDateTime(alert.openedAt)}>
          · opened {formatRelative(alert.openedAt)}
        </span>
        {alert.acknowledgedAt ? (
          <span className="muted">
            · acknowledged {formatRelative(alert.acknowledgedAt)}
            {alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}
          </span>
        ) : null}
        {alert.resolvedAt ? <span className="muted">· resolved {formatRelative(alert.resolvedAt)}</span> : null}
      </div>
      {message ? <p className="small">{message}</p> : null}
      <div className="row" style={{ marginTop: '0.4rem' }}>
        {diffLink ? (
          <Link className="btn btn-small" to={diffLink}>
            {alert.fromSnapshotId ? 'View the change' : 'View the record'}
          </Link>
        ) : null}
        {alert.state === 'open' && can('member') ? (
          <button type="button" className="btn btn-small" onClick={() => acknowledge.mutate({ id: alert.id })} disabled={acknowledge.isPending}>
            {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        ) : null}
        {acknowledge.isError ? (
          <span className="field-error" role="alert">
            {acknowledge.error.message}
          </span>
        ) : null}
      </div>
    </li>
  );
}
