import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CatalogueServiceResponse } from '@spfwatch/contracts';
import { useServices } from '../../../api/get-services';
import { CopyButton } from '../../../components/copy-button';
import { ErrorState, LoadingState } from '../../../components/states';
import { useDebouncedValue } from '../../../hooks/use-debounced-value';
import { analyze, useAnalyze } from '../api/analyze';
import { buildRecord, draftFromRecord, draftProblems, EMPTY_DRAFT, splitList, type AllQualifier, type RecordDraft } from '../utils/build-record';
import { WhatIfPanel } from './what-if-panel';

type OfferedService = CatalogueServiceResponse & { include: string };

const DOMAIN = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?$/i;

/** Debounce for the live analysis: long enough not to query on every keystroke. */
export const ANALYZE_DEBOUNCE_MS = 500;

/**
 * Record builder and what-if editor: checkboxes like the usual SPF wizards, or the record as
 * text; every change is analysed (debounced) against the domain's record in service.
 */
export function RecordBuilderTool() {
  const [params] = useSearchParams();
  const initialRecord = params.get('record');
  const [domain, setDomain] = useState(params.get('domain') ?? '');
  const [mode, setMode] = useState<'builder' | 'text'>(initialRecord ? 'text' : 'builder');
  const [draft, setDraft] = useState<RecordDraft>(() => (initialRecord ? (draftFromRecord(initialRecord) ?? EMPTY_DRAFT) : EMPTY_DRAFT));
  const [text, setText] = useState(initialRecord ?? buildRecord(EMPTY_DRAFT));
  const [ip4Text, setIp4Text] = useState(draft.ip4.join('\n'));
  const [ip6Text, setIp6Text] = useState(draft.ip6.join('\n'));
  const [serviceFilter, setServiceFilter] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const services = useServices();

  const record = mode === 'builder' ? buildRecord(draft) : text;
  const problems = mode === 'builder' ? draftProblems(draft) : [];
  const domainOk = DOMAIN.test(domain.trim());
  // Debounce a string (stable between renders), not an object.
  const requestKey = useDebouncedValue(domainOk && record.trim() !== '' && problems.length === 0 ? JSON.stringify([domain.trim(), record.trim()]) : null, ANALYZE_DEBOUNCE_MS);
  const body = useMemo(() => {
    if (requestKey === null) return null;
    const [d, r] = JSON.parse(requestKey) as [string, string];
    return { domain: d, record: r };
  }, [requestKey]);
  const result = useAnalyze(body);

  const setFromRecord = (recordText: string): void => {
    const parsed = draftFromRecord(recordText);
    setText(recordText);
    if (parsed) {
      setDraft(parsed);
      setIp4Text(parsed.ip4.join('\n'));
      setIp6Text(parsed.ip6.join('\n'));
    }
  };
  const update = (patch: Partial<RecordDraft>): void => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setText(buildRecord(next));
  };
  const switchMode = (next: 'builder' | 'text'): void => {
    if (next === 'builder') setFromRecord(text);
    else setText(buildRecord(draft));
    setMode(next);
  };
  const loadLive = async (): Promise<void> => {
    if (!domainOk) return;
    setLoading(true);
    setLoadError(null);
    try {
      const live = await analyze({ domain: domain.trim() });
      if (live.analysis.record) setFromRecord(live.analysis.record);
      else setLoadError(`${domain.trim()} publishes no SPF record yet: build one below.`);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  };

  // Services with one include for every customer; per-customer ones (HubSpot) cannot be ticked.
  const offered = useMemo(() => (services.data?.items ?? []).filter((s): s is OfferedService => s.include !== null), [services.data]);
  const filteredServices = useMemo(() => {
    const q = serviceFilter.trim().toLowerCase();
    return q ? offered.filter((s) => s.name.toLowerCase().includes(q) || s.include.includes(q)) : offered;
  }, [offered, serviceFilter]);
  const knownIncludes = new Map(offered.map((s) => [s.include, s]));
  const toggleService = (s: OfferedService, on: boolean): void => {
    update({ includes: on ? [...draft.includes, s.include] : draft.includes.filter((i) => i !== s.include) });
  };
  const otherIncludes = draft.includes.filter((i) => !knownIncludes.has(i));
  const unparsable = mode === 'text' && record.trim() !== '' && draftFromRecord(record) === null;

  return (
    <div className="grid-2" style={{ alignItems: 'start' }}>
      <div className="stack">
        <section className="panel">
          <div className="field">
            <label htmlFor="builder-domain">Domain</label>
            <div className="row">
              <input id="builder-domain" type="text" autoComplete="off" value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="example.com" style={{ flex: '1 1 200px' }} aria-invalid={domain !== '' && !domainOk ? true : undefined} />
              <button type="button" className="btn" onClick={() => void loadLive()} disabled={!domainOk || loading}>
                {loading ? 'Loading…' : 'Start from the live record'}
              </button>
            </div>
            <span className="field-hint">The draft is analysed as if published at this domain and compared with its record in service.</span>
            {loadError ? <span className="field-error">{loadError}</span> : null}
          </div>
        </section>

        <div className="tabs" role="tablist" aria-label="How to edit the draft">
          <button type="button" role="tab" className="tab" aria-selected={mode === 'builder'} onClick={() => switchMode('builder')}>
            Build with checkboxes
          </button>
          <button type="button" role="tab" className="tab" aria-selected={mode === 'text'} onClick={() => switchMode('text')}>
            Edit the record text
          </button>
        </div>

        {mode === 'builder' ? (
          <section className="panel stack" aria-label="Record builder">
            <fieldset>
              <legend>Your own servers</legend>
              <label className="check">
                <input type="checkbox" checked={draft.mx} onChange={(e) => update({ mx: e.target.checked })} /> <code>mx</code> — the servers in the domain’s MX records
              </label>
              <p className="field-hint" style={{ margin: '0.1rem 0 0.4rem 1.6rem' }}>
                Only if those servers also send. Hosted mailboxes (Google, Microsoft) send from other servers: include the service instead.
              </p>
              <label className="check">
                <input type="checkbox" checked={draft.a} onChange={(e) => update({ a: e.target.checked })} /> <code>a</code> — the domain’s own address (A/AAAA)
              </label>
              <div className="grid-2" style={{ marginTop: '0.5rem' }}>
                <div className="field">
                  <label htmlFor="builder-ip4">
                    IPv4 addresses or ranges <span className="field-hint">(one per line)</span>
                  </label>
                  <textarea
                    id="builder-ip4"
                    rows={3}
                    value={ip4Text}
                    onChange={(e) => {
                      setIp4Text(e.target.value);
                      update({ ip4: splitList(e.target.value) });
                    }}
                    placeholder="192.0.2.10&#10;198.51.100.0/24"
                  />
                </div>
                <div className="field">
                  <label htmlFor="builder-ip6">
                    IPv6 addresses or ranges <span className="field-hint">(one per line)</span>
                  </label>
                  <textarea
                    id="builder-ip6"
                    rows={3}
                    value={ip6Text}
                    onChange={(e) => {
                      setIp6Text(e.target.value);
                      update({ ip6: splitList(e.target.value) });
                    }}
                    placeholder="2001:db8::/32"
                  />
                </div>
              </div>
            </fieldset>

            <fieldset>
              <legend>Sending services</legend>
              <div className="field" style={{ marginBottom: '0.5rem' }}>
                <label htmlFor="builder-service-filter">Find a service</label>
                <input id="builder-service-filter" type="search" value={serviceFilter} onChange={(e) => setServiceFilter(e.target.value)} placeholder="Google, Mailchimp, SendGrid…" />
              </div>
              {services.isPending ? (
                <LoadingState label="Loading services" />
              ) : services.isError ? (
                <ErrorState error={services.error} onRetry={() => void services.refetch()} />
              ) : (
                <div className="service-picker" role="group" aria-label="Services">
                  {filteredServices.length === 0 ? <span className="muted">No service matches.</span> : null}
                  {filteredServices.map((s) => (
                    <label key={s.id} className="check" title={`include:${s.include}`}>
                      <input type="checkbox" checked={draft.includes.includes(s.include)} onChange={(e) => toggleService(s, e.target.checked)} /> {s.name}
                    </label>
                  ))}
                </div>
              )}
              {otherIncludes.length > 0 || draft.extra.length > 0 ? (
                <p className="small" style={{ marginBottom: 0 }}>
                  Also kept from the record: <span className="mono">{[...otherIncludes.map((i) => `include:${i}`), ...draft.extra].join(' ')}</span>
                </p>
              ) : null}
            </fieldset>

            <fieldset>
              <legend>Mail from servers not listed</legend>
              {(
                [
                  ['~all', 'Soft fail (~all): accept but mark — the safe start'],
                  ['-all', 'Fail (-all): reject — once every sender is listed'],
                  ['?all', 'Neutral (?all): no statement — protects nothing'],
                ] as Array<[AllQualifier, string]>
              ).map(([value, label]) => (
                <label key={value} className="check" style={{ display: 'flex' }}>
                  <input type="radio" name="builder-all" value={value} checked={draft.all === value} onChange={() => update({ all: value })} /> {label}
                </label>
              ))}
            </fieldset>
            {problems.length > 0 ? (
              <ul className="field-error" role="alert">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : (
          <section className="panel" aria-label="Record text">
            <div className="field">
              <label htmlFor="builder-text">Draft record</label>
              <textarea id="builder-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} aria-invalid={unparsable ? true : undefined} />
              {unparsable ? <span className="field-error">An SPF record starts with “v=spf1 ”.</span> : null}
            </div>
          </section>
        )}

        <section className="panel" aria-label="Record to publish">
          <div className="row" style={{ marginBottom: '0.4rem' }}>
            <h2 style={{ margin: 0 }}>TXT record</h2>
            <span className="spacer" />
            <CopyButton text={record} />
          </div>
          <p className="record" data-testid="built-record">
            {record}
          </p>
        </section>
      </div>

      <div>
        {!domainOk ? (
          <div className="state state-empty">
            <strong>Enter the domain to see the analysis</strong>
            <span className="muted">Lookups, findings, services, and which networks gain or lose authorisation compared with the live record.</span>
          </div>
        ) : body === null && problems.length > 0 ? (
          <div className="state state-empty">
            <strong>Fix the marked entries to analyse the draft</strong>
          </div>
        ) : result.isPending ? (
          <LoadingState label="Analysing the draft" />
        ) : result.isError ? (
          <ErrorState title="The draft could not be analysed" error={result.error} onRetry={() => void result.refetch()} />
        ) : (
          <WhatIfPanel result={result.data} stale={result.isFetching || (body?.record ?? '') !== record.trim()} />
        )}
      </div>
    </div>
  );
}
