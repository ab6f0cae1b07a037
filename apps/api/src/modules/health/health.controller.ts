import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { HealthService } from './health.service';
import { LivenessDto, ReadinessDto } from './health.dto';

/** Probes, outside the /api prefix, served by every role, without authentication. */
@ApiTags('health')
@Controller()
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency checked)' })
  @ApiOkResponse({ type: LivenessDto })
  liveness(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers SELECT 1 and the queue is started' })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto })
  async readiness(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const readiness = await this.health.readiness();
    if (!readiness.ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: readiness.ready ? 'ok' : 'unavailable', checks: readiness.checks, ...(readiness.errors ? { errors: readiness.errors } : {}) };
  }
}
