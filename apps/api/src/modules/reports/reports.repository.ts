import { Injectable } from '@nestjs/common';
import { Prisma, type ReportKind, type SpfStatus } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import { clientScopeSql } from '../../common/auth/prisma-scoping';
import { rawSqlScopedByCaller } from '../../common/auth/request-scope';
import { PrismaService } from '../../prisma/prisma.service';
import type { Db } from 'pg-boss';
import type { Tx } from '../checks/db-transaction';
import { transactionJobExecutor } from '../notifications/notifications.repository';

export interface ReportClientRow {
  id: string;
  name: string;
  organization: { id: string; name: string; timeZone: string };
}

export interface ReportDomainRow {
  id: string;
  name: string;
  status: SpfStatus;
  createdAt: Date;
  lastCheckedAt: Date | null;
  openAlerts: number;
}

/** A snapshot as the report reads it (analysis only where asked for). */
export interface ReportSnapshotRow {
  id: string;
  domainId: string;
  firstSeenAt: Date;
  lookupCount: number;
  status: SpfStatus;
  recordText: string | null;
  analysis: Analysis | null;
}

export interface ReportAlertRow {
  domain: string;
  type: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  openedAt: Date;
  state: 'open' | 'acknowledged' | 'resolved';
  resolvedAt: Date | null;
}

export interface ReportRow {
  id: string;
  organizationId: string;
  clientId: string;
  clientName: string;
  kind: ReportKind;
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  data: unknown;
  pdfBytes: number;
}

export interface NewReport {
  id: string;
  organizationId: string;
  clientId: string;
  kind: ReportKind;
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  scheduleKey: string | null;
  data: unknown;
  pdf: Buffer;
  csv: string;
}

export interface ScheduleRow {
  organizationId: string;
  timeZone: string;
  cron: string | null;
  enabled: boolean | null;
  lastSlotAt: Date | null;
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 60_000 });
  }

  /** Jobs sent with this commit with the transaction. */
  jobExecutor(tx: Tx): Db {
    return transactionJobExecutor(tx);
  }

  async findClient(organizationId: string, clientId: string): Promise<ReportClientRow | null> {
    const client = await this.prisma.client.findFirst({ where: { id: clientId, organizationId }, select: { id: true, name: true, organization: { select: { id: true, name: true, timeZone: true } } } });
    return client;
  }

  /** Clients with at least one domain (the weekly reports go to them). */
  async clientsWithDomains(organizationId: string): Promise<string[]> {
    const rows = await this.prisma.client.findMany({ where: { organizationId, domains: { some: {} } }, select: { id: true }, orderBy: { name: 'asc' } });
    return rows.map((r) => r.id);
  }

  async domainsOfClient(clientId: string, createdBefore: Date): Promise<ReportDomainRow[]> {
    const rows = await this.prisma.domain.findMany({
      where: { clientId, createdAt: { lt: createdBefore } },
      select: { id: true, name: true, status: true, createdAt: true, lastCheckedAt: true, _count: { select: { alerts: { where: { state: { not: 'resolved' } } } } } },
      orderBy: { name: 'asc' },
    });
    return rows.map(({ _count, ...d }) => ({ ...d, openAlerts: _count.alerts }));
  }

  /** Per domain, the latest snapshot first seen before `at` (with its analysis when asked). */
  async snapshotsAt(domainIds: readonly string[], at: Date, withAnalysis: boolean): Promise<Map<string, ReportSnapshotRow>> {
    if (domainIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<ReportSnapshotRow[]>`
      SELECT DISTINCT ON (domain_id) id::text, domain_id::text AS "domainId", first_seen_at AS "firstSeenAt", lookup_count AS "lookupCount",
             status::text AS status, record_text AS "recordText", ${withAnalysis ? Prisma.sql`analysis` : Prisma.sql`NULL::jsonb`} AS analysis
        FROM snapshots
       WHERE domain_id = ANY(${[...domainIds]}::uuid[]) AND first_seen_at < ${at}
       ORDER BY domain_id, first_seen_at DESC, id DESC`;
    return new Map(rows.map((r) => [r.domainId, r]));
  }

  /** Snapshots first seen in [from, to), oldest first, with their analyses. */
  async snapshotsBetween(domainIds: readonly string[], from: Date, to: Date): Promise<ReportSnapshotRow[]> {
    if (domainIds.length === 0) return [];
    return this.prisma.$queryRaw<ReportSnapshotRow[]>`
      SELECT id::text, domain_id::text AS "domainId", first_seen_at AS "firstSeenAt", lookup_count AS "lookupCount",
             status::text AS status, record_text AS "recordText", analysis
        FROM snapshots
       WHERE domain_id = ANY(${[...domainIds]}::uuid[]) AND first_seen_at >= ${from} AND first_seen_at < ${to}
       ORDER BY first_seen_at, id`;
  }

  /** Alerts of the client's domains opened in [from, to). */
  async alertsBetween(clientId: string, from: Date, to: Date): Promise<ReportAlertRow[]> {
    const rows = await this.prisma.alert.findMany({
      where: { domain: { clientId }, openedAt: { gte: from, lt: to } },
      select: { type: true, severity: true, title: true, openedAt: true, state: true, resolvedAt: true, domain: { select: { name: true } } },
      orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
      take: 1000,
    });
    return rows.map(({ domain, ...a }) => ({ ...a, domain: domain.name }));
  }

  async create(tx: Tx, report: NewReport): Promise<void> {
    await tx.report.create({ data: { ...report, data: report.data as Prisma.InputJsonValue, pdf: new Uint8Array(report.pdf) } });
  }

  async scheduledExists(scheduleKey: string): Promise<boolean> {
    return (await this.prisma.report.count({ where: { scheduleKey } })) > 0;
  }

  async list(organizationId: string, filter: { clientId?: string; kind?: ReportKind }, page: number, pageSize: number): Promise<{ items: ReportRow[]; total: number }> {
    const where: Prisma.ReportWhereInput = { organizationId, ...filter };
    const [ids, total] = await Promise.all([
      this.prisma.report.findMany({ where, select: { id: true }, orderBy: [{ periodEnd: 'desc' }, { generatedAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
      this.prisma.report.count({ where }),
    ]);
    const items = await this.findMany(organizationId, ids.map((r) => r.id));
    return { items, total };
  }

  async findById(organizationId: string, id: string): Promise<ReportRow | null> {
    return (await this.findMany(organizationId, [id]))[0] ?? null;
  }

  /** Rows without the files (and their sizes), in the order of `ids`. */
  private async findMany(organizationId: string, ids: readonly string[]): Promise<ReportRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.report.findMany({
      where: { organizationId, id: { in: [...ids] } },
      select: { id: true, organizationId: true, clientId: true, kind: true, periodStart: true, periodEnd: true, generatedAt: true, data: true, client: { select: { name: true } } },
    });
    const sizes = await rawSqlScopedByCaller(
      () => this.prisma.$queryRaw<Array<{ id: string; size: number }>>`SELECT id::text, octet_length(pdf)::int AS size FROM reports WHERE organization_id = ${organizationId}::uuid AND id = ANY(${[...ids]}::uuid[])${clientScopeSql('client_id')}`,
    );
    const sizeOf = new Map(sizes.map((s) => [s.id, s.size]));
    const byId = new Map<string, ReportRow>(rows.map(({ client, ...r }) => [r.id, { ...r, clientName: client.name, pdfBytes: sizeOf.get(r.id) ?? 0 }]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async file(organizationId: string, id: string, kind: 'pdf' | 'csv'): Promise<{ content: Buffer; data: unknown } | null> {
    if (kind === 'pdf') {
      const row = await this.prisma.report.findFirst({ where: { id, organizationId }, select: { data: true, pdf: true } });
      return row ? { content: Buffer.from(row.pdf), data: row.data } : null;
    }
    const row = await this.prisma.report.findFirst({ where: { id, organizationId }, select: { data: true, csv: true } });
    return row ? { content: Buffer.from(row.csv, 'utf8'), data: row.data } : null;
  }

  // ── schedule ──

  async schedule(organizationId: string): Promise<ScheduleRow | null> {
    const rows = await this.schedulesWhere(Prisma.sql`o.id = ${organizationId}::uuid`);
    return rows[0] ?? null;
  }

  /** Every organization with its schedule (defaults where none is stored). */
  allSchedules(): Promise<ScheduleRow[]> {
    return this.schedulesWhere(Prisma.sql`TRUE`);
  }

  private schedulesWhere(condition: Prisma.Sql): Promise<ScheduleRow[]> {
    return this.prisma.$queryRaw<ScheduleRow[]>`
      SELECT o.id::text AS "organizationId", o.time_zone AS "timeZone", s.cron, s.enabled, s.last_slot_at AS "lastSlotAt"
        FROM organizations o LEFT JOIN report_schedules s ON s.organization_id = o.id
       WHERE ${condition}
       ORDER BY o.id`;
  }

  /** In `tx` when given (a configuration import's transaction). */
  async putSchedule(organizationId: string, data: { cron?: string; enabled?: boolean }, tx?: Tx): Promise<void> {
    await (tx ?? this.prisma).reportSchedule.upsert({ where: { organizationId }, create: { organizationId, ...data }, update: data });
  }

  /**
   * Marks `slot` as enqueued for the organization unless it (or a later one) already is; true
   * when this caller won the slot. Runs in the caller's transaction, with the job it sends.
   */
  async claimSlot(tx: Tx, organizationId: string, slot: Date): Promise<boolean> {
    const rows = await tx.$queryRaw<Array<{ organization_id: string }>>`
      INSERT INTO report_schedules (organization_id, last_slot_at, updated_at) VALUES (${organizationId}::uuid, ${slot}, now())
      ON CONFLICT (organization_id) DO UPDATE SET last_slot_at = EXCLUDED.last_slot_at, updated_at = now()
       WHERE report_schedules.last_slot_at IS NULL OR report_schedules.last_slot_at < EXCLUDED.last_slot_at
      RETURNING organization_id::text`;
    return rows.length === 1;
  }
}
