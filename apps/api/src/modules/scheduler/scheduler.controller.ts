import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../common/auth/decorators';
import { CycleProgressDto, RunCycleResponseDto } from '../checks/dto/check.dto';
import { SchedulerService } from './scheduler.service';

@ApiTags('checks')
@Controller('checks')
export class SchedulerController {
  constructor(private readonly scheduler: SchedulerService) {}

  @Get('cycle')
  @ApiOperation({ summary: "Progress of the latest scheduler tick (for the dashboard's progress bar)" })
  @ApiOkResponse({ type: CycleProgressDto })
  async cycle(): Promise<CycleProgressDto> {
    return this.scheduler.cycleProgress();
  }

  @Post('run-cycle')
  @RequireRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Enqueue a check of every due domain now (a tick for the current minute); returns how many' })
  @ApiOkResponse({ type: RunCycleResponseDto })
  async runCycle(): Promise<RunCycleResponseDto> {
    const result = await this.scheduler.runCycleNow();
    return { tick: result.tick, enqueued: result.enqueued, status: result.status };
  }
}
