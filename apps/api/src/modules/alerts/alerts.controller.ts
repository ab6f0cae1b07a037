import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { acknowledgeAlertSchema, ALERT_SEVERITIES, ALERT_STATES, ALERT_TYPES, listAlertsQuerySchema, type AcknowledgeAlertBody, type ListAlertsQuery } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AlertsService } from './alerts.service';
import { AcknowledgeAlertDto, AlertPageDto, AlertWithDiffDto, toAlertDto, toAlertWithDiffDto } from './dto/alert.dto';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: 'Alerts, newest first, filtered by state, severity, type, client or domain' })
  @ApiQuery({ name: 'state', required: false, enum: ALERT_STATES })
  @ApiQuery({ name: 'severity', required: false, enum: ALERT_SEVERITIES })
  @ApiQuery({ name: 'type', required: false, enum: ALERT_TYPES })
  @ApiQuery({ name: 'clientId', required: false })
  @ApiQuery({ name: 'domainId', required: false })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: AlertPageDto })
  @ApiErrors('validation_failed')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(listAlertsQuerySchema)) query: ListAlertsQuery): Promise<AlertPageDto> {
    const page = await this.alerts.list(organizationId, query);
    return { ...page, items: page.items.map(toAlertDto) };
  }

  @Get(':id')
  @ClientScoped()
  @ApiOperation({ summary: 'One alert with the diff that caused it' })
  @ApiOkResponse({ type: AlertWithDiffDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Alert')) id: string): Promise<AlertWithDiffDto> {
    return toAlertWithDiffDto(await this.alerts.get(organizationId, id));
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Acknowledge an open alert (a state alert stays acknowledged until its condition clears; an event alert is closed news)' })
  @ApiBody({ type: AcknowledgeAlertDto, required: false })
  @ApiOkResponse({ type: AlertWithDiffDto })
  @ApiErrors('validation_failed', 'not_found')
  async acknowledge(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Alert')) id: string,
    @Body(new ZodValidationPipe(acknowledgeAlertSchema)) body: AcknowledgeAlertBody,
  ): Promise<AlertWithDiffDto> {
    return toAlertWithDiffDto(await this.alerts.acknowledge(organizationId, id, body.by ?? null));
  }
}
