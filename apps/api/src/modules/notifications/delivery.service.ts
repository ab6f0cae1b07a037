import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHANNEL_CONFIG_SCHEMAS, type ChannelKind } from '@spfwatch/contracts';
import { diffAnalyses, type Analysis } from '@spfwatch/spf';
import { hostname } from 'node:os';
import { CLOCK, type Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import { uuidv7 } from '../checks/uuid-v7';
import { reportFileName } from '../reports/render/format';
import type { ReportData } from '../reports/render/report-data';
import { renderReportEmail, reportHeadline } from '../reports/render/report-email';
import { type AttemptOutcome, type DeliveryChannel, DeliveryRepository, type DeliveryRow, type DigestAlertRow, type NotificationUpdate } from './delivery.repository';
import { deliverNotificationsJob } from './jobs';
import { DETAILED_ALERTS, renderAlertEmail, renderTestEmail, type RenderedEmail } from './render/alert-email';
import { type AlertDigest, type DigestAlert, sortAlerts } from './render/digest';
import { alertsPayload, alertsSlackPayload, reportPayload, reportSlackPayload, testPayload, testSlackPayload, type WebhookPayloadV1, type WebhookReportV1 } from './render/webhook-payload';
import { afterFailure } from './rules/backoff';
import { type QuietHours, quietUntil } from './rules/quiet-hours';
import { hostOfAddress, isMailDeliveryError, type MailAttachment, Mailer } from './transport/mailer';
import { signWebhookBody, WebhookSender } from './transport/webhook-sender';

/** Which process holds a lease (host:pid), recorded with each attempt. */
export const WORKER_ID = `${hostname()}:${process.pid}`;
/** A digest waits at most this long for its cycle to settle (a long cycle still reports as it goes). */
const MAX_SETTLE_WAIT_MS = 10 * 60_000;
/** Deliveries per pass; a pass that reaches it asks for another at once. */
const PASS_LIMIT = 200;
const BATCH = 8;
const USER_AGENT = 'spfwatch-webhooks/1';

export interface PassResult {
  assembled: number;
  delivered: number;
  retrying: number;
  failed: number;
  cancelled: number;
  deferred: number;
}

type DeliveryOutcome = 'delivered' | 'retrying' | 'failed' | 'cancelled' | 'deferred' | 'skipped';

/** What one attempt sends: an email, or a webhook body. */
type Composed =
  | { kind: 'email'; email: RenderedEmail; attachments: MailAttachment[] }
  | { kind: 'json'; payload: WebhookPayloadV1 | object; event: string }
  | { cancel: string };

/** The message id of a notification: `<id@host-of-SMTP_FROM>`; its local part is the delivery id. */
export function messageIdFor(id: string, from: string): string {
  return `<${id}@${hostOfAddress(from)}>`;
}

export function deliveryIdOf(messageId: string): string {
  return messageId.replace(/^<|@.*$/g, '');
}

function quietHoursOf(value: unknown): QuietHours | null {
  const q = value as Partial<QuietHours> | null;
  return q && typeof q.start === 'string' && typeof q.end === 'string' && typeof q.timeZone === 'string' ? (q as QuietHours) : null;
}

/**
 * Delivery: turns settled outbox entries into messages (one per channel and digest), then
 * delivers due messages under a lease, recording every attempt. Exactly-once in practice: a
 * message's id is fixed when it is created; an attempt starts only with the lease; the
 * server's acceptance and "delivered" are committed together; a dead worker's lease expires
 * and the next attempt reuses the same id (so receivers can drop the rare duplicate of an
 * attempt accepted just before its worker died). See docs/notifications.md.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger('Notifications');
  private current: Promise<PassResult> | null = null;
  private queued: Promise<PassResult> | null = null;

  constructor(
    private readonly repo: DeliveryRepository,
    private readonly queue: QueueService,
    private readonly mailer: Mailer,
    private readonly webhooks: WebhookSender,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One assembly + delivery pass; concurrent calls share the running pass plus at most one more. */
  runOnce(): Promise<PassResult> {
    if (!this.current) {
      this.current = this.pass().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    this.queued ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.runOnce();
      });
    return this.queued;
  }

  private async pass(): Promise<PassResult> {
    const result: PassResult = { assembled: await this.assembleSettled(), delivered: 0, retrying: 0, failed: 0, cancelled: 0, deferred: 0 };
    let processed = 0;
    while (processed < PASS_LIMIT) {
      const ids = await this.repo.dueIds(this.clock.now(), BATCH);
      if (ids.length === 0) break;
      const outcomes = await Promise.all(ids.map((id) => this.deliverOne(id)));
      processed += ids.length;
      for (const o of outcomes) if (o !== 'skipped') result[o]++;
      if (outcomes.every((o) => o === 'skipped')) break;
    }
    if (processed >= PASS_LIMIT) await this.wake(this.clock.now(), 'more');
    return result;
  }

  /** Outbox groups quiet for NOTIFY_SETTLE_SECONDS (or waiting since MAX_SETTLE_WAIT) become one notification each. */
  async assembleSettled(): Promise<number> {
    const now = this.clock.now();
    const settleMs = this.config.env.NOTIFY_SETTLE_SECONDS * 1000;
    let assembled = 0;
    let wakeAt: number | null = null;
    for (const group of await this.repo.unassembledGroups()) {
      const readyAt = Math.min(group.latest.getTime() + settleMs, group.first.getTime() + MAX_SETTLE_WAIT_MS);
      if (readyAt > now.getTime()) {
        wakeAt = Math.min(wakeAt ?? readyAt, readyAt);
        continue;
      }
      const id = uuidv7(now.getTime());
      const done = await this.repo.assemble(group, {
        id,
        organizationId: group.organizationId,
        messageId: messageIdFor(id, this.mailer.from),
        nextAttemptAt: quietUntil(now, quietHoursOf(group.quietHours)) ?? now,
        createdAt: now,
      });
      if (done) {
        assembled++;
        this.logger.debug(`Notification ${id}: ${done.alertCount} alerts for channel ${group.channelId} (${group.digestKey})`);
      }
    }
    if (wakeAt !== null) await this.wake(new Date(wakeAt), 'settle');
    return assembled;
  }

  /** Delivers one notification if it is still due and no other worker holds it. */
  async deliverOne(id: string): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    const row = await this.repo.findForDelivery(id);
    if (!row) return 'skipped';
    if (row.status === 'pending') {
      if (!row.channel.enabled) {
        await this.repo.cancelPending(id, 'The channel is disabled');
        return 'cancelled';
      }
      const until = row.kind === 'test' ? null : quietUntil(now, quietHoursOf(row.channel.quietHours));
      if (until) {
        await this.repo.defer(id, until);
        await this.wake(until, 'quiet-hours');
        return 'deferred';
      }
    }
    const leaseMs = this.leaseMs(row.channel);
    const claimed = await this.repo.claim(id, WORKER_ID, now, new Date(now.getTime() + leaseMs));
    if (!claimed) return 'skipped';
    // Should this process die mid-send, this job lets another worker take over once the lease expires.
    await this.wake(new Date(now.getTime() + leaseMs + 1000), 'lease');
    const result = await this.attempt(claimed);
    return this.record(claimed, result);
  }

  /**
   * A channel test: one attempt now, whatever the quiet hours, recorded like any other
   * (kind test, never retried). Returns the notification and its attempt.
   */
  async sendTest(organizationId: string, channelId: string): Promise<{ notificationId: string; messageId: string; delivered: boolean }> {
    const now = this.clock.now();
    const id = uuidv7(now.getTime());
    const leased = await this.repo.createLeased({
      id,
      organizationId,
      channelId,
      kind: 'test',
      digestKey: `test:${id}`,
      messageId: messageIdFor(id, this.mailer.from),
      now,
      owner: WORKER_ID,
      leaseUntil: new Date(now.getTime() + 10 * 60_000),
    });
    const outcome = await this.record(leased, await this.attempt(leased));
    return { notificationId: id, messageId: leased.messageId, delivered: outcome === 'delivered' };
  }

  /** Asks a worker to run a pass at `at` (now or later). */
  async wake(at: Date, reason: string): Promise<void> {
    const seconds = Math.max(0, Math.ceil((at.getTime() - this.clock.now().getTime()) / 1000));
    try {
      await this.queue.send(deliverNotificationsJob, { reason }, seconds > 0 ? { startAfter: seconds } : {});
    } catch (error) {
      // The per-minute backstop will run the pass anyway.
      this.logger.warn(`Could not schedule a delivery pass (${reason}): ${(error as Error).message}`);
    }
  }

  private leaseMs(channel: DeliveryChannel): number {
    const timeout = channel.kind === 'email' ? this.config.env.SMTP_TIMEOUT_MS : Number((channel.config as { timeoutMs?: number }).timeoutMs ?? 10_000);
    return Math.max(this.config.env.NOTIFY_LEASE_SECONDS * 1000, timeout + 1000);
  }

  private publicUrl(): string {
    return this.config.env.PUBLIC_URL ?? `http://localhost:${this.config.env.PORT}`;
  }

  /** Composes and sends; never throws (a failure is an outcome). */
  private async attempt(row: DeliveryRow): Promise<AttemptOutcome | { cancel: string }> {
    // Whole seconds: the body's sentAt and X-Spfwatch-Timestamp are the same instant.
    const sentAt = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    try {
      const composed = await this.compose(row, sentAt);
      if ('cancel' in composed) return composed;
      return await this.transmit(row, composed, sentAt);
    } catch (error) {
      if (isMailDeliveryError(error)) return { status: 'failed', responseCode: error.responseCode, response: error.response, error: error.message };
      this.logger.error(`Notification ${row.id}: ${(error as Error).message}`, (error as Error).stack);
      return { status: 'failed', responseCode: null, response: null, error: (error as Error).message };
    }
  }

  private async transmit(row: DeliveryRow, composed: Exclude<Composed, { cancel: string }>, sentAt: Date): Promise<AttemptOutcome> {
    const kind: ChannelKind = row.channel.kind;
    const config = CHANNEL_CONFIG_SCHEMAS[kind].safeParse(row.channel.config);
    if (!config.success) return { status: 'failed', responseCode: null, response: null, error: 'The channel configuration is invalid' };
    const deliveryId = deliveryIdOf(row.messageId);
    if (composed.kind === 'email') {
      if (kind !== 'email') throw new Error(`An email composed for a ${kind} channel`);
      const accepted = await this.mailer.send({
        to: (config.data as { recipients: string[] }).recipients,
        subject: composed.email.subject,
        text: composed.email.text,
        html: composed.email.html,
        messageId: row.messageId,
        attachments: composed.attachments,
        headers: { 'X-Spfwatch-Delivery': deliveryId, 'X-Spfwatch-Type': row.kind },
      });
      return {
        status: 'delivered',
        responseCode: accepted.responseCode,
        response: accepted.response,
        error: accepted.rejected.length > 0 ? `Refused by the server for ${accepted.rejected.join(', ')}` : null,
      };
    }
    const { url, timeoutMs } = config.data as { url: string; timeoutMs: number };
    const body = JSON.stringify(composed.payload);
    const timestamp = String(sentAt.getTime() / 1000);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT };
    if (kind === 'webhook') {
      headers['X-Spfwatch-Delivery'] = deliveryId;
      headers['X-Spfwatch-Event'] = composed.event;
      headers['X-Spfwatch-Timestamp'] = timestamp;
      if (row.channel.secret) headers['X-Spfwatch-Signature'] = signWebhookBody(row.channel.secret, body);
    }
    const response = await this.webhooks.post({ url, body, headers, timeoutMs });
    return { status: response.ok ? 'delivered' : 'failed', responseCode: response.status, response: response.body || null, error: response.error };
  }

  private async compose(row: DeliveryRow, now: Date): Promise<Composed> {
    const organization = { id: row.organizationId, name: row.organizationName };
    const kind = row.channel.kind;
    const deliveryId = deliveryIdOf(row.messageId);
    switch (row.kind) {
      case 'test':
        if (kind === 'email') return { kind: 'email', email: renderTestEmail(organization.name, row.channel.name, this.publicUrl()), attachments: [] };
        return { kind: 'json', event: 'test', payload: kind === 'slack' ? testSlackPayload(row.channel.name) : testPayload(deliveryId, now, organization, row.channel.name) };
      case 'alerts': {
        const digest = await this.digest(organization, row.alertIds);
        if (digest.alerts.length === 0) return { cancel: 'Its alerts no longer exist (their domains were deleted)' };
        if (kind === 'email') return { kind: 'email', email: renderAlertEmail(digest), attachments: [] };
        return { kind: 'json', event: 'alerts', payload: kind === 'slack' ? alertsSlackPayload(digest) : alertsPayload(deliveryId, now, digest) };
      }
      case 'report': {
        const report = row.reportId ? await this.repo.report(row.organizationId, row.reportId) : null;
        if (!report) return { cancel: 'The report no longer exists' };
        const data = report.data as ReportData;
        const base = this.publicUrl();
        const links = { pdfUrl: `${base}/api/reports/${report.id}.pdf`, csvUrl: `${base}/api/reports/${report.id}.csv`, dashboardUrl: `${base}/clients/${report.clientId}` };
        if (kind === 'email') {
          return {
            kind: 'email',
            email: renderReportEmail(data, links),
            attachments: [
              { filename: reportFileName(data, 'pdf'), content: Buffer.from(report.pdf), contentType: 'application/pdf' },
              { filename: reportFileName(data, 'csv'), content: report.csv, contentType: 'text/csv; charset=utf-8' },
            ],
          };
        }
        const webhookReport: WebhookReportV1 = {
          id: report.id,
          client: { id: report.clientId, name: report.clientName },
          kind: report.kind,
          periodStart: report.periodStart.toISOString(),
          periodEnd: report.periodEnd.toISOString(),
          summary: { ...data.summary },
          pdfUrl: links.pdfUrl,
          csvUrl: links.csvUrl,
        };
        return { kind: 'json', event: 'report', payload: kind === 'slack' ? reportSlackPayload(webhookReport, reportHeadline(data)) : reportPayload(deliveryId, now, organization, webhookReport) };
      }
    }
  }

  /** The alerts of a message with the diff in words, records and fixes for the ones described in full. */
  private async digest(organization: { id: string; name: string }, alertIds: readonly string[]): Promise<AlertDigest> {
    const rows = sortAlerts(await this.repo.digestAlerts(organization.id, alertIds));
    const detailed = rows.filter((r) => !r.providerEvent).slice(0, DETAILED_ALERTS);
    const analyses = await this.repo.snapshotAnalyses(detailed.flatMap((r) => [r.fromSnapshotId, r.toSnapshotId]).filter((id): id is string => id !== null));
    const latest = await this.repo.latestAnalyses(detailed.filter((r) => !r.toSnapshotId).map((r) => r.domainId));
    const detailedIds = new Set(detailed.map((r) => r.id));
    const alerts: DigestAlert[] = rows.map((r) => {
      const from = r.fromSnapshotId ? analyses.get(r.fromSnapshotId) : undefined;
      const to = r.toSnapshotId ? analyses.get(r.toSnapshotId) : latest.get(r.domainId);
      const described = detailedIds.has(r.id);
      return {
        ...pick(r),
        detail: (r.detail ?? {}) as Record<string, unknown>,
        changes: described && from && r.toSnapshotId && to ? diffAnalyses(from, to).changes.map((c) => c.message) : [],
        fixes: described && to ? lintFixes(to) : [],
        providerEvent: r.providerEvent ? providerEventOf(r.providerEvent) : null,
      };
    });
    return { organization, alerts, publicUrl: this.publicUrl() };
  }

  /** Records the outcome and schedules what comes next. */
  private async record(row: DeliveryRow & { attemptNumber: number }, result: AttemptOutcome | { cancel: string }): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    let outcome: AttemptOutcome;
    let next: NotificationUpdate;
    if ('cancel' in result) {
      outcome = { status: 'failed', responseCode: null, response: null, error: result.cancel };
      next = { status: 'cancelled', error: result.cancel };
    } else if (result.status === 'delivered') {
      outcome = result;
      next = { status: 'delivered', at: now };
    } else {
      outcome = result;
      const error = result.error ?? 'Delivery failed';
      const decision = row.kind === 'test' ? { giveUp: true as const } : afterFailure(row.attemptNumber, now, { maxAttempts: this.config.env.NOTIFY_MAX_ATTEMPTS, baseSeconds: this.config.env.NOTIFY_RETRY_BASE_SECONDS, maxSeconds: this.config.env.NOTIFY_RETRY_MAX_SECONDS });
      next = 'retryAt' in decision ? { status: 'pending', retryAt: decision.retryAt, error } : { status: 'failed', error };
    }
    const kept = await this.repo.finish(row.id, WORKER_ID, row.attemptNumber, outcome, next, now);
    if (!kept) this.logger.warn(`Notification ${row.id}: attempt ${row.attemptNumber} finished after its lease was taken over`);
    const label = `Notification ${row.id} (${row.kind} → ${row.channel.kind} "${row.channel.name}") attempt ${row.attemptNumber}`;
    switch (next.status) {
      case 'delivered':
        this.logger.log(`${label}: delivered${outcome.responseCode ? ` (${outcome.responseCode})` : ''}`);
        return 'delivered';
      case 'pending':
        this.logger.warn(`${label} failed: ${next.error}; retrying at ${next.retryAt.toISOString()}`);
        await this.wake(next.retryAt, 'retry');
        return 'retrying';
      case 'failed':
        this.logger.warn(`${label} failed for good: ${next.error}`);
        return 'failed';
      case 'cancelled':
        this.logger.log(`${label}: cancelled (${next.error})`);
        return 'cancelled';
    }
  }
}

function pick(r: DigestAlertRow): Omit<DigestAlert, 'detail' | 'changes' | 'fixes' | 'providerEvent'> {
  return {
    id: r.id,
    type: r.type,
    severity: r.severity,
    state: r.state,
    title: r.title,
    openedAt: r.openedAt,
    domainId: r.domainId,
    domain: r.domain,
    clientId: r.clientId,
    clientName: r.clientName,
    recordBefore: r.recordBefore,
    recordAfter: r.recordAfter,
  };
}

function providerEventOf(event: NonNullable<DigestAlertRow['providerEvent']>): NonNullable<DigestAlert['providerEvent']> {
  const diff = (event.diff ?? {}) as { changes?: unknown; recordBefore?: unknown; recordAfter?: unknown };
  return {
    id: event.id,
    includeDomain: event.includeDomain,
    service: event.service,
    changes: Array.isArray(diff.changes) ? diff.changes.map(String) : [],
    recordBefore: typeof diff.recordBefore === 'string' ? diff.recordBefore : null,
    recordAfter: typeof diff.recordAfter === 'string' ? diff.recordAfter : null,
  };
}

/** The engine's concrete fixes for the errors and warnings of a record (at most 5). */
export function lintFixes(analysis: Analysis): string[] {
  return analysis.lint
    .filter((f) => f.severity !== 'info')
    .slice(0, 5)
    .map((f) => (f.fix ? `${f.message} Fix: ${f.fix}` : f.message));
}
