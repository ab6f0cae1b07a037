import { Injectable } from '@nestjs/common';
import { openAlertKey, Prisma, type AlertSeverity, type AlertState, type AlertType } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface UnresolvedAlertRow {
  id: string;
  domainId: string;
  type: AlertType;
  state: 'open' | 'acknowledged';
  severity: AlertSeverity;
  title: string;
  detail: unknown;
}

export interface NewAlert {
  id: string;
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

  /** The unresolved (open or acknowledged) alerts of these domains. */
  async findUnresolved(tx: Tx, domainIds: readonly string[]): Promise<UnresolvedAlertRow[]> {
    if (domainIds.length === 0) return [];
    return tx.$queryRawUnsafe<UnresolvedAlertRow[]>(
      `SELECT id::text, domain_id::text AS "domainId", type::text, state::text, severity::text, title, detail
         FROM alerts WHERE domain_id = ANY($1::uuid[]) AND state <> 'resolved'`,
      [...domainIds],
    );
  }

  async createMany(tx: Tx, alerts: readonly NewAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    const payload = alerts.map((a) => ({ ...a, openedAt: a.openedAt.toISOString(), openKey: openAlertKey(a.domainId, a.type) }));
    await tx.$executeRawUnsafe(
      `INSERT INTO alerts (id, organization_id, domain_id, type, severity, state, opened_at, title, detail, from_snapshot_id, to_snapshot_id, dedupe_key, provider_event_id, open_key)
       SELECT (e->>'id')::uuid, (e->>'organizationId')::uuid, (e->>'domainId')::uuid, (e->>'type')::alert_type, (e->>'severity')::alert_severity, 'open',
              (e->>'openedAt')::timestamptz, e->>'title', e->'detail', (e->>'fromSnapshotId')::uuid, (e->>'toSnapshotId')::uuid, e->>'dedupeKey',
              (e->>'providerEventId')::uuid, e->>'openKey'
         FROM jsonb_array_elements($1::jsonb) AS e`,
      JSON.stringify(payload),
    );
  }

  /** Refreshes what unresolved alerts say; their snapshots only when `snapshots` is set. */
  async refreshMany(
    tx: Tx,
    refreshes: ReadonlyArray<{ id: string; severity: AlertSeverity; title: string; detail: unknown; dedupeKey: string; snapshots?: { from: string | null; to: string | null } }>,
  ): Promise<void> {
    if (refreshes.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE alerts a SET severity = (e->>'severity')::alert_severity, title = e->>'title', detail = e->'detail', dedupe_key = e->>'dedupeKey',
              from_snapshot_id = CASE WHEN e ? 'snapshots' THEN (e->'snapshots'->>'from')::uuid ELSE a.from_snapshot_id END,
              to_snapshot_id = CASE WHEN e ? 'snapshots' THEN (e->'snapshots'->>'to')::uuid ELSE a.to_snapshot_id END
         FROM jsonb_array_elements($1::jsonb) AS e
        WHERE a.id = (e->>'id')::uuid`,
      JSON.stringify(refreshes),
    );
  }

  async resolve(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE alerts SET state = 'resolved', resolved_at = $2::timestamptz, open_key = NULL WHERE id = ANY($1::uuid[]) AND state <> 'resolved'`,
      [...ids],
      at.toISOString(),
    );
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
