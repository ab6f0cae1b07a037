import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { CheckHostBody } from '@spfwatch/contracts';
import { useServices } from '../../../api/get-services';
import { CopyButton } from '../../../components/copy-button';
import { ErrorState, LoadingState } from '../../../components/states';
import { useAnalyze } from '../api/analyze';
import { useCheckHost } from '../api/check-host';
import { explainBounce } from '../utils/explain-bounce';
import { looksLikeIp, parseBounce, type BounceFacts } from '../utils/parse-bounce';
import { CheckResultCard } from './check-result-card';

const DOMAIN = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

interface Target {
  ip: string;
  /** An address (MAIL FROM) or just the domain. */
  sender: string;
}

function domainOf(sender: string): string {
  return sender.includes('@') ? sender.slice(sender.lastIndexOf('@') + 1) : sender;
}

/** Paste a bounce; spfwatch finds the sending IP and sender, runs the check and says what to change. */
export function ExplainBounceTool() {
  const [text, setText] = useState('');
  const [facts, setFacts] = useState<BounceFacts | null>(null);
  const [ip, setIp] = useState('');
  const [sender, setSender] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<Target | null>(null);

  const read = (event: FormEvent): void => {
    event.preventDefault();
    const found = parseBounce(text);
    setFacts(found);
    setIp(found.ip ?? '');
    setSender(found.sender ?? found.domain ?? '');
    setErrors({});
    // Run at once only when the bounce named both and neither is a guess to confirm.
    setTarget(found.ip && found.domain && !found.ipGuessed && !found.senderFromHeader ? { ip: found.ip, sender: found.sender ?? found.domain } : null);
  };

  const run = (event: FormEvent): void => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!looksLikeIp(ip)) next.ip = 'Enter the public IP address of the server that sent the message (IPv4 or IPv6).';
    const s = sender.trim();
    if (!(s.includes('@') ? DOMAIN.test(domainOf(s)) : DOMAIN.test(s))) next.sender = 'Enter the envelope sender (you@yourdomain.com) or just the domain.';
    setErrors(next);
    if (Object.keys(next).length === 0) setTarget({ ip: ip.trim(), sender: s });
  };

  return (
    <div className="stack">
      <form className="panel" onSubmit={read} aria-label="Paste a bounce">
        <div className="field">
          <label htmlFor="bounce-text">
            Bounce message <span className="field-hint">(the whole NDR, a log line, or the rejection text — headers help)</span>
          </label>
          <textarea id="bounce-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} placeholder={'e.g. 550-5.7.26 This message does not pass authentication checks …\nor: Remote Server returned \'<… #5.0.0 smtp; 551 5.0.0 Rejected, look at http://www.openspf.org/why.html?sender=…&ip=…>\''} />
        </div>
        <div className="row" style={{ marginTop: '0.6rem' }}>
          <button type="submit" className="btn btn-primary" disabled={text.trim() === ''}>
            Explain this bounce
          </button>
        </div>
      </form>

      {facts ? <BounceFactsPanel facts={facts} /> : null}

      {facts ? (
        <form className="panel" onSubmit={run} noValidate aria-label="Who sent the message">
          {facts.missing.length > 0 || facts.ipGuessed || facts.senderFromHeader ? (
            <p className="notice" style={{ marginTop: 0 }}>
              {askText(facts)}
            </p>
          ) : null}
          <div className="grid-2">
            <div className="field">
              <label htmlFor="bounce-ip">Sending IP</label>
              <input id="bounce-ip" type="text" autoComplete="off" value={ip} onChange={(e) => setIp(e.target.value)} placeholder="203.0.113.25" aria-invalid={errors.ip ? true : undefined} aria-describedby={errors.ip ? 'bounce-ip-error' : undefined} />
              {errors.ip ? (
                <span id="bounce-ip-error" className="field-error">
                  {errors.ip}
                </span>
              ) : null}
              {facts.ipCandidates.filter((c) => c.role !== 'receiver').length > 1 ? (
                <div className="row small" style={{ marginTop: 4 }}>
                  <span className="muted">Found:</span>
                  {facts.ipCandidates
                    .filter((c) => c.role !== 'receiver')
                    .map((c) => (
                      <button key={c.ip} type="button" className="chip" onClick={() => setIp(c.ip)} title={c.source}>
                        {c.ip}
                      </button>
                    ))}
                </div>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="bounce-sender">
                Envelope sender or domain <span className="field-hint">(MAIL FROM)</span>
              </label>
              <input id="bounce-sender" type="text" autoComplete="off" value={sender} onChange={(e) => setSender(e.target.value)} placeholder="you@yourdomain.com" aria-invalid={errors.sender ? true : undefined} aria-describedby={errors.sender ? 'bounce-sender-error' : undefined} />
              {errors.sender ? (
                <span id="bounce-sender-error" className="field-error">
                  {errors.sender}
                </span>
              ) : null}
            </div>
          </div>
          <div className="row" style={{ marginTop: '0.6rem' }}>
            <button type="submit" className="btn btn-primary">
              Check and explain
            </button>
          </div>
        </form>
      ) : null}

      {facts && target ? <BounceVerdict facts={facts} target={target} /> : null}
    </div>
  );
}

function askText(facts: BounceFacts): string {
  const parts: string[] = [];
  if (facts.missing.includes('ip')) {
    parts.push(
      facts.redacted.includes('ip')
        ? 'The bounce hides the sending IP (it shows a placeholder such as x.x.x.x): enter the public IP of the server that sent the message.'
        : 'The bounce does not name the sending server’s IP: enter the public IP of the server that sent the message (your server, or the service you send through).',
    );
  } else if (facts.ipGuessed) {
    parts.push(`The bounce does not say which server sent the message; ${facts.ip} is the only address in it — confirm or correct it.`);
  }
  if (facts.missing.includes('sender')) {
    parts.push(facts.redacted.includes('sender') ? 'The sender’s address is hidden in the bounce: enter it, or just its domain.' : 'Which address or domain sent the message? Enter the envelope sender, or just the domain.');
  } else if (facts.senderFromHeader) {
    parts.push('The sender comes from the From: header; SPF checks the envelope sender (Return-Path), which is usually the same domain — correct it if not.');
  }
  return parts.join(' ');
}

function BounceFactsPanel({ facts }: { facts: BounceFacts }) {
  return (
    <section className="panel" aria-labelledby="bounce-facts-title">
      <h2 id="bounce-facts-title">What the bounce says</h2>
      <dl className="kv">
        <dt>Sending IP</dt>
        <dd>
          {facts.ip ? (
            <>
              <span className="mono">{facts.ip}</span> <span className="muted small">({facts.ipGuessed ? 'a guess: ' : 'from '}{facts.ipSource})</span>
            </>
          ) : (
            <span className="muted">{facts.redacted.includes('ip') ? 'hidden in the bounce' : 'not found'}</span>
          )}
        </dd>
        <dt>Sender</dt>
        <dd>
          {facts.sender ?? facts.domain ? (
            <>
              <span className="mono">{facts.sender ?? facts.domain}</span> <span className="muted small">(from {facts.senderSource})</span>
            </>
          ) : (
            <span className="muted">{facts.redacted.includes('sender') ? 'hidden in the bounce' : 'not found'}</span>
          )}
        </dd>
        {facts.receiver ? (
          <>
            <dt>Refused by</dt>
            <dd className="mono">{facts.receiver}</dd>
          </>
        ) : null}
        {facts.smtpCode || facts.statusCode ? (
          <>
            <dt>Reply code</dt>
            <dd>
              <span className="mono">{[facts.smtpCode, facts.statusCode].filter(Boolean).join(' ')}</span>
              {facts.codeMeaning ? <span> — {facts.codeMeaning}</span> : null}
            </dd>
          </>
        ) : null}
        {facts.sendingService ? (
          <>
            <dt>Sent through</dt>
            <dd>
              {facts.sendingService.name} <span className="muted small">(“{facts.sendingService.cue}”)</span>
            </dd>
          </>
        ) : facts.ownServer ? (
          <>
            <dt>Sent by</dt>
            <dd>your own server ({facts.ownServer})</dd>
          </>
        ) : null}
        {facts.quotedRecords.length > 0 ? (
          <>
            <dt>Records quoted</dt>
            <dd>
              {facts.quotedRecords.map((r) => (
                <div key={r} className="mono small">
                  {r}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {!facts.mentionsSpf && !facts.statusCode ? <p className="muted small">This text does not mention SPF or an SMTP reply code; the check below still tells whether SPF would pass.</p> : null}
    </section>
  );
}

function BounceVerdict({ facts, target }: { facts: BounceFacts; target: Target }) {
  const domain = domainOf(target.sender).toLowerCase();
  const checkBody: CheckHostBody = target.sender.includes('@') ? { ip: target.ip, sender: target.sender } : { ip: target.ip, domain };
  const check = useCheckHost(checkBody);
  const analysis = useAnalyze({ domain });
  const services = useServices();

  const explanation = useMemo(
    () => (check.data ? explainBounce(facts, check.data, analysis.data?.analysis ?? null, services.data?.items ?? []) : null),
    [facts, check.data, analysis.data, services.data],
  );

  if (check.isPending || (analysis.isPending && !analysis.isError)) return <LoadingState label={`Checking ${target.ip} against the SPF record of ${domain}`} />;
  if (check.isError) return <ErrorState title="The check could not run" error={check.error} onRetry={() => void check.refetch()} />;
  if (!explanation) return null;
  const builderLink = explanation.suggestedRecord ? `/tools/record-builder?${new URLSearchParams({ domain, record: explanation.suggestedRecord }).toString()}` : null;
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="bounce-verdict-title">
        <h2 id="bounce-verdict-title" className={explanation.verdict === 'passes-now' ? 'ok-text' : 'error-text'}>
          {explanation.headline}
        </h2>
        <div className="explain">
          {explanation.why.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
        {explanation.fixes.length > 0 ? (
          <div className="fix-box" style={{ marginTop: '0.75rem' }}>
            <strong>What to change</strong>
            <ol>
              {explanation.fixes.map((f) => (
                <li key={f.text}>{f.text}</li>
              ))}
            </ol>
          </div>
        ) : null}
        {explanation.suggestedRecord ? (
          <div style={{ marginTop: '0.75rem' }}>
            <div className="row">
              <h3 style={{ margin: 0 }}>Suggested record</h3>
              <CopyButton text={explanation.suggestedRecord} />
              {builderLink ? (
                <Link to={builderLink} className="btn btn-small">
                  Try it in the record builder
                </Link>
              ) : null}
            </div>
            <p className="record" data-testid="suggested-record">
              {explanation.suggestedRecord}
            </p>
          </div>
        ) : null}
        {analysis.isError ? <p className="muted small">The record’s analysis could not be loaded ({analysis.error.message}); the advice uses the check alone.</p> : null}
      </section>
      <details className="panel">
        <summary>The full check result</summary>
        <CheckResultCard result={check.data} />
      </details>
    </div>
  );
}
