import type { ReportResponse } from '@spfwatch/contracts';
import { formatDateTime, formatRelative, plural } from '../../../utils/format';
import { formatBytes, formatPeriod, REPORT_KIND_LABELS } from '../utils/report-format';

function Summary({ summary }: { summary: ReportResponse['summary'] }) {
  const statuses = [
    { key: 'broken', label: 'broken', cls: 'broken' },
    { key: 'warning', label: 'warning', cls: 'warning' },
    { key: 'ok', label: 'OK', cls: 'ok' },
    { key: 'unknown', label: 'not checked', cls: 'unknown' },
  ] as const;
  return (
    <div className="report-summary">
      <div>
        <strong>{plural(summary.domains, 'domain')}</strong>{' '}
        {statuses
          .filter((s) => summary[s.key] > 0)
          .map((s) => (
            <span key={s.key} className={`badge badge-text badge-${s.cls}`}>
              {summary[s.key]} {s.label}
            </span>
          ))}
      </div>
      <div className="muted small">
        {plural(summary.changes, 'change')} · {plural(summary.alerts, 'alert')} · {plural(summary.openIssues, 'open issue')}
      </div>
    </div>
  );
}

/** Stored reports with their summary and the two downloads (plain links: the session cookie goes along). */
export function ReportTable({ reports }: { reports: ReportResponse[] }) {
  return (
    <div className="table-wrap">
      <table className="table-wide" aria-label="Stored reports">
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Period</th>
            <th scope="col">Kind</th>
            <th scope="col">Summary</th>
            <th scope="col">Generated</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => {
            const period = formatPeriod(r.periodStart, r.periodEnd, r.timeZone);
            return (
              <tr key={r.id} data-testid="report-row">
                <td>{r.clientName}</td>
                <td>
                  {period}
                  <div className="muted small">{r.timeZone}</div>
                </td>
                <td>
                  <span className={`badge badge-text badge-${r.kind === 'weekly' ? 'info' : 'unknown'}`}>{REPORT_KIND_LABELS[r.kind]}</span>
                </td>
                <td>
                  <Summary summary={r.summary} />
                </td>
                <td className="small">
                  <span title={formatDateTime(r.generatedAt)}>{formatRelative(r.generatedAt)}</span>
                </td>
                <td>
                  <div className="row nowrap-row">
                    <a className="btn btn-small" href={r.pdfUrl} download>
                      PDF<span className="sr-only">{` of ${r.clientName}, ${period}`}</span>
                    </a>
                    <a className="btn btn-small" href={r.csvUrl} download>
                      CSV<span className="sr-only">{` of ${r.clientName}, ${period}`}</span>
                    </a>
                  </div>
                  <div className="muted small">{formatBytes(r.pdfBytes)} PDF</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
