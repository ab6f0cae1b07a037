import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createClientSchema, type DeleteClientQuery, deleteClientQuerySchema, updateClientSchema } from '@spfwatch/contracts';
import { ClientScoped, RequireRole } from '../../common/auth/decorators';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ClientsService } from './clients.service';
import { ClientDto, ClientListDto, CreateClientDto, toClientDto, UpdateClientDto } from './dto/client.dto';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @ClientScoped()
  @ApiOperation({ summary: "The organization's clients, by name, with domain counts by status" })
  @ApiOkResponse({ type: ClientListDto })
  async list(@CurrentOrg() organizationId: string): Promise<ClientListDto> {
    const items = (await this.clients.list(organizationId)).map(toClientDto);
    return { items, total: items.length };
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a client' })
  @ApiCreatedResponse({ type: ClientDto })
  @ApiErrors('validation_failed', 'conflict')
  async create(
    @CurrentOrg() organizationId: string,
    @Body(new ZodValidationPipe(createClientSchema)) body: CreateClientDto,
  ): Promise<ClientDto> {
    return toClientDto(await this.clients.create(organizationId, body));
  }

  @Get(':id')
  @ClientScoped()
  @ApiOperation({ summary: 'One client with its domain counts' })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrors('not_found')
  async get(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Client')) id: string): Promise<ClientDto> {
    return toClientDto(await this.clients.get(organizationId, id));
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Rename a client or change its notes' })
  @ApiOkResponse({ type: ClientDto })
  @ApiErrors('validation_failed', 'not_found', 'conflict')
  async update(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Client')) id: string,
    @Body(new ZodValidationPipe(updateClientSchema)) body: UpdateClientDto,
  ): Promise<ClientDto> {
    return toClientDto(await this.clients.update(organizationId, id, body));
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a client (409 while it has domains, unless force=true deletes them too)' })
  @ApiQuery({ name: 'force', required: false, type: Boolean })
  @ApiNoContentResponse()
  @ApiErrors('validation_failed', 'not_found', 'conflict')
  async delete(
    @CurrentOrg() organizationId: string,
    @Param('id', new ParseIdPipe('Client')) id: string,
    @Query(new ZodValidationPipe(deleteClientQuerySchema)) query: DeleteClientQuery,
  ): Promise<void> {
    await this.clients.delete(organizationId, id, query.force);
  }
}
