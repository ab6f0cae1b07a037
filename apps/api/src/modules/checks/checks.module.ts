import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProviderEventsModule } from '../provider-events/provider-events.module';
import { ChecksController } from './checks.controller';
import { ChecksRepository } from './checks.repository';
import { ChecksService } from './checks.service';

@Module({
  imports: [AlertsModule, ProviderEventsModule, NotificationsModule],
  controllers: [ChecksController],
  providers: [ChecksRepository, ChecksService],
  exports: [ChecksService],
})
export class ChecksModule {}
