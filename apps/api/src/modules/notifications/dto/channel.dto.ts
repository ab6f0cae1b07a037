import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  CHANNEL_EVENTS,
  CHANNEL_KINDS,
  type ChannelEvent,
  type ChannelKind,
  type ChannelResponse,
  type ChannelTestResult,
  type CreatedChannelResponse,
  NOTIFICATION_ATTEMPT_STATUSES,
  type NotificationAttemptResponse,
  type NotificationAttemptStatus,
} from '@spfwatch/contracts';
import type { ChannelRow } from '../channels.repository';
import type { AttemptRow } from '../notifications.repository';

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'Local time (24 h) when quiet hours start' }) start!: string;
  @ApiProperty({ example: '07:00', description: 'Local time when they end (before start = crosses midnight); held deliveries go out then' }) end!: string;
  @ApiPropertyOptional({ example: 'Europe/Paris', description: "IANA time zone (default: the organization's)" }) timeZone?: string;
}

const CONFIG_DESCRIPTION =
  'email: { recipients: string[] (1–50 addresses) }; webhook: { url, timeoutMs? (500–30000, default 10000) } — signed with the channel secret; slack: { url (an incoming-webhook URL), timeoutMs? }';

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
  @ApiProperty({ example: 'Ops mailbox', maxLength: 100 }) name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: CONFIG_DESCRIPTION, example: { recipients: ['ops@agency.example'] } }) config!: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'uuid', description: "Only this client's domains (absent: the whole organization)" }) clientId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this domain' }) domainId?: string;
  @ApiPropertyOptional({ default: true }) enabled?: boolean;
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, default: 'warning', description: 'Alerts below it are not sent here' }) minSeverity?: AlertSeverity;
  @ApiPropertyOptional({ enum: CHANNEL_EVENTS, isArray: true, default: ['alerts'], description: 'alerts (digests per check cycle) and/or reports (weekly compliance reports of the bound client, or of every client)' })
  events?: ChannelEvent[];
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true }) quietHours?: QuietHoursDto | null;
}

export class UpdateChannelDto {
  @ApiPropertyOptional({ maxLength: 100 }) name?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `Replaces the configuration (same kind). ${CONFIG_DESCRIPTION}` }) config?: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null = organization-wide' }) clientId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) domainId?: string | null;
  @ApiPropertyOptional() enabled?: boolean;
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES }) minSeverity?: AlertSeverity;
  @ApiPropertyOptional({ enum: CHANNEL_EVENTS, isArray: true }) events?: ChannelEvent[];
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null removes quiet hours' }) quietHours?: QuietHoursDto | null;
}

class StoredQuietHoursDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
  @ApiProperty() timeZone!: string;
}

export class ChannelDto implements ChannelResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clientId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) domainId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As configured; a Slack URL has its secret path masked' }) config!: Record<string, unknown>;
  @ApiProperty({ description: 'A webhook signing secret exists (shown only at creation and rotation)' }) hasSecret!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: ALERT_SEVERITIES }) minSeverity!: AlertSeverity;
  @ApiProperty({ enum: CHANNEL_EVENTS, isArray: true }) events!: ChannelEvent[];
  @ApiProperty({ type: StoredQuietHoursDto, nullable: true }) quietHours!: StoredQuietHoursDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreatedChannelDto extends ChannelDto implements CreatedChannelResponse {
  @ApiProperty({ type: String, nullable: true, example: 'whsec_…', description: 'Webhooks: the HMAC-SHA256 signing key, shown in this response only' }) secret!: string | null;
}

export class ChannelListDto {
  @ApiProperty({ type: [ChannelDto] }) items!: ChannelDto[];
  @ApiProperty() total!: number;
}

export class NotificationAttemptDto implements NotificationAttemptResponse {
  @ApiProperty() number!: number;
  @ApiProperty({ enum: NOTIFICATION_ATTEMPT_STATUSES }) status!: NotificationAttemptStatus;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'SMTP reply code or HTTP status' }) responseCode!: number | null;
  @ApiProperty({ type: String, nullable: true, description: "The server's reply (SMTP) or the start of the response body (HTTP)" }) response!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'host:pid of the process that tried' }) worker!: string | null;
}

export class ChannelTestResultDto implements ChannelTestResult {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ example: '<0190…@agency.example>' }) messageId!: string;
  @ApiProperty() delivered!: boolean;
  @ApiProperty({ type: NotificationAttemptDto }) attempt!: NotificationAttemptDto;
}

/** Slack incoming-webhook URLs carry their secret in the path: keep the start, mask the last segment. */
export function maskSlackUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    if (segments.length > 1 && segments[segments.length - 1]) segments[segments.length - 1] = '••••';
    return `${parsed.origin}${segments.join('/')}`;
  } catch {
    return '••••';
  }
}

export function toAttemptDto(a: AttemptRow): NotificationAttemptDto {
  return {
    number: a.number,
    status: a.status,
    startedAt: a.startedAt.toISOString(),
    finishedAt: a.finishedAt?.toISOString() ?? null,
    responseCode: a.responseCode,
    response: a.response,
    error: a.error,
    worker: a.worker,
  };
}

export function toChannelDto(row: ChannelRow): ChannelDto {
  const config = { ...((row.config ?? {}) as Record<string, unknown>) };
  if (row.kind === 'slack' && typeof config.url === 'string') config.url = maskSlackUrl(config.url);
  const quiet = row.quietHours as StoredQuietHoursDto | null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    clientId: row.clientId,
    domainId: row.domainId,
    config,
    hasSecret: row.secret !== null,
    enabled: row.enabled,
    minSeverity: row.minSeverity,
    events: row.events as ChannelEvent[],
    quietHours: quiet ? { start: quiet.start, end: quiet.end, timeZone: quiet.timeZone } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
