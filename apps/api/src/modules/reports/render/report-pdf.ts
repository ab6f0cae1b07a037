import type PDFKitDocument from 'pdfkit';
import { localTime, periodLabel, reportTitle, trendLabel } from './format';
import type { ReportChart, ReportData } from './report-data';

type Doc = PDFKit.PDFDocument;

const MARGIN = 48;
const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const INK = '#1d2939';
const MUTED = '#667085';
const RULE = '#d0d5dd';
const STATUS_COLOURS: Record<string, string> = { ok: '#067647', warning: '#b54708', broken: '#b42318', unknown: '#475467' };
const SERIES_COLOURS = ['#175cd3', '#b54708', '#067647', '#6941c6', '#c11574', '#0e9384', '#475467', '#e04f16'];
const LIMIT_COLOUR = '#b42318';

/** The standard PDF fonts speak WinAnsi: characters outside it are replaced. */
export function pdfText(value: string): string {
  return value
    .replace(/[\u2212\u2010\u2011]/g, '-')
    .replace(/[\u2190-\u21ff]/g, '->')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\n]/g, '?');
}

let pdfkit: Promise<typeof PDFKitDocument> | undefined;

/**
 * pdfkit (with fontkit and its font tables: 4 MB of heap, 5 MB resident) is loaded by the first report, not
 * at start: most processes never render one (a worker checking domains, an API nobody asks
 * for a report).
 */
function loadPdfkit(): Promise<typeof PDFKitDocument> {
  pdfkit ??= import('pdfkit').then((m) => m.default);
  return pdfkit;
}

/**
 * The report as a PDF (pdfkit, A4, standard fonts): title and period, summary, the lookup chart
 * drawn with vector graphics (axes, grid, a line per domain, the limit of 10, labels and
 * legend), the domain table, changes, alerts, and open issues with recommended fixes.
 */
export async function renderReportPdf(data: ReportData): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: pdfText(reportTitle(data)), Author: 'spfwatch', Subject: 'SPF compliance report', CreationDate: new Date(data.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Title
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(pdfText(data.kind === 'weekly' ? 'Weekly SPF compliance report' : 'SPF compliance report'));
  doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(MUTED);
  doc.text(pdfText(`${data.client.name} — ${data.organization.name}`));
  doc.text(pdfText(`Period: ${periodLabel(data)} (${data.timeZone}) · generated ${localTime(data.generatedAt, data.timeZone)}`));
  doc.moveDown(0.8);

  // Summary
  const s = data.summary;
  const boxes: Array<[string, string, string]> = [
    ['Domains', String(s.domains), INK],
    ['OK', String(s.ok), STATUS_COLOURS.ok!],
    ['Warning', String(s.warning), STATUS_COLOURS.warning!],
    ['Broken', String(s.broken), STATUS_COLOURS.broken!],
    ['Changes', String(s.changes), INK],
    ['Alerts', String(s.alerts), INK],
    ['Open issues', String(s.openIssues), INK],
  ];
  const boxWidth = CONTENT_WIDTH / boxes.length;
  const top = doc.y;
  boxes.forEach(([label, value, colour], i) => {
    const x = MARGIN + i * boxWidth;
    doc.roundedRect(x + 2, top, boxWidth - 4, 44, 4).lineWidth(0.7).strokeColor(RULE).stroke();
    doc.font('Helvetica-Bold').fontSize(16).fillColor(colour).text(value, x + 2, top + 6, { width: boxWidth - 4, align: 'center' });
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(label, x + 2, top + 28, { width: boxWidth - 4, align: 'center' });
  });
  doc.x = MARGIN;
  doc.y = top + 58;

  heading(doc, 'DNS lookups over time');
  drawChart(doc, data.chart);

  heading(doc, 'Domains');
  drawDomainTable(doc, data);

  if (data.changes.length > 0) {
    heading(doc, 'Changes during the period');
    for (const c of data.changes) {
      paragraph(doc, `${localTime(c.at, data.timeZone)}  ${c.domain}`, 'Helvetica-Bold');
      for (const message of c.changes.length > 0 ? c.changes : ['The record changed.']) paragraph(doc, `• ${message}`);
      if (c.recordBefore !== c.recordAfter) {
        paragraph(doc, `Before: ${c.recordBefore ?? '(none)'}`, 'Courier', 8);
        paragraph(doc, `After:  ${c.recordAfter ?? '(none)'}`, 'Courier', 8);
      }
      doc.moveDown(0.3);
    }
  }

  if (data.alerts.length > 0) {
    heading(doc, 'Alerts during the period');
    for (const a of data.alerts) paragraph(doc, `${localTime(a.openedAt, data.timeZone)}  [${a.severity}] ${a.title} (${a.state}${a.resolvedAt ? `, resolved ${localTime(a.resolvedAt, data.timeZone)}` : ''})`);
  }

  heading(doc, 'Open issues and recommended fixes');
  if (data.issues.length === 0) paragraph(doc, 'No open issues: every record passes the checks.');
  for (const i of data.issues) {
    paragraph(doc, `${i.domain} (${i.severity}): ${i.message}`);
    if (i.fix) paragraph(doc, `Fix: ${i.fix}`, 'Helvetica-Oblique');
    doc.moveDown(0.2);
  }

  doc.end();
  return done;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > PAGE.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).x = MARGIN;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(pdfText(text), MARGIN, doc.y);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, font = 'Helvetica', size = 9.5): void {
  ensureSpace(doc, 14);
  doc.font(font).fontSize(size).fillColor(INK).text(pdfText(text), MARGIN, doc.y, { width: CONTENT_WIDTH });
}

/** A nice round step for an axis from 0 to `max` with about `ticks` steps. */
export function axisStep(max: number, ticks = 6): number {
  const raw = Math.max(1, max) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return Math.max(1, m * magnitude);
  return 10 * magnitude;
}

function drawChart(doc: Doc, chart: ReportChart): void {
  const height = 190;
  ensureSpace(doc, height + 60);
  const top = doc.y + 4;
  const left = MARGIN + 34;
  const right = MARGIN + CONTENT_WIDTH - 8;
  const bottom = top + height;
  const peak = Math.max(chart.limit + 2, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const step = axisStep(peak);
  const yMax = Math.ceil(peak / step) * step;
  const y = (v: number) => bottom - (v / yMax) * height;
  const n = chart.days.length;
  const x = (i: number) => (n <= 1 ? (left + right) / 2 : left + (i / (n - 1)) * (right - left));

  // Grid and y axis labels
  doc.lineWidth(0.5);
  for (let v = 0; v <= yMax; v += step) {
    doc.moveTo(left, y(v)).lineTo(right, y(v)).strokeColor('#eaecf0').stroke();
    doc.font('Helvetica').fontSize(7.5).fillColor(MUTED).text(String(v), MARGIN, y(v) - 3.5, { width: 28, align: 'right' });
  }
  // Axes
  doc.lineWidth(1).strokeColor(INK);
  doc.moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke();
  doc.save();
  doc.rotate(-90, { origin: [MARGIN - 8, (top + bottom) / 2] });
  doc.font('Helvetica').fontSize(8).fillColor(MUTED).text('DNS lookups', MARGIN - 48, (top + bottom) / 2 - 4, { width: 80, align: 'center' });
  doc.restore();

  // x labels (at most ~10)
  const every = Math.max(1, Math.ceil(n / 10));
  chart.days.forEach((day, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    doc.moveTo(x(i), bottom).lineTo(x(i), bottom + 3).strokeColor(INK).stroke();
    doc.font('Helvetica').fontSize(7).fillColor(MUTED).text(day.slice(5), x(i) - 20, bottom + 5, { width: 40, align: 'center' });
  });

  // The limit
  doc.save();
  doc.lineWidth(1).dash(4, { space: 3 }).moveTo(left, y(chart.limit)).lineTo(right, y(chart.limit)).strokeColor(LIMIT_COLOUR).stroke();
  doc.restore();
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(LIMIT_COLOUR).text(`limit ${chart.limit}`, right - 50, y(chart.limit) - 10, { width: 50, align: 'right' });

  // One line per domain
  chart.series.forEach((series, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    doc.lineWidth(1.6).strokeColor(colour).fillColor(colour);
    let drawing = false;
    series.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(x(i), y(v));
      else doc.moveTo(x(i), y(v));
      drawing = true;
    });
    doc.stroke();
    series.values.forEach((v, i) => {
      if (v !== null) doc.circle(x(i), y(v), 1.8).fill(colour);
    });
  });

  // Legend
  let lx = left;
  let ly = bottom + 20;
  doc.font('Helvetica').fontSize(8);
  chart.series.forEach((series, index) => {
    const label = pdfText(series.domain);
    const w = doc.widthOfString(label) + 22;
    if (lx + w > right) {
      lx = left;
      ly += 12;
    }
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    doc.rect(lx, ly + 2, 10, 3).fill(colour);
    doc.fillColor(INK).text(label, lx + 14, ly - 1, { lineBreak: false });
    lx += w;
  });
  if (chart.omitted > 0) {
    doc.fillColor(MUTED).text(`+ ${chart.omitted} more domains not drawn`, left, ly + 12);
    ly += 12;
  }
  if (chart.series.length === 0) doc.fillColor(MUTED).text('No checks in this period.', left, ly);
  doc.x = MARGIN;
  doc.y = ly + 16;
}

function drawDomainTable(doc: Doc, data: ReportData): void {
  const columns: Array<{ title: string; width: number; value: (d: ReportData['domains'][number]) => string }> = [
    { title: 'Domain', width: 150, value: (d) => d.name },
    { title: 'Status', width: 52, value: (d) => d.status },
    { title: 'Lookups', width: 44, value: (d) => (d.lookupCount === null ? '-' : String(d.lookupCount)) },
    { title: 'Trend', width: 40, value: (d) => trendLabel(d).replace('−', '-') },
    { title: 'All', width: 36, value: (d) => d.allPolicy },
    { title: 'Authorised services', width: CONTENT_WIDTH - 322, value: (d) => d.services.join(', ') || '-' },
  ];
  const header = () => {
    let cx = MARGIN;
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(INK);
    const top = doc.y;
    for (const c of columns) {
      doc.text(c.title, cx, top, { width: c.width - 4 });
      cx += c.width;
    }
    doc.moveTo(MARGIN, top + 12).lineTo(MARGIN + CONTENT_WIDTH, top + 12).lineWidth(0.7).strokeColor(RULE).stroke();
    doc.y = top + 16;
  };
  header();
  for (const d of data.domains) {
    doc.font('Helvetica').fontSize(8.5);
    const heights = columns.map((c) => doc.heightOfString(pdfText(c.value(d)), { width: c.width - 4 }));
    const rowHeight = Math.max(...heights) + 4;
    if (doc.y + rowHeight > PAGE.height - MARGIN) {
      doc.addPage();
      header();
    }
    const top = doc.y;
    let cx = MARGIN;
    for (const c of columns) {
      doc.fillColor(c.title === 'Status' ? (STATUS_COLOURS[d.status] ?? INK) : INK).font(c.title === 'Status' ? 'Helvetica-Bold' : 'Helvetica');
      doc.text(pdfText(c.value(d)), cx, top, { width: c.width - 4 });
      cx += c.width;
    }
    doc.y = top + rowHeight;
  }
  doc.x = MARGIN;
}
