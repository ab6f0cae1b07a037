import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { alertPolicyQuerySchema, putAlertPolicySchema, type AlertPolicyQuery } from '@spfwatch/contracts';
import { RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AlertPoliciesService } from './alert-policies.service';
import { AlertPoliciesDto, PutAlertPolicyDto, toAlertPoliciesDto } from './dto/alert-policy.dto';

@ApiTags('alerts')
@Controller('alert-policies')
export class AlertPoliciesController {
  constructor(private readonly policies: AlertPoliciesService) {}

  @Get()
  @ApiOperation({ summary: 'Alert policies: the effective policy at a scope (organization by default) and the stored ones behind it' })
  @ApiQuery({ name: 'clientId', required: false })
  @ApiQuery({ name: 'domainId', required: false })
  @ApiOkResponse({ type: AlertPoliciesDto })
  @ApiErrors('validation_failed', 'not_found')
  async get(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(alertPolicyQuerySchema)) query: AlertPolicyQuery): Promise<AlertPoliciesDto> {
    return toAlertPoliciesDto(await this.policies.get(organizationId, query));
  }

  @Put()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Set the policy of one scope (organization, client or domain); absent fields inherit from the wider scope' })
  @ApiOkResponse({ type: AlertPoliciesDto })
  @ApiErrors('validation_failed', 'not_found')
  async put(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(putAlertPolicySchema)) body: PutAlertPolicyDto): Promise<AlertPoliciesDto> {
    return toAlertPoliciesDto(await this.policies.put(organizationId, body));
  }
}
