import { Module } from '@nestjs/common';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { AlertPoliciesController } from './alert-policies.controller';
import { AlertPoliciesRepository } from './alert-policies.repository';
import { AlertPoliciesService } from './alert-policies.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

@Module({
  imports: [SnapshotsModule],
  controllers: [AlertsController, AlertPoliciesController],
  providers: [AlertsRepository, AlertsService, AlertPoliciesRepository, AlertPoliciesService],
  exports: [AlertsService, AlertPoliciesService],
})
export class AlertsModule {}
