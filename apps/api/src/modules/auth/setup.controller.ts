import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { setupSchema } from '@spfwatch/contracts';
import type { Request, Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { ApiErrors } from '../../common/error-response.dto';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { clientInfo } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginResponseDto, SetupDto, SetupStatusDto, toLoginResponseDto } from './dto/auth.dto';
import { SessionCookies } from './session-cookies';
import { SetupService } from './setup.service';

@ApiTags('auth')
@Controller('setup')
@Public()
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether first-run setup is needed (no owner yet)' })
  @ApiOkResponse({ type: SetupStatusDto })
  async status(): Promise<SetupStatusDto> {
    return { needed: await this.setup.needed() };
  }

  @Post()
  @ApiOperation({ summary: "Create the first owner with the one-time token from the server's log, and sign in" })
  @ApiCreatedResponse({ type: LoginResponseDto })
  @ApiErrors('validation_failed', 'forbidden', 'conflict')
  async complete(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Body(new ZodValidationPipe(setupSchema)) body: SetupDto): Promise<LoginResponseDto> {
    const session = await this.setup.complete(body, clientInfo(request));
    this.cookies.write(request, response, session);
    return toLoginResponseDto(await this.auth.me(await this.auth.principalOf(session)), session);
  }
}
