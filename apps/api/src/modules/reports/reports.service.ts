import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CreateReportInput, type ListReportsQuery, MAX_REPORT_DAYS, type ReportKind } from '@spfwatch/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { AuditService } from '../audit/audit.service';
import { uuidv7 } from '../checks/uuid-v7';
import { NotificationsService } from '../notifications/notifications.service';
import { zonedToUtc } from '../notifications/rules/zoned-time';
import { buildReportData } from './render/build-report';
import { reportFileName } from './render/format';
import { renderReportCsv } from './render/report-csv';
import type { ReportData } from './render/report-data';
import { renderReportPdf } from './render/report-pdf';
import { type ReportRow, ReportsRepository } from './reports.repository';

const DAY_MS = 86_400_000;

export interface GenerateReport {
  organizationId: string;
  clientId: string;
  kind: ReportKind;
  periodStart: Date;
  periodEnd: Date;
  /** Scheduled reports: generated once for this key, and sent to the client's report channels. */
  scheduleKey: string | null;
}

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** `weekly:<clientId>:<periodEnd>` */
export function weeklyScheduleKey(clientId: string, periodEnd: Date): string {
  return `weekly:${clientId}:${periodEnd.toISOString()}`;
}

/**
 * Compliance reports: read what happened to a client's domains over a period, render the PDF
 * (with the chart) and the CSV, store them, and — for scheduled ones — queue their emails in
 * the same transaction (outbox).
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly repo: ReportsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `POST /api/reports`: any period (days read in the organization's time zone), generated now. */
  async createOnDemand(organizationId: string, input: CreateReportInput): Promise<ReportRow> {
    const client = await this.repo.findClient(organizationId, input.clientId);
    if (!client) throw invalid('clientId', `No client ${input.clientId} in this organization`);
    const tz = client.organization.timeZone;
    const now = this.clock.now();
    const from = resolveInstant(input.from, tz, 'start');
    let to = resolveInstant(input.to, tz, 'end');
    if (from.getTime() >= to.getTime()) throw invalid('to', 'Must be after from');
    if (from.getTime() >= now.getTime()) throw invalid('from', 'Must be in the past');
    if (to.getTime() > now.getTime()) to = now;
    if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) throw invalid('to', `A report covers at most ${MAX_REPORT_DAYS} days`);
    const row = await this.generate({ organizationId, clientId: client.id, kind: 'on_demand', periodStart: from, periodEnd: to, scheduleKey: null });
    await this.audit.record({ action: 'report.generated', target: { type: 'report', id: row!.id, label: `${client.name} ${from.toISOString()} – ${to.toISOString()}` }, details: { clientId: client.id } });
    return row!;
  }

  /**
   * Generates and stores a report. Scheduled ones (scheduleKey) are generated once — a
   * duplicate job finds it done — and their emails are queued with it. Returns null when the
   * scheduled report already existed or the client is gone.
   */
  async generate(request: GenerateReport): Promise<ReportRow | null> {
    if (request.scheduleKey && (await this.repo.scheduledExists(request.scheduleKey))) return null;
    const client = await this.repo.findClient(request.organizationId, request.clientId);
    if (!client) return null;
    const started = Date.now();
    const data = await this.collect(client, request);
    const pdf = await renderReportPdf(data);
    const csv = renderReportCsv(data);
    const id = uuidv7(this.clock.now().getTime());
    try {
      await this.repo.transaction(async (tx) => {
        await this.repo.create(tx, { id, organizationId: request.organizationId, clientId: client.id, kind: request.kind, periodStart: request.periodStart, periodEnd: request.periodEnd, generatedAt: new Date(data.generatedAt), scheduleKey: request.scheduleKey, data, pdf, csv });
        if (request.scheduleKey) await this.notifications.enqueueForReport(tx, { id, organizationId: request.organizationId, clientId: client.id });
      });
    } catch (error) {
      if (request.scheduleKey && isUniqueViolation(error)) return null;
      throw error;
    }
    this.logger.log(`Report ${id} (${request.kind}) for ${client.name}: ${data.summary.domains} domains, ${pdf.length} bytes of PDF in ${Date.now() - started} ms`);
    return this.repo.findById(request.organizationId, id);
  }

  private async collect(client: NonNullable<Awaited<ReturnType<ReportsRepository['findClient']>>>, request: GenerateReport): Promise<ReportData> {
    const { periodStart, periodEnd } = request;
    const domains = await this.repo.domainsOfClient(client.id, periodEnd);
    const ids = domains.map((d) => d.id);
    const [atStart, atEnd, during, alerts] = await Promise.all([
      this.repo.snapshotsAt(ids, periodStart, true),
      this.repo.snapshotsAt(ids, periodEnd, true),
      this.repo.snapshotsBetween(ids, periodStart, periodEnd),
      this.repo.alertsBetween(client.id, periodStart, periodEnd),
    ]);
    return buildReportData({
      organization: { id: client.organization.id, name: client.organization.name },
      client: { id: client.id, name: client.name },
      timeZone: client.organization.timeZone,
      kind: request.kind,
      periodStart,
      periodEnd,
      generatedAt: this.clock.now(),
      domains,
      atStart,
      atEnd,
      during,
      alerts,
    });
  }

  async list(organizationId: string, query: ListReportsQuery): Promise<{ items: ReportRow[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, ...filter } = query;
    const { items, total } = await this.repo.list(organizationId, filter, page, pageSize);
    return { items, total, page, pageSize };
  }

  async get(organizationId: string, id: string): Promise<ReportRow> {
    const report = await this.repo.findById(organizationId, id);
    if (!report) throw notFound('Report', id);
    return report;
  }

  /** The stored PDF or CSV with its download name. */
  async file(organizationId: string, id: string, kind: 'pdf' | 'csv'): Promise<{ content: Buffer; filename: string }> {
    const file = await this.repo.file(organizationId, id, kind);
    if (!file) throw notFound('Report', id);
    return { content: file.content, filename: reportFileName(file.data as ReportData, kind) };
  }
}

/** `2026-03-02` → the start (or end) of that local day; an ISO date-time as is. */
export function resolveInstant(value: string, timeZone: string, edge: 'start' | 'end'): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!day) return new Date(value);
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  return zonedToUtc({ year, month, day: edge === 'start' ? date : date + 1 }, timeZone);
}
