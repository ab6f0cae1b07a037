/**
 * Compliance reports end to end: a week of real checks (manual clock, loopback DNS), a report
 * generated on demand and downloaded (PDF text extracted and asserted, CSV parsed), and the
 * weekly schedule: the cron pass enqueues at 08:00 in the organization's time zone, workers
 * generate one report per client and mail it (HTML + PDF + CSV) to a loopback SMTP server.
 */
import type { ReportResponse } from '@spfwatch/contracts';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { ManualClock } from '../../src/common/clock';
import { ReportScheduleService } from '../../src/modules/reports/report-schedule.service';
import type { CreateReportDto, ReportPageDto } from '../../src/modules/reports/dto/report.dto';
import { loginAs } from '../support/app';
import { seedDomains, startNotifyApp, zoneOf, type NotifyApp } from '../notifications/helpers';
import { startSmtpSink, startWebhookSink, waitFor, type SmtpSink, type WebhookSink } from '../notifications/support';

const includes = (n: number) => Array.from({ length: n }, (_, i) => `include:_spf${i}.mail.example`).join(' ');
const providers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`_spf${i}.mail.example`, `v=spf1 ip4:203.0.113.${i} -all`]));

/** A week in Berlin (UTC+1 in November): baseline on the 20th, changes on the 25th, the report on Monday the 30th at 08:00. */
const BASELINE = '2026-11-20T10:00:00.000Z';
const CHANGE = '2026-11-25T10:00:00.000Z';
const SLOT = '2026-11-30T07:00:00.000Z';

const pdfText = async (bytes: Buffer) => (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text;
describe('compliance reports', () => {
  let n: NotifyApp;
  let smtp: SmtpSink;
  let hooks: WebhookSink;
  let clock: ManualClock;
  let acmeId: string;
  let otherId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookSink();
    clock = new ManualClock(BASELINE);
    n = await startNotifyApp(zoneOf({ ...providers, 'shop.acme.example': 'v=spf1 include:_spf.google.com -all', 'www.acme.example': `v=spf1 ${includes(9)} -all`, 'other.example': 'v=spf1 -all' }), { SMTP_URL: smtp.url, SMTP_FROM: 'reports@agency.example' }, clock);
    await n.t.prisma.organization.update({ where: { id: n.t.orgId }, data: { timeZone: 'Europe/Berlin' } });
    const acme = await seedDomains(n.t.prisma, n.t.orgId, ['shop.acme.example', 'www.acme.example'], 'Acme Corp', clock.now());
    const other = await seedDomains(n.t.prisma, n.t.orgId, ['other.example'], 'Other Client', clock.now());
    acmeId = (await n.t.prisma.client.findFirstOrThrow({ where: { name: 'Acme Corp' } })).id;
    otherId = (await n.t.prisma.client.findFirstOrThrow({ where: { name: 'Other Client' } })).id;
    await n.check([...acme.values(), ...other.values()]);
    // Mid-week: shop loosens its policy and adds a service; www goes over the limit.
    clock.at(CHANGE);
    n.dns.setZone(zoneOf({ ...providers, 'shop.acme.example': 'v=spf1 include:_spf.google.com include:_spf0.mail.example ~all', 'www.acme.example': `v=spf1 ${includes(11)} -all`, 'other.example': 'v=spf1 -all' }));
    await n.check([...acme.values(), ...other.values()]);
    clock.at('2026-11-29T12:00:00.000Z');
  }, 60_000);

  afterAll(async () => {
    await n?.close();
    await smtp?.stop();
    await hooks?.stop();
  });

  it('generates a report on demand for any range, and serves its PDF (with the chart) and CSV', async () => {
    const created = await n.t.http.post('/api/reports').send({ clientId: acmeId, from: '2026-11-23', to: '2026-11-29' } satisfies CreateReportDto).expect(201);
    const report = created.body as ReportResponse;
    expect(report).toMatchObject({
      clientId: acmeId,
      clientName: 'Acme Corp',
      kind: 'on_demand',
      // Whole days in Berlin: 23 Nov 00:00 (UTC+1) to the end of the 29th, clamped to now.
      periodStart: '2026-11-22T23:00:00.000Z',
      periodEnd: '2026-11-29T12:00:00.000Z',
      timeZone: 'Europe/Berlin',
      summary: { domains: 2, ok: 1, warning: 0, broken: 1, unknown: 0, changes: 2, alerts: expect.any(Number), openIssues: expect.any(Number) },
      pdfUrl: `/api/reports/${report.id}.pdf`,
      csvUrl: `/api/reports/${report.id}.csv`,
    });
    expect(report.summary.alerts).toBeGreaterThanOrEqual(3);
    expect(report.pdfBytes).toBeGreaterThan(3000);

    const pdf = await n.t.http.get(report.pdfUrl).responseType('blob').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="spfwatch-acme-corp-2026-11-29.pdf"');
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('SPF compliance report');
    expect(text).toContain('Acme Corp');
    expect(text).toContain('www.acme.example');
    expect(text).toContain('shop.acme.example');
    // The chart: title, axis title, the limit line's label, day labels, legend.
    expect(text).toContain('DNS lookups over time');
    expect(text).toContain('limit 10');
    expect(text).toMatch(/11-23[\s\S]*11-29/);
    // Table: www is broken with 11 lookups, up 2 since the start; shop 2 lookups, ~all.
    expect(text).toMatch(/www\.acme\.example\s+broken\s+11\s+\+2\s+-all/);
    expect(text).toMatch(/shop\.acme\.example\s+ok\s+2\s+\+1\s+~all\s+Google Workspace/);
    expect(text).toContain('Changes during the period');
    expect(text).toContain('Open issues and recommended fixes');
    expect(text).toContain('Fix:');
    expect(text).not.toContain('other.example');

    const csv = await n.t.http.get(report.csvUrl).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.domain, r.status, r.lookups, r.lookups_at_start, r.trend, r.all_policy])).toEqual([
      ['www.acme.example', 'broken', '11', '9', '+2', '-all'],
      ['shop.acme.example', 'ok', '2', '1', '+1', '~all'],
    ]);

    const list = (await n.t.http.get(`/api/reports?clientId=${acmeId}`).expect(200)).body as ReportPageDto;
    expect(list.items.map((r) => r.id)).toEqual([report.id]);
    expect((await n.t.http.get(`/api/reports/${report.id}`).expect(200)).body).toEqual(report);
  });

  it('client viewers see and download only their clients’ reports', async () => {
    const other = (await n.t.http.post('/api/reports').send({ clientId: otherId, from: '2026-11-23', to: '2026-11-29' }).expect(201)).body as ReportResponse;
    const viewer = await loginAs(n.t, 'client_viewer', { clientIds: [acmeId] });
    const visible = (await viewer.agent.get('/api/reports').expect(200)).body as ReportPageDto;
    expect(visible.items.map((r) => r.clientName)).toEqual(['Acme Corp']);
    await viewer.agent.get(visible.items[0]!.pdfUrl).expect(200);
    await viewer.agent.get(other.pdfUrl).expect(404);
    await viewer.agent.get(other.csvUrl).expect(404);
    await viewer.agent.get(`/api/reports/${other.id}`).expect(404);
    // Read-only portal: no report generation.
    await viewer.agent.post('/api/reports').send({ clientId: acmeId, from: '2026-11-23', to: '2026-11-29' }).expect(404);
  });

  it('the weekly schedule enqueues at 08:00 Berlin time, once, and each client’s report is mailed with its PDF and CSV', async () => {
    await n.channel({ kind: 'email', name: 'Acme contacts', clientId: acmeId, events: ['reports'], config: { recipients: ['it@acme.example'] } });
    await n.channel({ kind: 'email', name: 'Agency ops', events: ['alerts'], config: { recipients: ['ops@agency.example'] } });
    const webhook = await n.channel({ kind: 'webhook', name: 'Portal', events: ['reports'], config: { url: hooks.url } });
    hooks.secret = webhook.secret;
    const schedule = n.t.app.get(ReportScheduleService);

    // 07:59 Berlin: nothing; 08:00 Berlin (07:00Z): enqueued; a second pass, or another scheduler: nothing more.
    expect(await schedule.enqueueDue(new Date('2026-11-30T06:59:00.000Z'))).toEqual([]);
    clock.at(SLOT);
    expect(await schedule.enqueueDue(new Date(SLOT))).toEqual([{ organizationId: n.t.orgId, slot: new Date(SLOT) }]);
    expect(await schedule.enqueueDue(new Date('2026-11-30T07:20:00.000Z'))).toEqual([]);

    const weekly = await waitFor(async () => {
      const page = (await n.t.http.get('/api/reports?kind=weekly').expect(200)).body as ReportPageDto;
      return page.total === 2 ? page.items : null;
    }, 30_000);
    expect(weekly.map((r) => [r.clientName, r.periodStart, r.periodEnd]).sort()).toEqual([
      ['Acme Corp', '2026-11-23T07:00:00.000Z', SLOT],
      ['Other Client', '2026-11-23T07:00:00.000Z', SLOT],
    ]);

    const [mail] = await smtp.waitForMails(1, 30_000);
    // The organization-wide webhook gets both clients' reports.
    await hooks.waitForHooks(2);
    await new Promise((r) => setTimeout(r, 1500));
    // Only the Acme channel listens to reports by email; Other Client has no report channel.
    expect(smtp.mails).toHaveLength(1);
    expect(mail!.envelopeTo).toEqual(['it@acme.example']);
    expect(mail!.parsed.subject).toBe('[spfwatch] Weekly SPF compliance report — Acme Corp, 2026-11-23 08:00 – 2026-11-30 08:00');
    expect(mail!.parsed.text).toContain('www.acme.example: broken, 11 lookups (+2), -all');
    expect(String(mail!.parsed.html)).toContain('<table');
    const attachments = mail!.parsed.attachments.map((a) => [a.filename, a.contentType]);
    expect(attachments).toEqual([
      ['spfwatch-acme-corp-2026-11-30.pdf', 'application/pdf'],
      ['spfwatch-acme-corp-2026-11-30.csv', 'text/csv'],
    ]);
    const attachedPdf = await pdfText(mail!.parsed.attachments[0]!.content);
    expect(attachedPdf).toContain('Weekly SPF compliance report');
    expect(attachedPdf).toContain('limit 10');
    expect(attachedPdf).toMatch(/11-23[\s\S]*11-30/);
    const attachedCsv = parse(mail!.parsed.attachments[1]!.content.toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(attachedCsv.map((r) => r.domain)).toEqual(['www.acme.example', 'shop.acme.example']);

    // The webhook gets the report event, signed, with absolute download links.
    expect(hooks.hooks.map((h) => (h.json.report as { client: { name: string } }).client.name).sort()).toEqual(['Acme Corp', 'Other Client']);
    const hook = hooks.hooks.find((h) => (h.json.report as { client: { name: string } }).client.name === 'Acme Corp')!;
    expect(hook.signatureValid).toBe(true);
    const acmeReport = weekly.find((r) => r.clientName === 'Acme Corp')!;
    expect(hook.json.report).toMatchObject({ id: acmeReport.id, client: { id: acmeId, name: 'Acme Corp' }, kind: 'weekly', pdfUrl: `https://spf.agency.example/api/reports/${acmeReport.id}.pdf` });

    // A repeated job for the same slot changes nothing.
    const { ReportWorkerService } = await import('../../src/modules/reports/report-worker.service');
    expect(await n.t.app.get(ReportWorkerService).generate({ organizationId: n.t.orgId, clientId: acmeId, periodStart: '2026-11-23T07:00:00.000Z', periodEnd: SLOT })).toEqual({ reportId: null });
    expect(await n.t.prisma.report.count({ where: { kind: 'weekly' } })).toBe(2);
  });
});
