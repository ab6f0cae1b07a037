import { Module } from '@nestjs/common';
import { ProviderEventsController } from './provider-events.controller';
import { ProviderEventsRepository } from './provider-events.repository';
import { ProviderEventsService } from './provider-events.service';

@Module({
  controllers: [ProviderEventsController],
  providers: [ProviderEventsRepository, ProviderEventsService],
  exports: [ProviderEventsService],
})
export class ProviderEventsModule {}
