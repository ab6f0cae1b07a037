import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { AppError } from '../errors';
import { CSRF_HEADER } from './cookies';
import { routePolicyOf, type RoutePolicy } from './decorators';
import type { Principal, ScopedRequest } from './request-scope';
import { roleAtLeast } from './roles';
import { digestsEqual, sha256Hex } from './secrets';

export type AuthenticationResult =
  /** No credentials sent. */
  | { kind: 'none' }
  /** Credentials sent but unusable (expired session, revoked token …): `message` says which, without details. */
  | { kind: 'invalid'; message: string }
  /** `csrfHash`: the session's CSRF token hash (null for API tokens, which need no CSRF). */
  | { kind: 'ok'; principal: Principal; csrfHash: string | null };

/** Turns a request's credentials (bearer token or session cookie) into a principal. Provided by the auth module. */
export interface Authenticator {
  authenticate(request: ScopedRequest, response: Response): Promise<AuthenticationResult>;
}
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Decision = 'allow' | 'forbidden' | 'hidden';

/**
 * The role rule, in one place: client-scoped callers (client viewers, client-scoped tokens)
 * reach only `@ClientScoped()` routes and every other route is hidden from them (404, as for a
 * route that does not exist); staff need the route's minimum role (403 otherwise), and API
 * tokens are refused on `@SessionOnly()` routes.
 */
export function decide(policy: RoutePolicy, principal: Pick<Principal, 'role' | 'clientIds' | 'via'>): Decision {
  if (principal.clientIds !== null || principal.role === 'client_viewer') return policy.clientScoped ? 'allow' : 'hidden';
  if (policy.sessionOnly && principal.via === 'token') return 'forbidden';
  return roleAtLeast(principal.role, policy.minRole) ? 'allow' : 'forbidden';
}

/**
 * The global guard (APP_GUARD): authenticates every request (session cookie or
 * `Authorization: Bearer spfw_…`), refuses anonymous callers except on `@Public()` routes
 * (401), checks the CSRF token of state-changing session requests (403), applies the route's
 * role rule (`decide`), and leaves the request scope on the request for the interceptor,
 * which makes it current for the handler (AsyncLocalStorage) — where `@CurrentOrg()` and the
 * Prisma scoping read it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<ScopedRequest>();
    const policy = routePolicyOf(this.reflector, context);
    const client = { ip: request.ip ?? null, userAgent: request.get('user-agent')?.slice(0, 300) ?? null };
    if (policy.public) {
      // Public routes serve no tenant data and act for nobody: credentials are not even read.
      request.scope = { principal: null, ...client };
      return true;
    }
    const result = await this.authenticator.authenticate(request, http.getResponse<Response>());
    const principal = result.kind === 'ok' ? result.principal : null;
    request.scope = { principal, ...client };
    if (principal) request.organizationId = principal.organizationId;

    if (result.kind !== 'ok') {
      throw new AppError('unauthorized', result.kind === 'invalid' ? result.message : 'Sign in first, or send an API token (Authorization: Bearer spfw_…)');
    }
    if (result.principal.via === 'session' && !SAFE_METHODS.has(request.method)) checkCsrf(request, result.csrfHash);
    const decision = decide(policy, result.principal);
    if (decision === 'hidden') throw new AppError('not_found', `Cannot ${request.method} ${request.originalUrl}`);
    if (decision === 'forbidden') {
      throw new AppError(
        'forbidden',
        policy.sessionOnly && result.principal.via === 'token' ? 'API tokens cannot do this: sign in' : `This needs the ${policy.minRole} role or higher`,
      );
    }
    return true;
  }
}

function checkCsrf(request: ScopedRequest, csrfHash: string | null): void {
  const sent = request.get(CSRF_HEADER);
  if (!csrfHash || !sent || !digestsEqual(sha256Hex(sent), csrfHash)) {
    throw new AppError('forbidden', `Missing or wrong CSRF token: send the spfwatch_csrf cookie's value in the ${CSRF_HEADER} header`);
  }
}
