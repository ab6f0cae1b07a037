import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type ListNotificationsQuery, listNotificationsQuerySchema, NOTIFICATION_KINDS, NOTIFICATION_STATUSES } from '@spfwatch/contracts';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { NotificationDetailDto, NotificationPageDto, toNotificationDetailDto, toNotificationDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Messages sent or to send, newest first (status=failed: what the dashboard shows as undelivered)' })
  @ApiQuery({ name: 'status', required: false, enum: NOTIFICATION_STATUSES })
  @ApiQuery({ name: 'kind', required: false, enum: NOTIFICATION_KINDS })
  @ApiQuery({ name: 'channelId', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiErrors('validation_failed', 'unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(listNotificationsQuerySchema)) query: ListNotificationsQuery): Promise<NotificationPageDto> {
    const page = await this.notifications.list(organizationId, query);
    return { ...page, items: page.items.map(toNotificationDto) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message with every delivery attempt' })
  @ApiOkResponse({ type: NotificationDetailDto })
  @ApiErrors('not_found', 'unauthorized', 'forbidden')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Notification')) id: string): Promise<NotificationDetailDto> {
    return toNotificationDetailDto(await this.notifications.get(organizationId, id));
  }
}
