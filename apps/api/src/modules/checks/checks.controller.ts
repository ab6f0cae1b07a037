import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { listChecksQuerySchema, type ListChecksQuery } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ChecksService } from './checks.service';
import { CheckNowResponseDto, CheckRunPageDto, toCheckNowDto, toCheckRunDto } from './dto/check.dto';

@ApiTags('checks')
@Controller('domains/:id')
export class ChecksController {
  constructor(private readonly checks: ChecksService) {}

  @Post('check')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a domain now: analysis, whether it changed, the diff and the alerts it opened' })
  @ApiOkResponse({ type: CheckNowResponseDto })
  @ApiErrors('not_found')
  async checkNow(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Domain')) id: string): Promise<CheckNowResponseDto> {
    return toCheckNowDto(await this.checks.checkDomain(organizationId, id));
  }

  @Get('checks')
  @ClientScoped()
  @ApiOperation({ summary: "A domain's check history, newest first" })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: CheckRunPageDto })
  @ApiErrors('validation_failed', 'not_found')
  async history(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Domain')) id: string,
    @Query(new ZodValidationPipe(listChecksQuerySchema)) query: ListChecksQuery,
  ): Promise<CheckRunPageDto> {
    const page = await this.checks.history(organizationId, id, query);
    return { ...page, items: page.items.map(toCheckRunDto) };
  }
}
