import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReportScheduleController } from './report-schedule.controller';
import { ReportScheduleService } from './report-schedule.service';
import { ReportWorkerService } from './report-worker.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Weekly and on-demand compliance reports (PDF with chart + CSV), stored and mailed through the notification outbox. */
@Module({
  imports: [NotificationsModule],
  controllers: [ReportsController, ReportScheduleController],
  providers: [ReportsRepository, ReportsService, ReportScheduleService, ReportWorkerService],
  exports: [ReportsService, ReportScheduleService],
})
export class ReportsModule {}
