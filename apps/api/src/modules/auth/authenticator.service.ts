import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticationResult, Authenticator } from '../../common/auth/auth.guard';
import { clearSessionCookies, readCookie, SESSION_COOKIE } from '../../common/auth/cookies';
import type { ScopedRequest } from '../../common/auth/request-scope';
import { AppConfig } from '../../config/app-config';
import { TokensService } from '../tokens/tokens.service';
import { SessionsService } from './sessions.service';

/**
 * The guard's authenticator: `Authorization: Bearer spfw_…` first (automation; no CSRF),
 * else the `spfwatch_session` cookie. A dead session cookie is cleared in the response.
 */
@Injectable()
export class AuthenticatorService implements Authenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly tokens: TokensService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async authenticate(request: ScopedRequest, response: Response): Promise<AuthenticationResult> {
    const authorization = request.get('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) return { kind: 'invalid', message: 'Authorization must be "Bearer spfw_…"' };
      const result = await this.tokens.authenticate(match[1]!);
      return result.ok ? { kind: 'ok', principal: result.principal, csrfHash: null } : { kind: 'invalid', message: result.message };
    }
    const secret = readCookie(request, SESSION_COOKIE);
    if (secret === undefined || secret === '') return { kind: 'none' };
    const result = await this.sessions.resolve(secret);
    if (result.ok) return { kind: 'ok', principal: result.principal, csrfHash: result.csrfHash };
    clearSessionCookies(response, request, this.config.env.COOKIE_SECURE);
    return { kind: 'invalid', message: result.message };
  }
}
