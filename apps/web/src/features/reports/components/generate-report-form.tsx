import { useState, type FormEvent } from 'react';
import type { ClientResponse } from '@spfwatch/contracts';
import { fieldErrors } from '../../../api/http';
import { ErrorState } from '../../../components/states';
import { useCreateReport } from '../api/create-report';
import { formatBytes, formatPeriod } from '../utils/report-format';
import { bodyFromRange, presetRange, RANGE_PRESETS, rangeErrorsFromApi, rangeProblems, todayIn, type ReportRangeField, type ReportRangeForm } from '../utils/report-range';

/**
 * On-demand report: a client and whole days in the organization's time zone. Problems the form
 * can see (no client, last day before the first, more than 366 days) show before anything is
 * sent; the API's 400 details land under their fields.
 */
export function GenerateReportForm({ clients, timeZone, defaultClientId, now }: { clients: ClientResponse[]; timeZone: string | undefined; defaultClientId?: string | undefined; now?: Date }) {
  const today = todayIn(timeZone, now);
  const [form, setForm] = useState<ReportRangeForm>(() => ({ clientId: defaultClientId ?? clients[0]?.id ?? '', ...presetRange('last-7', today) }));
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateReport();
  const problems = rangeProblems(form, today);
  const apiErrors = rangeErrorsFromApi(fieldErrors(create.error));
  // Before the first submit, only problems of what was typed (not "choose a client").
  const shown = (field: ReportRangeField): string | undefined => apiErrors[field] ?? (submitted || (field !== 'clientId' && form[field]) ? problems[field] : undefined);

  const change = (patch: Partial<ReportRangeForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    if (create.isError) create.reset();
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    create.mutate(bodyFromRange(form));
  };

  const errorProps = (field: ReportRangeField) => {
    const error = shown(field);
    return { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `report-${field}-error` : undefined } as const;
  };
  const errorText = (field: ReportRangeField) => {
    const error = shown(field);
    return error ? (
      <span id={`report-${field}-error`} className="field-error">
        {error}
      </span>
    ) : null;
  };

  return (
    <form onSubmit={submit} aria-label="Generate a report" noValidate>
      <div className="form-grid form-grid-report">
        <div className="field">
          <label htmlFor="report-clientId">Client</label>
          <select id="report-clientId" value={form.clientId} onChange={(e) => change({ clientId: e.target.value })} {...errorProps('clientId')}>
            <option value="">Choose a client</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errorText('clientId')}
        </div>
        <div className="field">
          <label htmlFor="report-from">First day</label>
          <input id="report-from" type="date" value={form.from} max={today} onChange={(e) => change({ from: e.target.value })} {...errorProps('from')} />
          {errorText('from')}
        </div>
        <div className="field">
          <label htmlFor="report-to">
            Last day <span className="field-hint">(included)</span>
          </label>
          <input id="report-to" type="date" value={form.to} onChange={(e) => change({ to: e.target.value })} {...errorProps('to')} />
          {errorText('to')}
        </div>
      </div>
      <div className="row" role="group" aria-label="Quick ranges" style={{ marginTop: '0.6rem' }}>
        {RANGE_PRESETS.map((p) => (
          <button key={p.id} type="button" className="btn btn-small" onClick={() => change(presetRange(p.id, today))}>
            {p.label}
          </button>
        ))}
      </div>
      <p className="muted small">
        Days are read in the organization’s time zone{timeZone ? ` (${timeZone})` : ''}; a last day that has not ended yet ends now. The report is stored here, not emailed.
      </p>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={create.isPending || clients.length === 0}>
          {create.isPending ? 'Generating…' : 'Generate report'}
        </button>
        {clients.length === 0 ? <span className="muted small">Add a client first.</span> : null}
      </div>
      {apiErrors.form ? (
        <p className="field-error" role="alert">
          {apiErrors.form}
        </p>
      ) : null}
      {create.isError && Object.keys(apiErrors).length === 0 ? <ErrorState title="The report was not generated" error={create.error} /> : null}
      {create.data ? (
        <div className="notice" role="status" data-testid="generated-report" style={{ marginTop: '0.75rem' }}>
          <p style={{ margin: 0 }}>
            Generated the report for <strong>{create.data.clientName}</strong>, {formatPeriod(create.data.periodStart, create.data.periodEnd, create.data.timeZone)}: {create.data.summary.domains} domains, {create.data.summary.openIssues} open issues.
          </p>
          <p className="row" style={{ margin: '0.4rem 0 0' }}>
            <a className="btn btn-small" href={create.data.pdfUrl} download>
              Download PDF <span className="muted">({formatBytes(create.data.pdfBytes)})</span>
            </a>
            <a className="btn btn-small" href={create.data.csvUrl} download>
              Download CSV
            </a>
          </p>
        </div>
      ) : null}
    </form>
  );
}
