import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_KINDS, type ChannelKind, NOTIFICATION_KINDS, NOTIFICATION_STATUSES, type NotificationDetailResponse, type NotificationKind, type NotificationResponse, type NotificationStatus } from '@spfwatch/contracts';
import type { AttemptRow, NotificationListRow } from '../notifications.repository';
import { NotificationAttemptDto, toAttemptDto } from './channel.dto';

class NotificationChannelRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
}

export class NotificationDto implements NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ enum: NOTIFICATION_STATUSES }) status!: NotificationStatus;
  @ApiProperty({ type: NotificationChannelRefDto }) channel!: NotificationChannelRefDto;
  @ApiProperty({ description: "The email's Message-ID (fixed before the first attempt); its local part is the webhook's X-Spfwatch-Delivery" }) messageId!: string;
  @ApiProperty({ example: 'tick:2026-03-02T08:00Z', description: 'tick:<check cycle>, at:<minute> (manual checks), report:<id> or test:<id>' }) digestKey!: string;
  @ApiProperty() alertCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reportId!: string | null;
  @ApiProperty() attemptCount!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt may start (pending only)' }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class NotificationDetailDto extends NotificationDto implements NotificationDetailResponse {
  @ApiProperty({ type: [String] }) alertIds!: string[];
  @ApiProperty({ type: [NotificationAttemptDto] }) attempts!: NotificationAttemptDto[];
}

export function toNotificationDto(row: NotificationListRow): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    messageId: row.messageId,
    digestKey: row.digestKey,
    alertCount: row.alertIds.length,
    reportId: row.reportId,
    attemptCount: row.attemptCount,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toNotificationDetailDto(row: NotificationListRow & { attempts: AttemptRow[] }): NotificationDetailDto {
  return { ...toNotificationDto(row), alertIds: row.alertIds, attempts: row.attempts.map(toAttemptDto) };
}
