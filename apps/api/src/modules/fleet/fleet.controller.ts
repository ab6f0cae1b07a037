import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FleetDomainsQuery, fleetDomainsQuerySchema } from '@spfwatch/contracts';
import { ClientScoped } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { FleetDomainPageDto, FleetDomainsQueryDto, FleetSummaryDto, toFleetDomainDto, toFleetSummaryDto } from './dto/fleet.dto';
import { FleetService } from './fleet.service';

@ApiTags('fleet')
@Controller('fleet')
@ClientScoped()
export class FleetController {
  constructor(private readonly fleet: FleetService) {}

  @Get('summary')
  @ApiOperation({ summary: 'Dashboard: counts by status, lookup histogram, domains near the limit, recent changes and provider events' })
  @ApiOkResponse({ type: FleetSummaryDto })
  async summary(@CurrentOrg() organizationId: string): Promise<FleetSummaryDto> {
    return toFleetSummaryDto(await this.fleet.summary(organizationId));
  }

  @Get('domains')
  @ApiOperation({ summary: 'Filter, sort and page the fleet' })
  @ApiOkResponse({ type: FleetDomainPageDto })
  @ApiErrors('validation_failed')
  async domains(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(fleetDomainsQuerySchema)) query: FleetDomainsQueryDto): Promise<FleetDomainPageDto> {
    const q = query as FleetDomainsQuery;
    const { rows, total } = await this.fleet.list(organizationId, q);
    return { items: rows.map(toFleetDomainDto), total, page: q.page, pageSize: q.pageSize };
  }
}
