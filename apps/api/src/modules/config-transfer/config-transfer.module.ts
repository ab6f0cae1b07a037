import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DomainsModule } from '../domains/domains.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReportsModule } from '../reports/reports.module';
import { ConfigTransferController } from './config-transfer.controller';
import { ConfigTransferRepository } from './config-transfer.repository';
import { ConfigTransferService } from './config-transfer.service';

/** GET /api/organization/export and POST /api/organization/import: the configuration as JSON (docs/backups.md). */
@Module({
  imports: [OrganizationsModule, DomainsModule, AlertsModule, NotificationsModule, ReportsModule],
  controllers: [ConfigTransferController],
  providers: [ConfigTransferRepository, ConfigTransferService],
})
export class ConfigTransferModule {}
