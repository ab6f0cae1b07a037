import { Body, Controller, Get, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type CreateReportInput, createReportSchema, type ListReportsQuery, listReportsQuerySchema, REPORT_KINDS } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { CreateReportDto, ReportDto, ReportPageDto, toReportDto } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: 'Stored compliance reports, latest period first (client viewers: their clients’ only)' })
  @ApiQuery({ name: 'clientId', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: REPORT_KINDS })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: ReportPageDto })
  @ApiErrors('validation_failed')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(listReportsQuerySchema)) query: ListReportsQuery): Promise<ReportPageDto> {
    const page = await this.reports.list(organizationId, query);
    return { ...page, items: page.items.map(toReportDto) };
  }

  @Post()
  @ApiOperation({ summary: 'Generate a report of one client for any period now (stored, not emailed)' })
  @ApiCreatedResponse({ type: ReportDto })
  @ApiErrors('validation_failed')
  async create(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(createReportSchema)) body: CreateReportDto): Promise<ReportDto> {
    return toReportDto(await this.reports.createOnDemand(organizationId, body as CreateReportInput));
  }

  // Before ':id', which would take "<id>.pdf" for an id.
  @Get(':id.pdf')
  @ClientScoped()
  @ApiOperation({ summary: 'The report as PDF (summary, lookup chart, domains, changes, alerts, issues with fixes)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiErrors('not_found')
  async pdf(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Report')) id: string): Promise<StreamableFile> {
    const file = await this.reports.file(organizationId, id, 'pdf');
    return new StreamableFile(file.content, { type: 'application/pdf', disposition: `attachment; filename="${file.filename}"`, length: file.content.length });
  }

  @Get(':id.csv')
  @ClientScoped()
  @ApiOperation({ summary: 'The report’s domain table as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Columns: domain, status, lookups, lookups_at_start, trend, all_policy, services (";"-separated), open_alerts, last_checked_at, record',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors('not_found')
  async csv(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Report')) id: string): Promise<StreamableFile> {
    const file = await this.reports.file(organizationId, id, 'csv');
    return new StreamableFile(file.content, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${file.filename}"`, length: file.content.length });
  }

  @Get(':id')
  @ClientScoped()
  @ApiOperation({ summary: 'One report (summary and download links)' })
  @ApiOkResponse({ type: ReportDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Report')) id: string): Promise<ReportDto> {
    return toReportDto(await this.reports.get(organizationId, id));
  }
}
