import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ReportScheduleResponse } from '@spfwatch/contracts';
import { fieldErrors } from '../../../api/http';
import { ErrorState, LoadingState } from '../../../components/states';
import { useRole } from '../../auth/api/use-role';
import { useReportSchedule } from '../api/get-report-schedule';
import { usePutReportSchedule } from '../api/put-report-schedule';
import { formatInZone } from '../utils/report-format';

function NextRuns({ schedule }: { schedule: ReportScheduleResponse }) {
  if (!schedule.enabled) return <p className="muted small">Weekly reports are off: nothing is generated or sent on a schedule.</p>;
  if (schedule.nextRuns.length === 0) return <p className="muted small">This expression never fires.</p>;
  return (
    <div>
      <h3 className="small" style={{ margin: '0.5rem 0 0.25rem' }}>
        Next runs
      </h3>
      <ul className="plain-list small" data-testid="schedule-next-runs">
        {schedule.nextRuns.map((run) => (
          <li key={run}>{formatInZone(run, schedule.timeZone)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The admin's form: the cron expression (validated by the API with node-cron) and on/off. */
function ScheduleForm({ schedule }: { schedule: ReportScheduleResponse }) {
  const [cron, setCron] = useState(schedule.cron);
  const [enabled, setEnabled] = useState(schedule.enabled);
  const save = usePutReportSchedule();
  const errors = fieldErrors(save.error);
  const cronError = errors.cron ?? (cron.trim() === '' ? 'Must not be empty.' : undefined);
  const dirty = cron.trim() !== schedule.cron || enabled !== schedule.enabled;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (cron.trim() === '') return;
    save.mutate({ ...(cron.trim() !== schedule.cron ? { cron: cron.trim() } : {}), ...(enabled !== schedule.enabled ? { enabled } : {}) });
  };
  return (
    <form onSubmit={submit} aria-label="Weekly report schedule" noValidate>
      <div className="filters">
        <div className="field field-grow">
          <label htmlFor="schedule-cron">
            When <span className="field-hint">(cron: minute hour day month weekday)</span>
          </label>
          <input
            id="schedule-cron"
            type="text"
            className="mono"
            value={cron}
            spellCheck={false}
            onChange={(e) => (setCron(e.target.value), save.isError && save.reset())}
            aria-invalid={cronError ? true : undefined}
            aria-describedby={cronError ? 'schedule-cron-error' : 'schedule-cron-hint'}
          />
          {cronError ? (
            <span id="schedule-cron-error" className="field-error">
              {cronError}
            </span>
          ) : (
            <span id="schedule-cron-hint" className="field-hint">
              <code>0 8 * * 1</code> = Mondays at 08:00; read in {schedule.timeZone}.
            </span>
          )}
        </div>
        <label className="check" style={{ alignSelf: 'center' }}>
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Send weekly reports
        </label>
        <button type="submit" className="btn btn-primary" disabled={save.isPending || !dirty || cron.trim() === ''}>
          {save.isPending ? 'Saving…' : 'Save schedule'}
        </button>
      </div>
      {save.isSuccess && !dirty ? (
        <p className="ok-text small" role="status">
          Saved.
        </p>
      ) : null}
      {save.isError && !errors.cron ? <ErrorState title="The schedule was not saved" error={save.error} /> : null}
    </form>
  );
}

/** The weekly reports' schedule: read-only for members, editable for admins and owners (PUT needs admin). */
export function ReportSchedulePanel() {
  const { can } = useRole();
  const schedule = useReportSchedule({ enabled: can('member') });
  const canEdit = can('admin');
  return (
    <section className="panel" aria-labelledby="schedule-title" id="schedule">
      <h2 id="schedule-title">Weekly reports</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        Each client with domains gets a report of the seven days before each run, stored here and sent to the notification channels that receive reports
        {canEdit ? (
          <>
            {' '}
            (<Link to="/settings?tab=notifications">Settings → Notifications</Link>)
          </>
        ) : null}
        .
      </p>
      {schedule.isPending ? (
        <LoadingState label="Loading the schedule" />
      ) : schedule.isError ? (
        <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : (
        <>
          {canEdit ? (
            <ScheduleForm schedule={schedule.data} />
          ) : (
            <dl className="kv" aria-label="Weekly report schedule">
              <dt>When</dt>
              <dd>
                <code>{schedule.data.cron}</code> ({schedule.data.timeZone})
              </dd>
              <dt>Status</dt>
              <dd>{schedule.data.enabled ? 'On' : 'Off'}</dd>
            </dl>
          )}
          <NextRuns schedule={schedule.data} />
          {!canEdit ? <p className="muted small">Only admins and owners change the schedule.</p> : null}
        </>
      )}
    </section>
  );
}
