import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  createDomainSchema,
  fleetFiltersSchema,
  type FleetFilters,
  importDomainsQuerySchema,
  importDomainsSchema,
  type ListDomainsQuery,
  listDomainsQuerySchema,
  updateDomainSchema,
} from '@spfwatch/contracts';
import { ClientScoped, RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { FleetFiltersQueryDto } from '../fleet/dto/fleet.dto';
import { DomainsService } from './domains.service';
import { CreateDomainDto, DomainDetailDto, DomainDto, DomainPageDto, toDomainDetailDto, toDomainDto, UpdateDomainDto } from './dto/domain.dto';
import { ImportDomainsDto, ImportReportDto } from './dto/import.dto';

const importJson = new ZodValidationPipe(importDomainsSchema);
const importQuery = new ZodValidationPipe(importDomainsQuerySchema);

@ApiTags('domains')
@Controller('domains')
export class DomainsController {
  constructor(private readonly domains: DomainsService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: 'Domains of the organization, by name (see GET /api/fleet/domains for filters and sorting)' })
  @ApiOkResponse({ type: DomainPageDto })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1..200, default 50' })
  @ApiErrors('validation_failed')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(listDomainsQuerySchema)) query: ListDomainsQuery): Promise<DomainPageDto> {
    const { rows, total } = await this.domains.list(organizationId, query.page, query.pageSize);
    return { items: rows.map(toDomainDto), total, page: query.page, pageSize: query.pageSize };
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Add a domain (checked promptly: it is due at once)' })
  @ApiCreatedResponse({ type: DomainDto })
  @ApiErrors('validation_failed', 'conflict')
  async create(@CurrentOrg() organizationId: string, @Body(new ZodValidationPipe(createDomainSchema)) body: CreateDomainDto): Promise<DomainDto> {
    return toDomainDto(await this.domains.create(organizationId, body));
  }

  @Post('import')
  @RequireRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Bulk import from CSV or pasted text, with a per-line report',
    description:
      'Send JSON `{ text, dryRun?, defaultClient?, defaultClientId? }`, or the text itself as `text/csv` / `text/plain` with the options in the query string. ' +
      'Clients are found by name or created. Everything is written in one transaction: nothing is half-imported.',
  })
  @ApiConsumes('application/json', 'text/csv', 'text/plain')
  @ApiBody({ type: ImportDomainsDto })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'With a text/csv or text/plain body' })
  @ApiQuery({ name: 'defaultClient', required: false, description: 'With a text/csv or text/plain body' })
  @ApiQuery({ name: 'defaultClientId', required: false, description: 'With a text/csv or text/plain body' })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiErrors('validation_failed', 'conflict', 'payload_too_large')
  async import(@CurrentOrg() organizationId: string, @Body() body: unknown, @Query() query: unknown): Promise<ImportReportDto> {
    // A text body (text/csv, text/plain) arrives as a string; JSON as an object.
    const options =
      typeof body === 'string'
        ? { text: body, ...importQuery.transform(query, { type: 'query' }) }
        : importJson.transform(body, { type: 'body' });
    return this.domains.import(organizationId, options);
  }

  @Get('export.csv')
  @ClientScoped()
  @ApiOperation({ summary: 'All domains (or those matching the fleet filters) as CSV, by name, streamed' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Columns: client, domain, tags (";"-separated), status, lookup_count, services (catalogue ids, ";"-separated), last_checked_at, last_changed_at',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiErrors('validation_failed')
  exportCsv(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(fleetFiltersSchema)) query: FleetFiltersQueryDto): StreamableFile {
    // Headers go with the file only: an error before it (a bad filter) is the usual JSON.
    return new StreamableFile(this.domains.exportCsv(organizationId, query as FleetFilters), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="domains.csv"',
    });
  }

  @Get(':id')
  @ClientScoped()
  @ApiOperation({ summary: 'One domain with its client and a summary of its latest snapshot' })
  @ApiOkResponse({ type: DomainDetailDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Domain')) id: string): Promise<DomainDetailDto> {
    return toDomainDetailDto(await this.domains.get(organizationId, id));
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change tags, check interval, paused, or client' })
  @ApiOkResponse({ type: DomainDto })
  @ApiErrors('validation_failed', 'not_found')
  async update(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Domain')) id: string,
    @Body(new ZodValidationPipe(updateDomainSchema)) body: UpdateDomainDto,
  ): Promise<DomainDto> {
    return toDomainDto(await this.domains.update(organizationId, id, body));
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stop monitoring a domain (its snapshots, checks and alerts are deleted)' })
  @ApiNoContentResponse()
  @ApiErrors('not_found')
  async delete(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Domain')) id: string): Promise<void> {
    await this.domains.delete(organizationId, id);
  }
}
