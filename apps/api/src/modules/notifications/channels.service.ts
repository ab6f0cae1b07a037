import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_CONFIG_SCHEMAS, type CreateChannelInput, type QuietHoursInput, type UpdateChannelInput } from '@spfwatch/contracts';
import { randomSecret } from '../../common/auth/secrets';
import { CLOCK, type Clock } from '../../common/clock';
import { AppError, notFound } from '../../common/errors';
import { toValidationIssues } from '../../common/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import type { Tx } from '../checks/db-transaction';
import { type ChannelRow, type ChannelWrite, ChannelsRepository } from './channels.repository';
import { DeliveryService } from './delivery.service';
import type { AttemptRow } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Webhook secrets: `whsec_` + 256 random bits (base64url). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Notification channels: CRUD with binding checks, secrets shown once, and test sends. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly repo: ChannelsRepository,
    private readonly delivery: DeliveryService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(organizationId: string): Promise<ChannelRow[]> {
    return this.repo.list(organizationId);
  }

  async get(organizationId: string, id: string): Promise<ChannelRow> {
    const channel = await this.repo.findById(organizationId, id);
    if (!channel) throw notFound('Channel', id);
    return channel;
  }

  /** Creates a channel; a webhook gets a signing secret, returned this once. */
  async create(organizationId: string, input: CreateChannelInput): Promise<ChannelRow & { secret: string | null }> {
    await this.checkBinding(organizationId, input.clientId ?? null, input.domainId ?? null);
    const data = await this.newChannel(organizationId, input);
    const row = await this.repo.create(organizationId, data, this.clock.now());
    const secret = data.secret;
    await this.audit.record({ action: 'channel.created', target: { type: 'notification_channel', id: row.id, label: row.name }, details: { kind: row.kind, clientId: row.clientId, domainId: row.domainId, events: row.events } });
    return { ...row, secret };
  }

  /**
   * Creates channels in the caller's transaction (a configuration import): each webhook gets a
   * new signing secret, returned this once. The caller resolved the bindings to clients and
   * domains of this organization, some created in the same transaction (invisible to
   * `checkBinding`'s reads). No audit entry: the caller records its own.
   */
  async createMany(tx: Tx, organizationId: string, inputs: readonly CreateChannelInput[]): Promise<Array<ChannelRow & { secret: string | null }>> {
    const now = this.clock.now().getTime();
    const out: Array<ChannelRow & { secret: string | null }> = [];
    for (const [i, input] of inputs.entries()) {
      const data = await this.newChannel(organizationId, input);
      // A millisecond apart: channels are listed by creation time, so they keep the given order.
      out.push({ ...(await this.repo.create(organizationId, data, new Date(now + i), tx)), secret: data.secret });
    }
    return out;
  }

  async update(organizationId: string, id: string, input: UpdateChannelInput): Promise<ChannelRow> {
    const channel = await this.get(organizationId, id);
    const data: ChannelWrite = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.enabled !== undefined) data.enabled = input.enabled;
    if (input.minSeverity !== undefined) data.minSeverity = input.minSeverity;
    if (input.events !== undefined) data.events = input.events;
    if (input.config !== undefined) {
      const parsed = CHANNEL_CONFIG_SCHEMAS[channel.kind].safeParse(input.config);
      if (!parsed.success) {
        const issues = toValidationIssues(parsed.error).map((i) => ({ ...i, path: i.path ? `config.${i.path}` : 'config' }));
        throw new AppError('validation_failed', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
      }
      data.config = parsed.data;
    }
    if (input.clientId !== undefined || input.domainId !== undefined) {
      // Setting one binding clears the other.
      const clientId = input.clientId !== undefined ? input.clientId : input.domainId ? null : channel.clientId;
      const domainId = input.domainId !== undefined ? input.domainId : input.clientId ? null : channel.domainId;
      await this.checkBinding(organizationId, clientId, domainId);
      data.clientId = clientId;
      data.domainId = domainId;
    }
    if (input.quietHours !== undefined) data.quietHours = input.quietHours === null ? null : await this.withTimeZone(organizationId, input.quietHours);
    const row = await this.repo.update(organizationId, id, data);
    if (!row) throw notFound('Channel', id);
    await this.audit.record({ action: 'channel.updated', target: { type: 'notification_channel', id, label: row.name }, details: { fields: Object.keys(input) } });
    return row;
  }

  async remove(organizationId: string, id: string): Promise<void> {
    const channel = await this.get(organizationId, id);
    if (!(await this.repo.delete(organizationId, id))) throw notFound('Channel', id);
    await this.audit.record({ action: 'channel.deleted', target: { type: 'notification_channel', id, label: channel.name }, details: { kind: channel.kind } });
  }

  /** A new webhook secret (the old one stops at once), returned this once. */
  async rotateSecret(organizationId: string, id: string): Promise<ChannelRow & { secret: string }> {
    const channel = await this.get(organizationId, id);
    if (channel.kind !== 'webhook') throw new AppError('bad_request', `A ${channel.kind} channel has no signing secret`);
    const secret = `${WEBHOOK_SECRET_PREFIX}${randomSecret()}`;
    const row = await this.repo.update(organizationId, id, { secret });
    if (!row) throw notFound('Channel', id);
    await this.audit.record({ action: 'channel.secret_rotated', target: { type: 'notification_channel', id, label: row.name } });
    return { ...row, secret };
  }

  /** Sends a test message now (synchronously) and returns the recorded attempt. */
  async test(organizationId: string, id: string): Promise<{ notificationId: string; messageId: string; delivered: boolean; attempt: AttemptRow }> {
    await this.get(organizationId, id);
    const sent = await this.delivery.sendTest(organizationId, id);
    const notification = await this.notifications.get(organizationId, sent.notificationId);
    return { ...sent, attempt: notification.attempts[0]! };
  }

  /** A new channel's row: a webhook's secret, quiet hours in the organization's time zone unless given. */
  private async newChannel(organizationId: string, input: CreateChannelInput): Promise<ChannelWrite & { kind: CreateChannelInput['kind']; name: string; config: unknown; secret: string | null }> {
    return {
      kind: input.kind,
      name: input.name,
      clientId: input.clientId ?? null,
      domainId: input.domainId ?? null,
      config: input.config,
      secret: input.kind === 'webhook' ? `${WEBHOOK_SECRET_PREFIX}${randomSecret()}` : null,
      enabled: input.enabled,
      minSeverity: input.minSeverity,
      events: input.events,
      quietHours: input.quietHours ? await this.withTimeZone(organizationId, input.quietHours) : null,
    };
  }

  private async checkBinding(organizationId: string, clientId: string | null, domainId: string | null): Promise<void> {
    if (clientId && !(await this.repo.clientExists(organizationId, clientId))) throw invalid('clientId', `No client ${clientId} in this organization`);
    if (domainId && !(await this.repo.domainExists(organizationId, domainId))) throw invalid('domainId', `No domain ${domainId} in this organization`);
  }

  private async withTimeZone(organizationId: string, quiet: QuietHoursInput): Promise<{ start: string; end: string; timeZone: string }> {
    return { start: quiet.start, end: quiet.end, timeZone: quiet.timeZone ?? (await this.repo.organizationTimeZone(organizationId)) };
  }
}
