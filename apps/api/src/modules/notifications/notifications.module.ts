import { Module } from '@nestjs/common';
import { ChannelsController } from './channels.controller';
import { ChannelsRepository } from './channels.repository';
import { ChannelsService } from './channels.service';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { DeliveryWorkerService } from './delivery-worker.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { Mailer, NodemailerMailer } from './transport/mailer';
import { FetchWebhookSender, WebhookSender } from './transport/webhook-sender';

/**
 * Notification channels, the transactional outbox (NotificationsService.enqueueForAlerts, called
 * in the check transaction) and delivery (deliver-notifications jobs). Mailer and WebhookSender
 * are the side effects: override them in tests, or point SMTP_URL/URLs at loopback servers.
 */
@Module({
  controllers: [ChannelsController, NotificationsController],
  providers: [
    ChannelsRepository,
    ChannelsService,
    NotificationsRepository,
    NotificationsService,
    DeliveryRepository,
    DeliveryService,
    DeliveryWorkerService,
    { provide: Mailer, useClass: NodemailerMailer },
    { provide: WebhookSender, useClass: FetchWebhookSender },
  ],
  exports: [NotificationsService, DeliveryService, ChannelsService],
})
export class NotificationsModule {}
