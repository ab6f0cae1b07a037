import { Injectable } from '@nestjs/common';
import type { AlertSeverity, ChannelKind, NotificationKind, NotificationStatus, Prisma } from '@spfwatch/db';
import type { Db } from 'pg-boss';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

/** An alert opened by a check, as routing needs it. */
export interface AlertTargetRow {
  id: string;
  organizationId: string;
  domainId: string;
  clientId: string;
  severity: AlertSeverity;
}

/** An enabled channel, as routing needs it. */
export interface RoutingChannelRow {
  id: string;
  organizationId: string;
  kind: ChannelKind;
  clientId: string | null;
  domainId: string | null;
  minSeverity: AlertSeverity;
  events: string[];
  quietHours: unknown;
}

export interface NewOutboxEntry {
  id: string;
  organizationId: string;
  channelId: string;
  digestKey: string;
  alertIds: string[];
  createdAt: Date;
}

export interface NewNotification {
  id: string;
  organizationId: string;
  channelId: string;
  kind: NotificationKind;
  digestKey: string;
  messageId: string;
  alertIds: string[];
  reportId: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

export interface NotificationListRow {
  id: string;
  kind: NotificationKind;
  status: NotificationStatus;
  channel: { id: string; name: string; kind: ChannelKind };
  messageId: string;
  digestKey: string;
  alertIds: string[];
  reportId: string | null;
  attemptCount: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

export interface AttemptRow {
  number: number;
  status: 'sending' | 'delivered' | 'failed' | 'abandoned';
  startedAt: Date;
  finishedAt: Date | null;
  responseCode: number | null;
  response: string | null;
  error: string | null;
  worker: string | null;
}

const LIST_SELECT = {
  id: true,
  kind: true,
  status: true,
  messageId: true,
  digestKey: true,
  alertIds: true,
  reportId: true,
  attemptCount: true,
  nextAttemptAt: true,
  deliveredAt: true,
  lastError: true,
  createdAt: true,
  channel: { select: { id: true, name: true, kind: true } },
} satisfies Prisma.NotificationSelect;

const ATTEMPT_SELECT = {
  number: true,
  status: true,
  startedAt: true,
  finishedAt: true,
  responseCode: true,
  response: true,
  error: true,
  worker: true,
} satisfies Prisma.NotificationAttemptSelect;

/** pg-boss's `db` option running its statements in a Prisma interactive transaction. */
export function transactionJobExecutor(tx: Tx): Db {
  return {
    // pg-boss's own fromPrisma adapter, which its ESM-only entry point keeps out of reach here.
    executeSql: async (text: string, values: unknown[] = []) => {
      const rows = await tx.$queryRawUnsafe<unknown>(text, ...values);
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The opened alerts with their client (inside the check's transaction, where they were just written). */
  async alertTargets(tx: Tx, alertIds: readonly string[]): Promise<AlertTargetRow[]> {
    if (alertIds.length === 0) return [];
    return tx.$queryRawUnsafe<AlertTargetRow[]>(
      `SELECT a.id::text, a.organization_id::text AS "organizationId", a.domain_id::text AS "domainId", d.client_id::text AS "clientId", a.severity::text AS severity
         FROM alerts a JOIN domains d ON d.id = a.domain_id
        WHERE a.id = ANY($1::uuid[])
        ORDER BY a.id`,
      [...alertIds],
    );
  }

  /** Enabled channels of these organizations listening to `event`. */
  async enabledChannels(tx: Tx | PrismaService, organizationIds: readonly string[], event: 'alerts' | 'reports'): Promise<RoutingChannelRow[]> {
    if (organizationIds.length === 0) return [];
    return tx.$queryRawUnsafe<RoutingChannelRow[]>(
      `SELECT id::text, organization_id::text AS "organizationId", kind::text, client_id::text AS "clientId", domain_id::text AS "domainId",
              min_severity::text AS "minSeverity", events, quiet_hours AS "quietHours"
         FROM notification_channels
        WHERE organization_id = ANY($1::uuid[]) AND enabled AND $2 = ANY(events)
        ORDER BY created_at, id`,
      [...new Set(organizationIds)],
      event,
    );
  }

  /** The outbox rows of one check transaction (one statement). */
  async insertOutbox(tx: Tx, entries: readonly NewOutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO notification_outbox (id, organization_id, channel_id, digest_key, alert_ids, created_at)
       SELECT (e->>'id')::uuid, (e->>'organizationId')::uuid, (e->>'channelId')::uuid, e->>'digestKey',
              ARRAY(SELECT jsonb_array_elements_text(e->'alertIds'))::uuid[], (e->>'createdAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) AS e`,
      JSON.stringify(entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))),
    );
  }

  /** Notifications written directly (a report's, inside the report's transaction). */
  async insertNotifications(tx: Tx, rows: readonly NewNotification[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.notification.createMany({ data: rows.map((r) => ({ ...r, status: 'pending' as const })) });
  }

  /**
   * pg-boss statements run inside `tx` (its `db` option): a job sent this way exists exactly
   * when the transaction commits, like the outbox rows it announces.
   */
  jobExecutor(tx: Tx): Db {
    return transactionJobExecutor(tx);
  }

  async list(organizationId: string, filter: { status?: NotificationStatus; kind?: NotificationKind; channelId?: string }, page: number, pageSize: number): Promise<{ items: NotificationListRow[]; total: number }> {
    const where: Prisma.NotificationWhereInput = { organizationId, ...filter };
    const [items, total] = await Promise.all([
      this.prisma.notification.findMany({ where, select: LIST_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
      this.prisma.notification.count({ where }),
    ]);
    return { items, total };
  }

  async findById(organizationId: string, id: string): Promise<(NotificationListRow & { attempts: AttemptRow[] }) | null> {
    return this.prisma.notification.findFirst({
      where: { id, organizationId },
      select: { ...LIST_SELECT, attempts: { select: ATTEMPT_SELECT, orderBy: { number: 'asc' } } },
    });
  }
}
