import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { CheckWorkerService } from './check-worker.service';
import { RetentionService } from './retention.service';
import { SchedulerController } from './scheduler.controller';
import { SchedulerRepository } from './scheduler.repository';
import { SchedulerService } from './scheduler.service';

@Module({
  imports: [ChecksModule],
  controllers: [SchedulerController],
  providers: [SchedulerRepository, SchedulerService, RetentionService, CheckWorkerService],
  exports: [SchedulerService, CheckWorkerService, RetentionService],
})
export class SchedulerModule {}
