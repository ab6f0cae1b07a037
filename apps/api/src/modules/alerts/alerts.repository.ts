import { Injectable } from '@nestjs/common';
import { openAlertKey, Prisma, type AlertSeverity, type AlertState, type AlertType } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface UnresolvedAlertRow {
  id: string;
  type: AlertType;
  state: 'open' | 'acknowledged';
  severity: AlertSeverity;
  title: string;
  detail: unknown;
}

export interface NewAlert {
  organizationId: string;
  domainId: string;
  type: AlertType;
  severity: AlertSeverity;
  title: string;
  detail: unknown;
  dedupeKey: string;
  openedAt: Date;
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  providerEventId: string | null;
}

export interface AlertRow {
  id: string;
  domainId: string;
  domainName: string;
  clientId: string;
  type: AlertType;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  detail: unknown;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  providerEventId: string | null;
}

export interface AlertFilter {
  state?: AlertState;
  severity?: AlertSeverity;
  type?: AlertType;
  clientId?: string;
  domainId?: string;
}

const ALERT_SELECT = {
  id: true,
  domainId: true,
  type: true,
  severity: true,
  state: true,
  title: true,
  detail: true,
  openedAt: true,
  acknowledgedAt: true,
  acknowledgedBy: true,
  resolvedAt: true,
  fromSnapshotId: true,
  toSnapshotId: true,
  providerEventId: true,
  domain: { select: { name: true, clientId: true } },
} satisfies Prisma.AlertSelect;

function toRow(row: Prisma.AlertGetPayload<{ select: typeof ALERT_SELECT }>): AlertRow {
  const { domain, ...rest } = row;
  return { ...rest, domainName: domain.name, clientId: domain.clientId };
}

@Injectable()
export class AlertsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findUnresolved(tx: Tx, domainId: string): Promise<UnresolvedAlertRow[]> {
    const rows = await tx.alert.findMany({
      where: { domainId, state: { in: ['open', 'acknowledged'] } },
      select: { id: true, type: true, state: true, severity: true, title: true, detail: true },
    });
    return rows.map((r) => ({ ...r, state: r.state as 'open' | 'acknowledged' }));
  }

  async create(tx: Tx, a: NewAlert): Promise<string> {
    const row = await tx.alert.create({
      data: {
        organizationId: a.organizationId,
        domainId: a.domainId,
        type: a.type,
        severity: a.severity,
        state: 'open',
        title: a.title,
        detail: a.detail as Prisma.InputJsonValue,
        dedupeKey: a.dedupeKey,
        openedAt: a.openedAt,
        fromSnapshotId: a.fromSnapshotId,
        toSnapshotId: a.toSnapshotId,
        providerEventId: a.providerEventId,
        openKey: openAlertKey(a.domainId, a.type),
      },
      select: { id: true },
    });
    return row.id;
  }

  /** Refreshes what an unresolved alert says; snapshots and provider event only when given. */
  async refresh(
    tx: Tx,
    id: string,
    data: { severity: AlertSeverity; title: string; detail: unknown; dedupeKey: string; fromSnapshotId?: string | null; toSnapshotId?: string | null; providerEventId?: string | null },
  ): Promise<void> {
    await tx.alert.update({
      where: { id },
      data: {
        severity: data.severity,
        title: data.title,
        detail: data.detail as Prisma.InputJsonValue,
        dedupeKey: data.dedupeKey,
        ...(data.fromSnapshotId !== undefined ? { fromSnapshotId: data.fromSnapshotId } : {}),
        ...(data.toSnapshotId !== undefined ? { toSnapshotId: data.toSnapshotId } : {}),
        ...(data.providerEventId !== undefined ? { providerEventId: data.providerEventId } : {}),
      },
    });
  }

  async resolve(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.alert.updateMany({ where: { id: { in: [...ids] }, state: { not: 'resolved' } }, data: { state: 'resolved', resolvedAt: at, openKey: null } });
  }

  async list(organizationId: string, filter: AlertFilter, page: number, pageSize: number): Promise<{ items: AlertRow[]; total: number }> {
    const where: Prisma.AlertWhereInput = {
      organizationId,
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.domainId ? { domainId: filter.domainId } : {}),
      ...(filter.clientId ? { domain: { clientId: filter.clientId } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.alert.findMany({ where, orderBy: [{ openedAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize, select: ALERT_SELECT }),
      this.prisma.alert.count({ where }),
    ]);
    return { items: rows.map(toRow), total };
  }

  async findById(organizationId: string, id: string): Promise<AlertRow | null> {
    const row = await this.prisma.alert.findFirst({ where: { id, organizationId }, select: ALERT_SELECT });
    return row ? toRow(row) : null;
  }

  /** open → acknowledged; an acknowledged or resolved alert is left as it is. */
  async acknowledge(organizationId: string, id: string, at: Date, by: string | null): Promise<void> {
    await this.prisma.alert.updateMany({ where: { id, organizationId, state: 'open' }, data: { state: 'acknowledged', acknowledgedAt: at, acknowledgedBy: by } });
  }
}
