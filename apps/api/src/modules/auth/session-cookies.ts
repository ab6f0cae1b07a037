import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clearSessionCookies, setSessionCookies } from '../../common/auth/cookies';
import { CLOCK, type Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { StartedSession } from './sessions.service';

/** Writes and clears the session and CSRF cookies with the configured Secure setting. */
@Injectable()
export class SessionCookies {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  write(request: Request, response: Response, session: StartedSession): void {
    setSessionCookies(response, request, this.config.env.COOKIE_SECURE, { session: session.secret, csrf: session.csrfToken, expiresAt: session.expiresAt, now: this.clock.now() });
  }

  clear(request: Request, response: Response): void {
    clearSessionCookies(response, request, this.config.env.COOKIE_SECURE);
  }
}
