import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { MetricsService } from './metrics.service';

/** Prometheus scrape endpoint, outside /api like the probes, on every role. */
@ApiTags('health')
@Controller('metrics')
@Public()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (text format); needs `Authorization: Bearer <METRICS_TOKEN>` when that is set' })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request does not carry it' })
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape(req.get('authorization'));
    res.type(contentType).send(body);
  }
}
