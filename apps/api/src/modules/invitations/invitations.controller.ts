import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { acceptInvitationSchema, createInvitationSchema } from '@spfwatch/contracts';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, RequireRole, SessionOnly } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/request-scope';
import { CLOCK, type Clock } from '../../common/clock';
import { CurrentOrg } from '../../common/current-org.decorator';
import { ApiErrors } from '../../common/error-response.dto';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AppConfig } from '../../config/app-config';
import { clientInfo } from '../auth/auth.controller';
import { AuthService } from '../auth/auth.service';
import { LoginResponseDto, toLoginResponseDto } from '../auth/dto/auth.dto';
import { SessionCookies } from '../auth/session-cookies';
import {
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationListDto,
  InvitationPreviewDto,
  toInvitationDto,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('users')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @RequireRole('admin')
  @SessionOnly()
  @ApiOperation({ summary: 'Invite someone by email with a role (owners and admins); the response carries the invite link, shown once' })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiErrors('validation_failed', 'conflict', 'unauthorized', 'forbidden')
  async create(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Body(new ZodValidationPipe(createInvitationSchema)) body: CreateInvitationDto,
  ): Promise<CreatedInvitationDto> {
    const created = await this.invitations.create(principal, body);
    const origin = this.config.env.PUBLIC_URL ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    return { ...toInvitationDto(created, this.clock.now()), token: created.token, link: `${origin}/invite/${created.token}` };
  }

  @Get()
  @RequireRole('admin')
  @SessionOnly()
  @ApiOperation({ summary: 'Invitations of the organization, newest first, with their status' })
  @ApiOkResponse({ type: InvitationListDto })
  @ApiErrors('unauthorized', 'forbidden')
  async list(@CurrentOrg() organizationId: string): Promise<InvitationListDto> {
    const now = this.clock.now();
    const items = (await this.invitations.list(organizationId)).map((row) => toInvitationDto(row, now));
    return { items, total: items.length };
  }

  @Delete(':id')
  @RequireRole('admin')
  @SessionOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiNoContentResponse()
  @ApiErrors('not_found', 'conflict', 'unauthorized', 'forbidden')
  async revoke(@CurrentOrg() organizationId: string, @Param('id', new ParseIdPipe('Invitation')) id: string): Promise<void> {
    await this.invitations.revoke(organizationId, id);
  }

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'What an invitation link offers (public: the token is the secret)' })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiErrors('not_found')
  async preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.invitations.preview(token);
    return {
      email: invitation.email,
      role: invitation.role,
      organizationName: invitation.organizationName,
      expiresAt: invitation.expiresAt.toISOString(),
      existingAccount: invitation.existingAccount,
    };
  }

  @Post(':token/accept')
  @Public()
  @ApiOperation({ summary: 'Accept an invitation: creates the account (or joins with an existing one) and signs in' })
  @ApiCreatedResponse({ type: LoginResponseDto })
  @ApiErrors('validation_failed', 'not_found', 'conflict', 'unauthorized', 'too_many_requests')
  async accept(
    @Param('token') token: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body(new ZodValidationPipe(acceptInvitationSchema)) body: AcceptInvitationDto,
  ): Promise<LoginResponseDto> {
    const { session } = await this.invitations.accept(token, body, clientInfo(request));
    this.cookies.write(request, response, session);
    return toLoginResponseDto(await this.auth.me(await this.auth.principalOf(session)), session);
  }
}
