import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { CheckHostBody } from '@spfwatch/contracts';
import { fieldErrors } from '../../../api/http';
import { ErrorState, LoadingState } from '../../../components/states';
import { useCheckHost } from '../api/check-host';
import { looksLikeIp } from '../utils/parse-bounce';
import { CheckResultCard } from './check-result-card';

/** "Why did SPF pass or fail?" for one connection. The inputs live in the URL, so results are linkable like openspf's why page. */
export function CheckIpTool() {
  const [params, setParams] = useSearchParams();
  const [ip, setIp] = useState(params.get('ip') ?? '');
  const [sender, setSender] = useState(params.get('sender') ?? '');
  const [helo, setHelo] = useState(params.get('helo') ?? '');
  const [trace, setTrace] = useState(params.get('trace') === '1');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submitted: CheckHostBody | null = params.get('ip')
    ? {
        ip: params.get('ip')!,
        ...(params.get('sender') ? { sender: params.get('sender')! } : {}),
        ...(params.get('helo') ? { helo: params.get('helo')! } : {}),
        ...(params.get('trace') === '1' ? { trace: true } : {}),
      }
    : null;
  const query = useCheckHost(submitted);
  const serverErrors = fieldErrors(query.error);

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!looksLikeIp(ip)) next.ip = 'Enter an IPv4 or IPv6 address, e.g. 192.0.2.10.';
    if (sender.trim() === '' && helo.trim() === '') next.sender = 'Enter the envelope sender (MAIL FROM), or a HELO name.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const search = new URLSearchParams({ ip: ip.trim() });
    if (sender.trim()) search.set('sender', sender.trim());
    if (helo.trim()) search.set('helo', helo.trim());
    if (trace) search.set('trace', '1');
    setParams(search);
  };

  const ipError = errors.ip ?? serverErrors.ip;
  const senderError = errors.sender ?? serverErrors.sender;
  return (
    <div className="stack">
      <form className="panel" onSubmit={onSubmit} noValidate aria-label="Check an IP">
        <p className="muted" style={{ marginTop: 0 }}>
          Would a receiver accept mail from this server for this sender? spfwatch runs the same check receivers do (RFC 7208 check_host) against live DNS.
        </p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="check-ip">Sending IP</label>
            <input id="check-ip" type="text" inputMode="text" autoComplete="off" value={ip} onChange={(e) => setIp(e.target.value)} placeholder="192.0.2.10" aria-invalid={ipError ? true : undefined} aria-describedby={ipError ? 'check-ip-error' : undefined} />
            {ipError ? (
              <span id="check-ip-error" className="field-error">
                {ipError}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="check-sender">
              Envelope sender <span className="field-hint">(MAIL FROM)</span>
            </label>
            <input id="check-sender" type="text" autoComplete="off" value={sender} onChange={(e) => setSender(e.target.value)} placeholder="alice@example.com" aria-invalid={senderError ? true : undefined} aria-describedby={senderError ? 'check-sender-error' : undefined} />
            {senderError ? (
              <span id="check-sender-error" className="field-error">
                {senderError}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="check-helo">
              HELO name <span className="field-hint">(optional)</span>
            </label>
            <input id="check-helo" type="text" autoComplete="off" value={helo} onChange={(e) => setHelo(e.target.value)} placeholder="mail.example.com" />
          </div>
        </div>
        <div className="row" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="btn btn-primary">
            Check
          </button>
          <label className="check">
            <input type="checkbox" checked={trace} onChange={(e) => setTrace(e.target.checked)} /> Show the evaluation trace
          </label>
        </div>
      </form>
      {submitted === null ? null : query.isPending ? (
        <LoadingState label="Checking" />
      ) : query.isError ? (
        <ErrorState title="The check could not run" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <CheckResultCard result={query.data} />
      )}
    </div>
  );
}
