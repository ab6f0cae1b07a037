import { ADVICE, type AlertDigest, type DigestAlert, digestHeadline, domainUrl, groupAlerts, plural, severityCounts } from './digest';
import { emailDocument, html, type RawHtml, SEVERITY_COLOURS } from './html';

/** Alerts described in full in one message; the rest are listed one line each. */
export const DETAILED_ALERTS = 25;
/** Domains listed under one provider change. */
const LISTED_DOMAINS = 500;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function recordLines(alert: DigestAlert): string[] {
  if (alert.recordBefore === null && alert.recordAfter === null) return [];
  if (alert.recordBefore === alert.recordAfter) return [`  Record: ${alert.recordAfter}`];
  return [`  Record before: ${alert.recordBefore ?? '(none)'}`, `  Record after:  ${alert.recordAfter ?? '(none)'}`];
}

function whyOf(alert: DigestAlert): string {
  return typeof alert.detail.message === 'string' ? alert.detail.message : alert.title;
}

/** An alerts digest as an email: what changed, why it matters, what to do, with links. */
export function renderAlertEmail(digest: AlertDigest): RenderedEmail {
  const headline = digestHeadline(digest);
  const { providers, others } = groupAlerts(digest.alerts);
  const domains = new Set(digest.alerts.map((a) => a.domainId)).size;
  const intro = `${plural(digest.alerts.length, 'alert')} (${severityCounts(digest.alerts)}) on ${plural(domains, 'domain')} of ${digest.organization.name}.`;

  // ── plain text ──
  const text: string[] = [headline, '', intro, ''];
  for (const { event, alerts } of providers) {
    text.push(`PROVIDER CHANGE: ${event.includeDomain}${event.service ? ` (${event.service})` : ''} changed`);
    text.push('What changed:');
    for (const c of event.changes.length > 0 ? event.changes : ['The include returns different content.']) text.push(`  - ${c}`);
    if (event.recordBefore !== event.recordAfter) {
      text.push(`  Include record before: ${event.recordBefore ?? '(none)'}`, `  Include record after:  ${event.recordAfter ?? '(none)'}`);
    }
    const types = [...new Set(alerts.map((a) => a.type))];
    text.push(`Why it matters: it broke ${plural(new Set(alerts.map((a) => a.domainId)).size, 'domain')} of yours. ${whyOf(alerts[0]!)}`);
    text.push(`What to do: ${types.map((t) => ADVICE[t]).join(' ')}`);
    text.push('Affected:');
    for (const a of alerts.slice(0, LISTED_DOMAINS)) text.push(`  - [${a.severity}] ${a.domain} (${a.clientName}): ${a.title} ${domainUrl(digest.publicUrl, a.domainId)}`);
    if (alerts.length > LISTED_DOMAINS) text.push(`  … and ${alerts.length - LISTED_DOMAINS} more`);
    text.push('');
  }
  others.forEach((a, i) => {
    if (i >= DETAILED_ALERTS) return;
    text.push(`[${a.severity.toUpperCase()}] ${a.title}`);
    text.push(`  Domain: ${a.domain} (client ${a.clientName})${a.state !== 'open' ? ` — now ${a.state}` : ''}`);
    if (a.changes.length > 0) {
      text.push('  What changed:');
      for (const c of a.changes) text.push(`    - ${c}`);
    }
    text.push(...recordLines(a));
    text.push(`  Why it matters: ${whyOf(a)}`);
    text.push(`  What to do: ${ADVICE[a.type]}`);
    for (const fix of a.fixes) text.push(`    - ${fix}`);
    text.push(`  Details: ${domainUrl(digest.publicUrl, a.domainId)}`, '');
  });
  if (others.length > DETAILED_ALERTS) {
    text.push(`${others.length - DETAILED_ALERTS} more:`);
    for (const a of others.slice(DETAILED_ALERTS)) text.push(`  - [${a.severity}] ${a.title} ${domainUrl(digest.publicUrl, a.domainId)}`);
    text.push('');
  }

  // ── HTML ──
  const badge = (severity: string) => html`<span style="display:inline-block;padding:1px 6px;border-radius:4px;font-size:12px;font-weight:600;color:#fff;background:${SEVERITY_COLOURS[severity] ?? '#475467'}">${severity.toUpperCase()}</span>`;
  const code = (value: string | null) => html`<code style="background:#f2f4f7;padding:2px 4px;border-radius:3px;word-break:break-all">${value ?? '(none)'}</code>`;
  const records = (a: DigestAlert): RawHtml | null => {
    if (a.recordBefore === null && a.recordAfter === null) return null;
    if (a.recordBefore === a.recordAfter) return html`<p>Record: ${code(a.recordAfter)}</p>`;
    return html`<p>Record before: ${code(a.recordBefore)}<br>Record after: ${code(a.recordAfter)}</p>`;
  };
  const providerHtml = providers.map(({ event, alerts }) => {
    const types = [...new Set(alerts.map((a) => a.type))];
    return html`<div style="border:1px solid #d0d5dd;border-radius:8px;padding:12px 16px;margin:16px 0">
<h2 style="font-size:17px;margin:0 0 8px">Provider change: ${event.includeDomain}${event.service ? ` (${event.service})` : ''}</h2>
<p><strong>What changed</strong></p><ul>${(event.changes.length > 0 ? event.changes : ['The include returns different content.']).map((c) => html`<li>${c}</li>`)}</ul>
${event.recordBefore !== event.recordAfter ? html`<p>Include record before: ${code(event.recordBefore)}<br>Include record after: ${code(event.recordAfter)}</p>` : null}
<p><strong>Why it matters</strong>: it broke ${plural(new Set(alerts.map((a) => a.domainId)).size, 'domain')} of yours. ${whyOf(alerts[0]!)}</p>
<p><strong>What to do</strong>: ${types.map((t) => ADVICE[t]).join(' ')}</p>
<ul>${alerts.slice(0, LISTED_DOMAINS).map((a) => html`<li>${badge(a.severity)} <a href="${domainUrl(digest.publicUrl, a.domainId)}">${a.domain}</a> (${a.clientName}): ${a.title}</li>`)}</ul>
${alerts.length > LISTED_DOMAINS ? html`<p>… and ${alerts.length - LISTED_DOMAINS} more</p>` : null}
</div>`;
  });
  const othersHtml = others.slice(0, DETAILED_ALERTS).map(
    (a) => html`<div style="border:1px solid #d0d5dd;border-radius:8px;padding:12px 16px;margin:16px 0">
<h2 style="font-size:17px;margin:0 0 8px">${badge(a.severity)} ${a.title}</h2>
<p>Domain: <a href="${domainUrl(digest.publicUrl, a.domainId)}">${a.domain}</a> (client ${a.clientName})${a.state !== 'open' ? ` — now ${a.state}` : ''}</p>
${a.changes.length > 0 ? html`<p><strong>What changed</strong></p><ul>${a.changes.map((c) => html`<li>${c}</li>`)}</ul>` : null}
${records(a)}
<p><strong>Why it matters</strong>: ${whyOf(a)}</p>
<p><strong>What to do</strong>: ${ADVICE[a.type]}</p>
${a.fixes.length > 0 ? html`<ul>${a.fixes.map((f) => html`<li>${f}</li>`)}</ul>` : null}
<p><a href="${domainUrl(digest.publicUrl, a.domainId)}">Open ${a.domain} in spfwatch</a></p>
</div>`,
  );
  const restHtml =
    others.length > DETAILED_ALERTS
      ? html`<h2 style="font-size:17px">${others.length - DETAILED_ALERTS} more</h2><ul>${others.slice(DETAILED_ALERTS).map((a) => html`<li>${badge(a.severity)} <a href="${domainUrl(digest.publicUrl, a.domainId)}">${a.title}</a></li>`)}</ul>`
      : null;
  const body = html`<h1 style="font-size:20px">${headline}</h1><p>${intro}</p>${providerHtml}${othersHtml}${restHtml}`;
  return { subject: `[spfwatch] ${headline}`, text: text.join('\n'), html: emailDocument(headline, body) };
}

/** The body of a channel test. */
export function renderTestEmail(organization: string, channel: string, publicUrl: string): RenderedEmail {
  const subject = `[spfwatch] Test message for "${channel}"`;
  const text = `This is a test message from spfwatch for the channel "${channel}" of ${organization}.\n\nIf you can read it, alerts will reach you here.\n\n${publicUrl}`;
  const body = html`<h1 style="font-size:20px">Test message</h1><p>This is a test message from spfwatch for the channel <strong>${channel}</strong> of ${organization}.</p><p>If you can read it, alerts will reach you here.</p><p><a href="${publicUrl}">${publicUrl}</a></p>`;
  return { subject, text, html: emailDocument(subject, body) };
}
