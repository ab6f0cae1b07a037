import { Injectable } from '@nestjs/common';
import type { AlertSeverity, AlertState, AlertType, ChannelKind, NotificationKind, NotificationStatus, ReportKind } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import { PrismaService } from '../../prisma/prisma.service';

/** Outbox entries of one channel and digest not yet assembled into a message. */
export interface OutboxGroupRow {
  channelId: string;
  organizationId: string;
  digestKey: string;
  first: Date;
  latest: Date;
  quietHours: unknown;
}

export interface DeliveryChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  config: unknown;
  secret: string | null;
  enabled: boolean;
  quietHours: unknown;
}

/** A notification as the delivery needs it. */
export interface DeliveryRow {
  id: string;
  organizationId: string;
  organizationName: string;
  kind: NotificationKind;
  status: NotificationStatus;
  messageId: string;
  alertIds: string[];
  reportId: string | null;
  attemptCount: number;
  createdAt: Date;
  channel: DeliveryChannel;
}

export interface AttemptOutcome {
  status: 'delivered' | 'failed';
  responseCode: number | null;
  response: string | null;
  error: string | null;
}

/** After an attempt: delivered, retry at, failed for good, or cancelled. */
export type NotificationUpdate =
  | { status: 'delivered'; at: Date }
  | { status: 'pending'; retryAt: Date; error: string }
  | { status: 'failed'; error: string }
  | { status: 'cancelled'; error: string };

export interface DigestAlertRow {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  detail: unknown;
  openedAt: Date;
  domainId: string;
  domain: string;
  clientId: string;
  clientName: string;
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  recordBefore: string | null;
  recordAfter: string | null;
  providerEvent: { id: string; includeDomain: string; service: string | null; diff: unknown } | null;
}

export interface DeliveryReportRow {
  id: string;
  clientId: string;
  clientName: string;
  kind: ReportKind;
  periodStart: Date;
  periodEnd: Date;
  data: unknown;
  pdf: Uint8Array;
  csv: string;
}

const DELIVERY_SELECT = {
  id: true,
  organizationId: true,
  kind: true,
  status: true,
  messageId: true,
  alertIds: true,
  reportId: true,
  attemptCount: true,
  createdAt: true,
  organization: { select: { name: true } },
  channel: { select: { id: true, kind: true, name: true, config: true, secret: true, enabled: true, quietHours: true } },
} as const;

function toDeliveryRow(row: {
  id: string;
  organizationId: string;
  kind: NotificationKind;
  status: NotificationStatus;
  messageId: string;
  alertIds: string[];
  reportId: string | null;
  attemptCount: number;
  createdAt: Date;
  organization: { name: string };
  channel: DeliveryChannel;
}): DeliveryRow {
  const { organization, ...rest } = row;
  return { ...rest, organizationName: organization.name };
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Unassembled outbox entries grouped by (channel, digest key), oldest first. */
  unassembledGroups(): Promise<OutboxGroupRow[]> {
    return this.prisma.$queryRaw<OutboxGroupRow[]>`
      SELECT o.channel_id::text AS "channelId", min(o.organization_id::text) AS "organizationId", o.digest_key AS "digestKey",
             min(o.created_at) AS first, max(o.created_at) AS latest, (array_agg(c.quiet_hours))[1] AS "quietHours"
        FROM notification_outbox o JOIN notification_channels c ON c.id = o.channel_id
       WHERE o.notification_id IS NULL
       GROUP BY o.channel_id, o.digest_key
       ORDER BY min(o.created_at)
       LIMIT 500`;
  }

  /**
   * Turns a group's unassembled entries into ONE notification, in one transaction. Entries
   * another worker is assembling are skipped (SKIP LOCKED); returns null when none were left.
   */
  async assemble(group: { channelId: string; digestKey: string }, notification: { id: string; organizationId: string; messageId: string; nextAttemptAt: Date; createdAt: Date }): Promise<{ alertCount: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      const entries = await tx.$queryRaw<Array<{ id: string; alert_ids: string[] }>>`
        SELECT id::text, alert_ids::text[] FROM notification_outbox
         WHERE channel_id = ${group.channelId}::uuid AND digest_key = ${group.digestKey} AND notification_id IS NULL
         ORDER BY created_at, id
         FOR UPDATE SKIP LOCKED`;
      if (entries.length === 0) return null;
      const alertIds = [...new Set(entries.flatMap((e) => e.alert_ids))];
      await tx.notification.create({
        data: {
          id: notification.id,
          organizationId: notification.organizationId,
          channelId: group.channelId,
          kind: 'alerts',
          digestKey: group.digestKey,
          messageId: notification.messageId,
          alertIds,
          status: 'pending',
          nextAttemptAt: notification.nextAttemptAt,
          createdAt: notification.createdAt,
        },
      });
      await tx.notificationOutbox.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data: { notificationId: notification.id } });
      return { alertCount: alertIds.length };
    });
  }

  /** Ids of notifications to try now: pending and due, or sending with an expired lease. */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.notification.findMany({
      where: { OR: [{ status: 'pending', nextAttemptAt: { lte: now } }, { status: 'sending', leaseUntil: { lte: now } }] },
      select: { id: true },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map((r) => r.id);
  }

  async findForDelivery(id: string): Promise<DeliveryRow | null> {
    const row = await this.prisma.notification.findUnique({ where: { id }, select: DELIVERY_SELECT });
    return row ? toDeliveryRow(row as Parameters<typeof toDeliveryRow>[0]) : null;
  }

  /** Moves a pending notification's next attempt (quiet hours). */
  async defer(id: string, until: Date): Promise<void> {
    await this.prisma.notification.updateMany({ where: { id, status: 'pending' }, data: { nextAttemptAt: until } });
  }

  async cancelPending(id: string, reason: string): Promise<void> {
    await this.prisma.notification.updateMany({ where: { id, status: 'pending' }, data: { status: 'cancelled', lastError: reason } });
  }

  /**
   * Takes the sending lease (pending and due, or sending with an expired lease) and opens the
   * next attempt, in one transaction; an earlier attempt left `sending` by a dead worker is
   * marked abandoned. Null when another worker holds it or it is no longer due.
   */
  async claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<(DeliveryRow & { attemptNumber: number }) | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: { id, OR: [{ status: 'pending', nextAttemptAt: { lte: now } }, { status: 'sending', leaseUntil: { lte: now } }] },
        data: { status: 'sending', leaseOwner: owner, leaseUntil, attemptCount: { increment: 1 } },
      });
      if (count === 0) return null;
      const row = toDeliveryRow((await tx.notification.findUniqueOrThrow({ where: { id }, select: DELIVERY_SELECT })) as Parameters<typeof toDeliveryRow>[0]);
      await tx.notificationAttempt.updateMany({
        where: { notificationId: id, status: 'sending' },
        data: { status: 'abandoned', finishedAt: now, error: 'The worker stopped before recording an outcome (its lease expired)' },
      });
      await tx.notificationAttempt.create({ data: { notificationId: id, number: row.attemptCount, status: 'sending', startedAt: now, worker: owner } });
      return { ...row, attemptNumber: row.attemptCount };
    });
  }

  /** A notification created already leased to `owner` with its first attempt open (test sends). */
  async createLeased(row: { id: string; organizationId: string; channelId: string; kind: NotificationKind; digestKey: string; messageId: string; now: Date; owner: string; leaseUntil: Date }): Promise<DeliveryRow & { attemptNumber: number }> {
    return this.prisma.$transaction(async (tx) => {
      await tx.notification.create({
        data: {
          id: row.id,
          organizationId: row.organizationId,
          channelId: row.channelId,
          kind: row.kind,
          digestKey: row.digestKey,
          messageId: row.messageId,
          status: 'sending',
          attemptCount: 1,
          nextAttemptAt: row.now,
          leaseOwner: row.owner,
          leaseUntil: row.leaseUntil,
          createdAt: row.now,
        },
      });
      await tx.notificationAttempt.create({ data: { notificationId: row.id, number: 1, status: 'sending', startedAt: row.now, worker: row.owner } });
      const created = toDeliveryRow((await tx.notification.findUniqueOrThrow({ where: { id: row.id }, select: DELIVERY_SELECT })) as Parameters<typeof toDeliveryRow>[0]);
      return { ...created, attemptNumber: 1 };
    });
  }

  /**
   * Records an attempt's outcome and the notification's next state together — the server's
   * acceptance and "delivered" are one commit. Only while `owner` still holds the lease;
   * returns false when it was taken over meanwhile (the attempt is recorded anyway).
   */
  async finish(id: string, owner: string, attemptNumber: number, outcome: AttemptOutcome, next: NotificationUpdate, now: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      await tx.notificationAttempt.updateMany({
        where: { notificationId: id, number: attemptNumber },
        data: { status: outcome.status, finishedAt: now, responseCode: outcome.responseCode, response: outcome.response?.slice(0, 2000) ?? null, error: outcome.error?.slice(0, 2000) ?? null },
      });
      const lease = { leaseOwner: null, leaseUntil: null };
      const data =
        next.status === 'delivered'
          ? { status: 'delivered' as const, deliveredAt: next.at, lastError: null, ...lease }
          : next.status === 'pending'
            ? { status: 'pending' as const, nextAttemptAt: next.retryAt, lastError: next.error.slice(0, 2000), ...lease }
            : { status: next.status, lastError: next.error.slice(0, 2000), ...lease };
      const { count } = await tx.notification.updateMany({ where: { id, status: 'sending', leaseOwner: owner }, data });
      return count === 1;
    });
  }

  /** The alerts of a message with what the email says about them (domain, client, records, provider change). */
  async digestAlerts(organizationId: string, alertIds: readonly string[]): Promise<DigestAlertRow[]> {
    if (alertIds.length === 0) return [];
    const rows = await this.prisma.alert.findMany({
      where: { organizationId, id: { in: [...alertIds] } },
      select: {
        id: true,
        type: true,
        severity: true,
        state: true,
        title: true,
        detail: true,
        openedAt: true,
        domainId: true,
        fromSnapshotId: true,
        toSnapshotId: true,
        domain: { select: { name: true, clientId: true, client: { select: { name: true } } } },
        fromSnapshot: { select: { recordText: true } },
        toSnapshot: { select: { recordText: true } },
        providerEvent: { select: { id: true, includeDomain: true, service: true, diff: true } },
      },
    });
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      severity: r.severity,
      state: r.state,
      title: r.title,
      detail: r.detail,
      openedAt: r.openedAt,
      domainId: r.domainId,
      domain: r.domain.name,
      clientId: r.domain.clientId,
      clientName: r.domain.client.name,
      fromSnapshotId: r.fromSnapshotId,
      toSnapshotId: r.toSnapshotId,
      recordBefore: r.fromSnapshot?.recordText ?? null,
      recordAfter: r.toSnapshot?.recordText ?? null,
      providerEvent: r.providerEvent,
    }));
  }

  /** Stored analyses of snapshots (for the diff in words and lint fixes). */
  async snapshotAnalyses(ids: readonly string[]): Promise<Map<string, Analysis>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.snapshot.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, analysis: true } });
    return new Map(rows.map((r) => [r.id, r.analysis as unknown as Analysis]));
  }

  /** The latest snapshot analyses of domains (lint fixes for alerts that have no snapshot of their own). */
  async latestAnalyses(domainIds: readonly string[]): Promise<Map<string, Analysis>> {
    if (domainIds.length === 0) return new Map();
    const rows = await this.prisma.domain.findMany({ where: { id: { in: [...new Set(domainIds)] } }, select: { id: true, latestSnapshot: { select: { analysis: true } } } });
    return new Map(rows.filter((r) => r.latestSnapshot).map((r) => [r.id, r.latestSnapshot!.analysis as unknown as Analysis]));
  }

  async report(organizationId: string, id: string): Promise<DeliveryReportRow | null> {
    const row = await this.prisma.report.findFirst({
      where: { id, organizationId },
      select: { id: true, clientId: true, kind: true, periodStart: true, periodEnd: true, data: true, pdf: true, csv: true, client: { select: { name: true } } },
    });
    if (!row) return null;
    const { client, ...rest } = row;
    return { ...rest, clientName: client.name };
  }
}
