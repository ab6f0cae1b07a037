import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type ImportConfigQuery, importConfigQuerySchema } from '@spfwatch/contracts';
import { RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ConfigTransferService } from './config-transfer.service';
import { ConfigDocumentDto, ConfigImportReportDto } from './dto/config-transfer.dto';

@ApiTags('organization')
@Controller('organization')
export class ConfigTransferController {
  constructor(private readonly config: ConfigTransferService) {}

  @Get('export')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'The configuration as a JSON file: clients, domains, alert policies, notification channels, report schedule (by name, never ids)',
    description: 'Format "spfwatch-config", version 1 (docs/backups.md). Webhook signing secrets are never exported; history (snapshots, checks, alerts, reports, audit) is not configuration: back it up with pg_dump.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ConfigDocumentDto, description: 'Content-Disposition: attachment; filename="spfwatch-config-<slug>-<YYYY-MM-DD>.json"' })
  @ApiErrors('unauthorized', 'forbidden')
  async export(@CurrentOrg() organizationId: string): Promise<StreamableFile> {
    const { document, filename } = await this.config.export(organizationId);
    return new StreamableFile(Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8'), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  @Post('import')
  @RequireRole('owner')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import a configuration export: merged by name, nothing deleted, in one transaction (dryRun=true previews)',
    description:
      'Existing clients, domains and channels are left as they are; a policy replaces its scope’s (updated) unless equal; the report schedule is set when given. ' +
      'Any invalid field → 400 listing each (nothing written). New webhooks get new signing secrets, in this answer only.',
  })
  @ApiBody({ type: ConfigDocumentDto })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'Answer the report without writing anything' })
  @ApiOkResponse({ type: ConfigImportReportDto })
  @ApiErrors('validation_failed', 'conflict', 'payload_too_large', 'unauthorized', 'forbidden')
  import(
    @CurrentOrg() organizationId: string,
    @Body() body: unknown,
    @Query(new ZodValidationPipe(importConfigQuerySchema)) query: ImportConfigQuery,
  ): Promise<ConfigImportReportDto> {
    return this.config.import(organizationId, body, query.dryRun);
  }
}
