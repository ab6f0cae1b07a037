import { useState, type FormEvent } from 'react';
import type { AlertSeverity } from '@spfwatch/contracts';
import { fieldErrors } from '../../../api/http';
import type { AlertPoliciesResponse } from '../../../api/monitoring-types';
import { ErrorState } from '../../../components/states';
import { usePutAlertPolicy } from '../api/put-alert-policy';
import { useRole } from '../../auth/api/use-role';
import { ALERT_SEVERITIES, ALERT_TYPE_LABELS, ALERT_TYPES, bodyFromForm, formFromPolicy, formProblems, THRESHOLD_KEYS, type PolicyForm, type ThresholdKey } from '../utils/policy-form';

const THRESHOLD_LABELS: Record<ThresholdKey, { label: string; hint: string }> = {
  lookupWarn: { label: 'Warn at lookups', hint: 'warning when a domain uses this many DNS lookups' },
  lookupLimit: { label: 'Lookup limit', hint: 'critical above this many (receivers allow 10)' },
  tempErrorChecks: { label: 'DNS errors before alerting', hint: 'consecutive failed checks; one timeout never alerts' },
  voidLimit: { label: 'Void lookups allowed', hint: 'lookups that return nothing (receivers allow 2)' },
};


export function AlertPolicyForm({ data, clientId, scopeLabel }: { data: AlertPoliciesResponse; clientId: string | null; scopeLabel: string }) {
  const stored = data.policies.find((p) => (clientId ? p.scope === 'client' && p.clientId === clientId : p.scope === 'organization'));
  const [form, setForm] = useState<PolicyForm>(() => formFromPolicy(stored));
  const save = usePutAlertPolicy();
  // PUT /api/alert-policies needs the admin role; members see the policy read-only.
  const canEdit = useRole().can('admin');
  const problems = formProblems(form, data.effective.thresholds);
  const serverErrors = fieldErrors(save.error);
  const inheritWord = clientId ? 'organization' : 'default';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (Object.keys(problems).length > 0) return;
    save.mutate(bodyFromForm(form, clientId));
  };
  const setThreshold = (k: ThresholdKey, v: string): void => setForm((f) => ({ ...f, thresholds: { ...f.thresholds, [k]: v } }));

  return (
    <form onSubmit={submit} aria-label={`Alert policy for ${scopeLabel}`} noValidate>
      <fieldset>
        <legend>Thresholds</legend>
        <p className="muted small" style={{ marginTop: 0 }}>
          Empty fields use the {inheritWord} value, shown greyed.
        </p>
        <div className="form-grid" style={{ gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))' }}>
          {THRESHOLD_KEYS.map((k) => {
            const error = problems[k] ?? serverErrors[`thresholds.${k}`];
            return (
              <div className="field" key={k}>
                <label htmlFor={`policy-${k}`}>
                  {THRESHOLD_LABELS[k].label} <span className="field-hint">({THRESHOLD_LABELS[k].hint})</span>
                </label>
                <input
                  id={`policy-${k}`}
                  type="number"
                  min={k === 'voidLimit' ? 0 : 1}
                  value={form.thresholds[k]}
                  placeholder={String(data.effective.thresholds[k])}
                  onChange={(e) => setThreshold(k, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `policy-${k}-error` : undefined}
                />
                {error ? (
                  <span id={`policy-${k}-error`} className="field-error">
                    {error}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>

      <fieldset style={{ marginTop: '1rem' }}>
        <legend>Alert types</legend>
        <div className="table-wrap">
          <table className="policy-table">
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Send it</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {ALERT_TYPES.map((t) => {
                const eff = data.effective.types[t];
                return (
                  <tr key={t}>
                    <td>{ALERT_TYPE_LABELS[t]}</td>
                    <td>
                      <select
                        aria-label={`Send “${ALERT_TYPE_LABELS[t]}” alerts`}
                        value={form.types[t].enabled}
                        onChange={(e) => setForm((f) => ({ ...f, types: { ...f.types, [t]: { ...f.types[t], enabled: e.target.value as PolicyForm['types'][typeof t]['enabled'] } } }))}
                      >
                        <option value="">{`${inheritWord} (${eff?.enabled === false ? 'off' : 'on'})`}</option>
                        <option value="on">on</option>
                        <option value="off">off</option>
                      </select>
                    </td>
                    <td>
                      <select
                        aria-label={`Severity of “${ALERT_TYPE_LABELS[t]}” alerts`}
                        value={form.types[t].severity}
                        onChange={(e) => setForm((f) => ({ ...f, types: { ...f.types, [t]: { ...f.types[t], severity: e.target.value as '' | AlertSeverity } } }))}
                      >
                        <option value="">{`${inheritWord} (${eff?.severity ?? '—'})`}</option>
                        {ALERT_SEVERITIES.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      {canEdit ? (
        <div className="row" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="btn btn-primary" disabled={save.isPending || Object.keys(problems).length > 0}>
            {save.isPending ? 'Saving…' : 'Save policy'}
          </button>
          <button type="button" className="btn" onClick={() => setForm(formFromPolicy(undefined))}>
            Inherit everything
          </button>
          {save.isSuccess ? (
            <span className="ok-text small" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      ) : (
        <p className="muted small">Only admins and owners change alert policies.</p>
      )}
      {save.isError && Object.keys(serverErrors).length === 0 ? <ErrorState title="The policy was not saved" error={save.error} /> : null}
    </form>
  );
}
