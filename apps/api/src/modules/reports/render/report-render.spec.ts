import { PDFParse } from 'pdf-parse';
import { parse } from 'csv-parse/sync';
import { axisStep, pdfText, renderReportPdf } from './report-pdf';
import { renderReportCsv } from './report-csv';
import { renderReportEmail } from './report-email';
import type { ReportData } from './report-data';

function sampleReport(): ReportData {
  return {
    version: 1,
    organization: { id: 'org', name: 'Agency' },
    client: { id: 'c1', name: 'Acme Corp' },
    kind: 'weekly',
    periodStart: '2026-02-23T07:00:00.000Z',
    periodEnd: '2026-03-02T07:00:00.000Z',
    timeZone: 'Europe/Berlin',
    generatedAt: '2026-03-02T07:00:05.000Z',
    summary: { domains: 2, ok: 1, warning: 0, broken: 1, unknown: 0, changes: 1, alerts: 1, openIssues: 1 },
    domains: [
      { id: 'd2', name: 'broken.example', status: 'broken', lookupCount: 12, lookupCountBefore: 9, services: ['Google Workspace', 'SendGrid'], allPolicy: '-all', record: 'v=spf1 include:a include:b -all', lastCheckedAt: '2026-03-02T06:00:00.000Z', openAlerts: 1 },
      { id: 'd1', name: 'fine.example', status: 'ok', lookupCount: 3, lookupCountBefore: 3, services: [], allPolicy: '~all', record: 'v=spf1 ip4:192.0.2.1 ~all', lastCheckedAt: '2026-03-02T06:00:00.000Z', openAlerts: 0 },
    ],
    changes: [{ domain: 'broken.example', at: '2026-02-25T10:00:00.000Z', changes: ['Lookup count rose from 9 to 12.'], recordBefore: 'v=spf1 include:a -all', recordAfter: 'v=spf1 include:a include:b -all' }],
    alerts: [{ domain: 'broken.example', type: 'lookup_limit', severity: 'critical', title: 'broken.example needs 12 DNS lookups (limit 10)', openedAt: '2026-02-25T10:00:00.000Z', state: 'open', resolvedAt: null }],
    issues: [{ domain: 'broken.example', severity: 'error', message: 'The record needs 12 DNS lookups; receivers stop at 10.', fix: 'Replace include:b with its ip4 ranges.' }],
    chart: {
      days: ['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'],
      series: [
        { domain: 'broken.example', values: [9, 9, 12, 12, 12, 12, 12, 12] },
        { domain: 'fine.example', values: [null, 3, 3, 3, 3, 3, 3, 3] },
      ],
      limit: 10,
      omitted: 0,
    },
  };
}

describe('report rendering', () => {
  it('renders a PDF whose text holds the summary, the chart labels, the table and the fixes', async () => {
    const pdf = await renderReportPdf(sampleReport());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
    expect(text).toContain('Weekly SPF compliance report');
    expect(text).toContain('Acme Corp');
    expect(text).toContain('2026-02-23 08:00 – 2026-03-02 08:00');
    // Chart: axis title, y labels, day labels, the limit line's label, the legend.
    expect(text).toContain('DNS lookups over time');
    expect(text).toContain('DNS lookups');
    expect(text).toContain('limit 10');
    expect(text).toMatch(/02-23[\s\S]*03-02/);
    expect(text).toMatch(/\b12\b/);
    expect(text).toContain('broken.example');
    expect(text).toContain('Google Workspace, SendGrid');
    expect(text).toContain('+3');
    expect(text).toContain('Lookup count rose from 9 to 12.');
    expect(text).toContain('Fix: Replace include:b with its ip4 ranges.');
  });

  it('renders the domain table as CSV', () => {
    const rows = parse(renderReportCsv(sampleReport()), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      expect.objectContaining({ domain: 'broken.example', status: 'broken', lookups: '12', lookups_at_start: '9', trend: '+3', all_policy: '-all', services: 'Google Workspace; SendGrid', open_alerts: '1' }),
      expect.objectContaining({ domain: 'fine.example', status: 'ok', lookups: '3', trend: '=', all_policy: '~all', services: '' }),
    ]);
  });

  it('renders the email summary with the domain table', () => {
    const email = renderReportEmail(sampleReport(), { pdfUrl: 'https://spf.example/api/reports/r.pdf', csvUrl: 'https://spf.example/api/reports/r.csv', dashboardUrl: 'https://spf.example/clients/c1' });
    expect(email.subject).toBe('[spfwatch] Weekly SPF compliance report — Acme Corp, 2026-02-23 08:00 – 2026-03-02 08:00');
    expect(email.text).toContain('broken.example: broken, 12 lookups (+3), -all, Google Workspace, SendGrid');
    expect(email.html).toContain('<td style="padding:4px 8px;border-bottom:1px solid #eaecf0;text-align:left;vertical-align:top">broken.example</td>');
  });

  it('labels whole-day periods by their days', () => {
    expect(renderReportEmail({ ...sampleReport(), periodStart: '2026-02-28T23:00:00.000Z', periodEnd: '2026-03-07T23:00:00.000Z' }, { pdfUrl: '', csvUrl: '', dashboardUrl: '' }).subject).toContain('2026-03-01 – 2026-03-07');
  });

  it('keeps PDF text within the standard fonts and picks round axis steps', () => {
    expect(pdfText('a − b → c ✓')).toBe('a - b -> c ?');
    expect([axisStep(12), axisStep(30), axisStep(3), axisStep(95)]).toEqual([2, 5, 1, 20]);
  });
});
