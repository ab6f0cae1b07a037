import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelResponse, ClientResponse, CreatedChannelResponse } from '@spfwatch/contracts';
import { useDomain } from '../../../api/get-domain';
import { fieldErrors } from '../../../api/http';
import { ErrorState } from '../../../components/states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { useCreateChannel } from '../api/create-channel';
import { useDomainOptions } from '../api/get-domain-options';
import { useUpdateChannel } from '../api/update-channel';
import {
  CHANNEL_EVENT_LABELS,
  CHANNEL_EVENTS,
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  channelFormProblems,
  createBodyFromForm,
  emptyChannelForm,
  errorsFromApi,
  formFromChannel,
  updateBodyFromForm,
  type BindingScope,
  type ChannelField,
  type ChannelForm,
} from '../utils/channel-form';
import { ALERT_SEVERITIES } from '../utils/policy-form';

const SCOPES: Array<{ id: BindingScope; label: string; hint: string }> = [
  { id: 'organization', label: 'Every domain', hint: 'the whole organization' },
  { id: 'client', label: 'One client', hint: 'that client’s domains' },
  { id: 'domain', label: 'One domain', hint: '' },
];

/** The domain picker of a domain binding: narrow by client and name, pick one. */
function DomainPicker({ id, form, clients, onChange, error }: { id: string; form: ChannelForm; clients: ClientResponse[]; onChange: (patch: Partial<ChannelForm>) => void; error: ReactNode }) {
  const [clientFilter, setClientFilter] = useState(form.clientId);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const options = useDomainOptions({ ...(debounced ? { search: debounced } : {}), ...(clientFilter ? { clientId: clientFilter } : {}) });
  // The bound domain may be outside the current results: name it anyway.
  const current = useDomain(form.domainId || null);
  const items = options.data?.items ?? [];
  const listed = items.some((d) => d.id === form.domainId);
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={`${id}-domain-client`}>Client’s domains</label>
        <select id={`${id}-domain-client`} value={clientFilter} onChange={(e) => setClientFilter(e.target.value)}>
          <option value="">All clients</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-domain-search`}>Find a domain</label>
        <input id={`${id}-domain-search`} type="search" value={search} placeholder="part of the name" onChange={(e) => setSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-domainId`}>Domain</label>
        <select
          id={`${id}-domainId`}
          value={form.domainId}
          onChange={(e) => onChange({ domainId: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-domainId-error` : undefined}
        >
          <option value="">{options.isPending ? 'Loading domains…' : items.length === 0 ? 'No domain matches' : 'Choose a domain'}</option>
          {form.domainId && !listed ? <option value={form.domainId}>{current.data?.name ?? 'the bound domain'}</option> : null}
          {items.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.client.name})
            </option>
          ))}
        </select>
        {options.data && options.data.total > items.length ? <span className="field-hint">First {items.length} of {options.data.total}: narrow the search.</span> : null}
        {options.isError ? <span className="field-error">{options.error.message}</span> : null}
        {error}
      </div>
    </div>
  );
}

/**
 * Create or edit a notification channel: where it sends (email list, webhook, Slack), which
 * domains it covers (organization, a client, a domain), from which severity, which events, and
 * its quiet hours. The request bodies come from utils/channel-form.ts.
 */
export function ChannelEditorForm({
  channel,
  clients,
  organizationTimeZone,
  onSaved,
  onCancel,
}: {
  channel?: ChannelResponse;
  clients: ClientResponse[];
  organizationTimeZone?: string | undefined;
  onSaved: (saved: CreatedChannelResponse | ChannelResponse) => void;
  onCancel?: () => void;
}) {
  const id = useId().replace(/:/g, '');
  const [form, setForm] = useState<ChannelForm>(() => (channel ? formFromChannel(channel) : emptyChannelForm()));
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const save = channel ? update : create;
  const problems = channelFormProblems(form, channel);
  const apiErrors = errorsFromApi(fieldErrors(save.error), form);
  const errorOf = (field: ChannelField): string | undefined => apiErrors[field] ?? (submitted ? problems[field] : undefined);

  const change = (patch: Partial<ChannelForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    if (save.isError) save.reset();
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    if (channel) update.mutate({ id: channel.id, body: updateBodyFromForm(form, channel) }, { onSuccess: onSaved });
    else create.mutate(createBodyFromForm(form), { onSuccess: onSaved });
  };

  const invalid = (field: ChannelField) => {
    const error = errorOf(field);
    return { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-${field}-error` : undefined } as const;
  };
  const errorText = (field: ChannelField) => {
    const error = errorOf(field);
    return error ? (
      <span id={`${id}-${field}-error`} className="field-error">
        {error}
      </span>
    ) : null;
  };
  const maskedSlack = channel?.kind === 'slack';

  return (
    <form onSubmit={submit} className="stack" aria-label={channel ? `Edit ${channel.name}` : 'New channel'} noValidate>
      <fieldset>
        <legend>Channel</legend>
        <div className="form-grid">
          {channel ? (
            <div className="field">
              <span className="label-like">Kind</span>
              <span>{CHANNEL_KIND_LABELS[channel.kind]}</span>
            </div>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-kind`}>Kind</label>
              <select id={`${id}-kind`} value={form.kind} onChange={(e) => change({ kind: e.target.value as ChannelForm['kind'] })}>
                {CHANNEL_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {CHANNEL_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} type="text" value={form.name} placeholder="Ops mailbox" onChange={(e) => change({ name: e.target.value })} {...invalid('name')} />
            {errorText('name')}
          </div>
          <label className="check" style={{ alignSelf: 'center' }}>
            <input type="checkbox" checked={form.enabled} onChange={(e) => change({ enabled: e.target.checked })} /> Enabled
          </label>
        </div>
        {form.kind === 'email' ? (
          <div className="field" style={{ marginTop: '0.6rem' }}>
            <label htmlFor={`${id}-recipients`}>
              Recipients <span className="field-hint">(one per line or comma separated; up to 50)</span>
            </label>
            <textarea id={`${id}-recipients`} rows={3} value={form.recipients} placeholder="ops@agency.example" onChange={(e) => change({ recipients: e.target.value })} {...invalid('recipients')} />
            {errorText('recipients')}
          </div>
        ) : (
          <div className="form-grid" style={{ marginTop: '0.6rem' }}>
            <div className="field field-wide">
              <label htmlFor={`${id}-url`}>
                {form.kind === 'slack' ? 'Slack incoming-webhook URL' : 'Webhook URL'}
                {maskedSlack ? <span className="field-hint"> (the stored one is hidden: paste it again to change it)</span> : null}
              </label>
              <input
                id={`${id}-url`}
                type="url"
                value={form.url}
                placeholder={form.kind === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://siem.agency.example/hooks/spfwatch'}
                onChange={(e) => change({ url: e.target.value })}
                {...invalid('url')}
              />
              {errorText('url')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-timeoutMs`}>
                Timeout <span className="field-hint">(ms, default 10000)</span>
              </label>
              <input id={`${id}-timeoutMs`} type="number" min={500} max={30000} step={100} value={form.timeoutMs} placeholder="10000" onChange={(e) => change({ timeoutMs: e.target.value })} {...invalid('timeoutMs')} />
              {errorText('timeoutMs')}
            </div>
          </div>
        )}
        {form.kind === 'webhook' && !channel ? <p className="muted small">Each request is signed with a secret shown once, after saving (docs/webhooks.md).</p> : null}
      </fieldset>

      <fieldset>
        <legend>Which domains</legend>
        <div className="row">
          {SCOPES.map((s) => (
            <label key={s.id} className="check">
              <input type="radio" name={`${id}-scope`} value={s.id} checked={form.scope === s.id} onChange={() => change({ scope: s.id })} /> {s.label}
              {s.hint ? <span className="field-hint">({s.hint})</span> : null}
            </label>
          ))}
        </div>
        {form.scope === 'client' ? (
          <div className="field" style={{ marginTop: '0.6rem', maxWidth: 360 }}>
            <label htmlFor={`${id}-clientId`}>Client</label>
            <select id={`${id}-clientId`} value={form.clientId} onChange={(e) => change({ clientId: e.target.value })} {...invalid('clientId')}>
              <option value="">Choose a client</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {errorText('clientId')}
          </div>
        ) : null}
        {form.scope === 'domain' ? (
          <div style={{ marginTop: '0.6rem' }}>
            <DomainPicker id={id} form={form} clients={clients} onChange={change} error={errorText('domainId')} />
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>What it receives</legend>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-minSeverity`}>Alerts from severity</label>
            <select id={`${id}-minSeverity`} value={form.minSeverity} onChange={(e) => change({ minSeverity: e.target.value as ChannelForm['minSeverity'] })}>
              {ALERT_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s} and above
                </option>
              ))}
            </select>
          </div>
          <fieldset className="inline-fieldset" aria-describedby={errorOf('events') ? `${id}-events-error` : undefined}>
            <legend className="label-like">Events</legend>
            {CHANNEL_EVENTS.map((e) => (
              <label key={e} className="check">
                <input type="checkbox" checked={form.events[e]} onChange={(ev) => change({ events: { ...form.events, [e]: ev.target.checked } })} /> {CHANNEL_EVENT_LABELS[e]}
              </label>
            ))}
            {errorText('events')}
          </fieldset>
        </div>
        {form.events.reports ? (
          <p className="muted small">
            {form.scope === 'domain'
              ? 'Reports are per client: a channel bound to one domain receives none.'
              : form.scope === 'client'
                ? 'This client’s weekly report, with the PDF and CSV attached (webhooks get links).'
                : 'Every client’s weekly report, with the PDF and CSV attached (webhooks get links).'}
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Quiet hours</legend>
        <label className="check">
          <input type="checkbox" checked={form.quietHours} onChange={(e) => change({ quietHours: e.target.checked })} /> Hold deliveries during quiet hours
        </label>
        {form.quietHours ? (
          <>
            <div className="form-grid" style={{ marginTop: '0.6rem' }}>
              <div className="field">
                <label htmlFor={`${id}-quietStart`}>From</label>
                <input id={`${id}-quietStart`} type="time" value={form.quietStart} onChange={(e) => change({ quietStart: e.target.value })} {...invalid('quietStart')} />
                {errorText('quietStart')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-quietEnd`}>Until</label>
                <input id={`${id}-quietEnd`} type="time" value={form.quietEnd} onChange={(e) => change({ quietEnd: e.target.value })} {...invalid('quietEnd')} />
                {errorText('quietEnd')}
              </div>
              <div className="field">
                <label htmlFor={`${id}-quietTimeZone`}>
                  Time zone <span className="field-hint">(empty = the organization’s)</span>
                </label>
                <input id={`${id}-quietTimeZone`} type="text" value={form.quietTimeZone} placeholder={organizationTimeZone ?? 'Europe/Paris'} onChange={(e) => change({ quietTimeZone: e.target.value })} {...invalid('quietTimeZone')} />
                {errorText('quietTimeZone')}
              </div>
            </div>
            <p className="muted small">Messages that fall inside the window wait and go out at its end ({form.quietStart || '…'} → {form.quietEnd || '…'} may cross midnight). Test sends ignore it.</p>
          </>
        ) : null}
      </fieldset>

      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : channel ? 'Save changes' : 'Create channel'}
        </button>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        {submitted && Object.keys(problems).length > 0 ? (
          <span className="field-error" role="alert">
            Fix the fields marked above.
          </span>
        ) : null}
      </div>
      {apiErrors.form ? (
        <p className="field-error" role="alert">
          {apiErrors.form}
        </p>
      ) : null}
      {save.isError && Object.keys(apiErrors).length === 0 ? <ErrorState title="The channel was not saved" error={save.error} /> : null}
    </form>
  );
}
