import { emailDocument, html, SEVERITY_COLOURS } from '../../notifications/render/html';
import type { RenderedEmail } from '../../notifications/render/alert-email';
import { localTime, periodLabel, reportTitle, trendLabel } from './format';
import type { ReportData } from './report-data';

const STATUS_COLOURS: Record<string, string> = { ok: '#067647', warning: '#b54708', broken: '#b42318', unknown: '#475467' };
const LISTED = 50;

/** The email that carries a report: the summary and the domain table in HTML, the PDF and CSV attached. */
export function renderReportEmail(data: ReportData, links: { pdfUrl: string; csvUrl: string; dashboardUrl: string }): RenderedEmail {
  const title = reportTitle(data);
  const s = data.summary;
  const summaryLine = `${s.domains} domains: ${s.ok} ok, ${s.warning} warning, ${s.broken} broken${s.unknown > 0 ? `, ${s.unknown} not checked yet` : ''}. ${s.changes} changes and ${s.alerts} alerts during the period; ${s.openIssues} open issues.`;
  const text: string[] = [title, '', summaryLine, '', 'Domains (lookups, trend, all policy, services):'];
  for (const d of data.domains) {
    text.push(`  ${d.name}: ${d.status}, ${d.lookupCount ?? '–'} lookups (${trendLabel(d) || 'n/a'}), ${d.allPolicy}, ${d.services.join(', ') || 'no known services'}`);
  }
  if (data.changes.length > 0) {
    text.push('', 'Changes:');
    for (const c of data.changes.slice(0, LISTED)) text.push(`  ${localTime(c.at, data.timeZone)} ${c.domain}: ${c.changes.join(' ') || 'record changed'}`);
  }
  if (data.alerts.length > 0) {
    text.push('', 'Alerts:');
    for (const a of data.alerts.slice(0, LISTED)) text.push(`  ${localTime(a.openedAt, data.timeZone)} [${a.severity}] ${a.title} (${a.state})`);
  }
  if (data.issues.length > 0) {
    text.push('', 'Open issues and recommended fixes:');
    for (const i of data.issues.slice(0, LISTED)) text.push(`  ${i.domain}: ${i.message}${i.fix ? ` Fix: ${i.fix}` : ''}`);
  }
  text.push('', `The full report is attached (PDF) with the domain table (CSV). Download: ${links.pdfUrl}`, links.dashboardUrl);

  const cell = 'padding:4px 8px;border-bottom:1px solid #eaecf0;text-align:left;vertical-align:top';
  const body = html`<h1 style="font-size:20px">${title}</h1>
<p>${summaryLine}</p>
<table style="border-collapse:collapse;font-size:13px;width:100%">
<thead><tr><th style="${cell}">Domain</th><th style="${cell}">Status</th><th style="${cell}">Lookups</th><th style="${cell}">Trend</th><th style="${cell}">All</th><th style="${cell}">Services</th></tr></thead>
<tbody>${data.domains.map(
    (d) =>
      html`<tr><td style="${cell}">${d.name}</td><td style="${cell};color:${STATUS_COLOURS[d.status] ?? '#475467'};font-weight:600">${d.status}</td><td style="${cell}">${d.lookupCount ?? '–'}</td><td style="${cell}">${trendLabel(d)}</td><td style="${cell}">${d.allPolicy}</td><td style="${cell}">${d.services.join(', ')}</td></tr>`,
  )}</tbody></table>
${data.changes.length > 0 ? html`<h2 style="font-size:17px">Changes</h2><ul>${data.changes.slice(0, LISTED).map((c) => html`<li>${localTime(c.at, data.timeZone)} <strong>${c.domain}</strong>: ${c.changes.join(' ') || 'record changed'}</li>`)}</ul>` : null}
${data.alerts.length > 0 ? html`<h2 style="font-size:17px">Alerts</h2><ul>${data.alerts.slice(0, LISTED).map((a) => html`<li><span style="color:${SEVERITY_COLOURS[a.severity] ?? '#475467'};font-weight:600">${a.severity}</span> ${a.title} (${a.state})</li>`)}</ul>` : null}
${data.issues.length > 0 ? html`<h2 style="font-size:17px">Open issues and recommended fixes</h2><ul>${data.issues.slice(0, LISTED).map((i) => html`<li><strong>${i.domain}</strong>: ${i.message}${i.fix ? html`<br><em>Fix:</em> ${i.fix}` : null}</li>`)}</ul>` : null}
<p>The full report with the lookup chart is attached as a PDF, the domain table as CSV. <a href="${links.pdfUrl}">Download the PDF</a> · <a href="${links.dashboardUrl}">Open spfwatch</a></p>`;
  return { subject: `[spfwatch] ${title}`, text: text.join('\n'), html: emailDocument(title, body) };
}

/** One line for Slack and webhooks. */
export function reportHeadline(data: ReportData): string {
  return `${reportTitle(data)}: ${data.summary.domains} domains, ${data.summary.broken} broken, ${data.summary.openIssues} open issues`;
}

export { periodLabel };
