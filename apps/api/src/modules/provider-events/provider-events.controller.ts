import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { listProviderEventsQuerySchema, type ListProviderEventsQuery } from '@spfwatch/contracts';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ProviderEventDetailDto, ProviderEventPageDto, toProviderEventDetailDto, toProviderEventDto } from './dto/provider-event.dto';
import { ProviderEventsService } from './provider-events.service';

@ApiTags('provider-events')
@Controller('provider-events')
export class ProviderEventsController {
  constructor(private readonly events: ProviderEventsService) {}

  @Get()
  @ApiOperation({ summary: "Changes in shared provider includes that touched the organization's domains, newest first" })
  @ApiQuery({ name: 'includeDomain', required: false, example: '_spf.google.com' })
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiOkResponse({ type: ProviderEventPageDto })
  @ApiErrors('validation_failed')
  async list(@CurrentOrg() organizationId: string, @Query(new ZodValidationPipe(listProviderEventsQuerySchema)) query: ListProviderEventsQuery): Promise<ProviderEventPageDto> {
    const page = await this.events.list(organizationId, query);
    return { ...page, items: page.items.map(toProviderEventDto) };
  }

  @Get(':id')
  @ApiOperation({ summary: "One provider event with the organization's affected domains" })
  @ApiOkResponse({ type: ProviderEventDetailDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Provider event')) id: string): Promise<ProviderEventDetailDto> {
    return toProviderEventDetailDto(await this.events.get(organizationId, id));
  }
}
