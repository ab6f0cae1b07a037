import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createTokenSchema } from '@spfwatch/contracts';
import { CurrentPrincipal, RequireRole, SessionOnly } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/request-scope';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiTokenDto, ApiTokenListDto, CreatedApiTokenDto, CreateTokenDto, toApiTokenDto } from './dto/token.dto';
import { TokensService } from './tokens.service';

@ApiTags('tokens')
@Controller('tokens')
@RequireRole('admin')
@SessionOnly()
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  @ApiOperation({ summary: "The organization's API tokens (prefix, role, last use), revoked ones included" })
  @ApiOkResponse({ type: ApiTokenListDto })
  @ApiErrors('unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string): Promise<ApiTokenListDto> {
    const items = (await this.tokens.list(organizationId)).map(toApiTokenDto);
    return { items, total: items.length };
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token (the token is in this response only)' })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  @ApiErrors('validation_failed', 'unauthorized', 'forbidden')
  async create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createTokenSchema)) body: CreateTokenDto): Promise<CreatedApiTokenDto> {
    const created = await this.tokens.create(principal, body);
    return { ...toApiTokenDto(created), token: created.token };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API token (idempotent)' })
  @ApiOkResponse({ type: ApiTokenDto })
  @ApiErrors('not_found', 'unauthorized', 'forbidden')
  async revoke(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Token')) id: string): Promise<ApiTokenDto> {
    return toApiTokenDto(await this.tokens.revoke(organizationId, id));
  }
}
