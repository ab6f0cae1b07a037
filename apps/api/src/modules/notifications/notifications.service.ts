import { Inject, Injectable } from '@nestjs/common';
import type { ListNotificationsQuery } from '@spfwatch/contracts';
import { CLOCK, type Clock } from '../../common/clock';
import { notFound } from '../../common/errors';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import type { Tx } from '../checks/db-transaction';
import { uuidv7 } from '../checks/uuid-v7';
import { messageIdFor } from './delivery.service';
import { deliverNotificationsJob } from './jobs';
import { type AttemptRow, type NewOutboxEntry, type NotificationListRow, NotificationsRepository } from './notifications.repository';
import { quietUntil, type QuietHours } from './rules/quiet-hours';
import { digestKeyOf, reportChannels, routeAlerts } from './rules/routing';
import { Mailer } from './transport/mailer';

export interface AlertCycle {
  /** The scheduler tick of the check(s); null for a manual check. */
  tick: string | null;
  /** When the check ran. */
  at: Date;
}

/**
 * The outbox side of notifications: called inside the transactions that create what is
 * announced (a check's alerts, a report), it writes the outbox rows (or notifications) and
 * the pg-boss job that will deliver them, so both exist exactly when the transaction commits.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly queue: QueueService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The hook of the check pipeline: the alerts a check transaction just opened, routed to the
   * channels that want them; one outbox row per channel, keyed by the cycle (digest). Writes
   * nothing (and queries nothing) when no alert was opened.
   */
  async enqueueForAlerts(tx: Tx, alertIds: readonly string[], cycle: AlertCycle): Promise<void> {
    if (alertIds.length === 0) return;
    const alerts = await this.repo.alertTargets(tx, alertIds);
    const channels = await this.repo.enabledChannels(tx, alerts.map((a) => a.organizationId), 'alerts');
    if (channels.length === 0) return;
    const routed = routeAlerts(channels, alerts);
    if (routed.size === 0) return;
    const digestKey = digestKeyOf(cycle.tick, cycle.at);
    const now = this.clock.now();
    const organizationOf = new Map(channels.map((c) => [c.id, c.organizationId]));
    const entries: NewOutboxEntry[] = [...routed].map(([channelId, ids]) => ({ id: uuidv7(now.getTime()), organizationId: organizationOf.get(channelId)!, channelId, digestKey, alertIds: ids, createdAt: now }));
    await this.repo.insertOutbox(tx, entries);
    await this.queue.send(deliverNotificationsJob, { reason: 'alerts' }, { startAfter: this.config.env.NOTIFY_SETTLE_SECONDS, db: this.repo.jobExecutor(tx) });
  }

  /** Inside the report's transaction: one notification per channel that receives the client's reports. */
  async enqueueForReport(tx: Tx, report: { id: string; organizationId: string; clientId: string }): Promise<number> {
    const channels = reportChannels(await this.repo.enabledChannels(tx, [report.organizationId], 'reports'), report);
    if (channels.length === 0) return 0;
    const now = this.clock.now();
    await this.repo.insertNotifications(
      tx,
      channels.map((c) => {
        const id = uuidv7(now.getTime());
        return {
          id,
          organizationId: report.organizationId,
          channelId: c.id,
          kind: 'report' as const,
          digestKey: `report:${report.id}`,
          messageId: messageIdFor(id, this.mailer.from),
          alertIds: [],
          reportId: report.id,
          nextAttemptAt: quietUntil(now, c.quietHours as QuietHours | null) ?? now,
          createdAt: now,
        };
      }),
    );
    await this.queue.send(deliverNotificationsJob, { reason: 'report' }, { db: this.repo.jobExecutor(tx) });
    return channels.length;
  }

  async list(organizationId: string, query: ListNotificationsQuery): Promise<{ items: NotificationListRow[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, ...filter } = query;
    const { items, total } = await this.repo.list(organizationId, filter, page, pageSize);
    return { items, total, page, pageSize };
  }

  async get(organizationId: string, id: string): Promise<NotificationListRow & { attempts: AttemptRow[] }> {
    const row = await this.repo.findById(organizationId, id);
    if (!row) throw notFound('Notification', id);
    return row;
  }
}
