import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { loginSchema } from '@spfwatch/contracts';
import type { Request, Response } from 'express';
import { ClientScoped, CurrentPrincipal, Public } from '../../common/auth/decorators';
import type { Principal, ScopedRequest } from '../../common/auth/request-scope';
import { ApiErrors } from '../../common/error-response.dto';
import { isAppError } from '../../common/errors';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { AuthService, type ClientInfo } from './auth.service';
import { LoginDto, LoginResponseDto, MeDto, toLoginResponseDto, toMeDto } from './dto/auth.dto';
import { SessionCookies } from './session-cookies';

export function clientInfo(request: Request): ClientInfo {
  const scope = (request as ScopedRequest).scope;
  return { ip: scope?.ip ?? request.ip ?? null, userAgent: scope?.userAgent ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in: sets the spfwatch_session (HttpOnly) and spfwatch_csrf cookies; 5 failures per account (20 per IP) in 15 min → 429 with Retry-After',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiErrors('validation_failed', 'unauthorized', 'too_many_requests')
  async login(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body(new ZodValidationPipe(loginSchema)) body: LoginDto): Promise<LoginResponseDto> {
    try {
      const { session, principal } = await this.auth.login(body, clientInfo(request));
      this.cookies.write(request, response, session);
      return toLoginResponseDto(await this.auth.me(principal), session);
    } catch (error) {
      if (isAppError(error) && error.code === 'too_many_requests') {
        response.setHeader('Retry-After', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
      }
      throw error;
    }
  }

  @Post('logout')
  @ClientScoped()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookies (nothing to do for an API token)' })
  @ApiNoContentResponse()
  @ApiErrors('unauthorized', 'forbidden')
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(principal);
    if (principal.via === 'session') this.cookies.clear(request, response);
  }

  @Get('me')
  @ClientScoped()
  @ApiOperation({ summary: 'Who the request acts as: user or token, organization, role, clients' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors('unauthorized')
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    return toMeDto(await this.auth.me(principal));
  }
}
