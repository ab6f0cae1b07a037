import { Global, Module } from '@nestjs/common';
import { MetricsAccess } from './metrics-access';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/** `GET /metrics` and the `MetricsService` other modules count their work with. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsRepository, MetricsAccess],
  exports: [MetricsService],
})
export class MetricsModule {}
