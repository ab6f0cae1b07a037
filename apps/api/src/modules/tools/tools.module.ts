import { Module } from '@nestjs/common';
import { ToolsController } from './tools.controller';
import { ToolsRepository } from './tools.repository';
import { ToolsService } from './tools.service';

@Module({
  controllers: [ToolsController],
  providers: [ToolsRepository, ToolsService],
})
export class ToolsModule {}
