import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { listSnapshotsQuerySchema, snapshotDiffQuerySchema, type ListSnapshotsQuery, type SnapshotDiffQuery } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { SnapshotDiffDto, SnapshotDto, SnapshotPageDto, toSnapshotDiffDto, toSnapshotDto, toSnapshotSummaryDto } from './dto/snapshot.dto';
import { SnapshotsService } from './snapshots.service';

@ApiTags('snapshots')
@Controller()
@ClientScoped()
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Get('domains/:id/snapshots')
  @ApiOperation({ summary: "A domain's timeline: one entry per distinct SPF state, newest first" })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: SnapshotPageDto })
  @ApiErrors('validation_failed', 'not_found')
  async timeline(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Domain')) id: string,
    @Query(new ZodValidationPipe(listSnapshotsQuerySchema)) query: ListSnapshotsQuery,
  ): Promise<SnapshotPageDto> {
    const page = await this.snapshots.timeline(organizationId, id, query);
    return { ...page, items: page.items.map(toSnapshotSummaryDto) };
  }

  @Get('snapshots/:id')
  @ApiOperation({ summary: 'One snapshot with its full analysis' })
  @ApiOkResponse({ type: SnapshotDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Snapshot')) id: string): Promise<SnapshotDto> {
    return toSnapshotDto(await this.snapshots.get(organizationId, id));
  }

  @Get('domains/:id/diff')
  @ApiOperation({ summary: 'Diff between two snapshots of a domain (default: the previous → the latest)' })
  @ApiQuery({ name: 'from', required: false, description: 'Snapshot id (default: the one before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'Snapshot id (default: the latest)' })
  @ApiOkResponse({ type: SnapshotDiffDto })
  @ApiErrors('validation_failed', 'not_found', 'unprocessable')
  async diff(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Domain')) id: string,
    @Query(new ZodValidationPipe(snapshotDiffQuerySchema)) query: SnapshotDiffQuery,
  ): Promise<SnapshotDiffDto> {
    return toSnapshotDiffDto(await this.snapshots.diff(organizationId, id, query));
  }
}
