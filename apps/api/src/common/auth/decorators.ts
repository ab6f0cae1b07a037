import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { type Principal, requirePrincipal, type ScopedRequest } from './request-scope';
import type { Role } from './roles';

const PUBLIC = 'spfwatch:auth:public';
const MIN_ROLE = 'spfwatch:auth:min-role';
const CLIENT_SCOPED = 'spfwatch:auth:client-scoped';
const SESSION_ONLY = 'spfwatch:auth:session-only';

/** No authentication (health, login, setup, invitation preview/accept): runs as nobody, credentials are not read. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

/**
 * The least role a route needs: `@RequireRole('admin')` lets admins and owners in. Without
 * it, a route needs `member` (reads and writes alike). Client viewers pass only `@ClientScoped()` routes.
 */
export const RequireRole = (role: Exclude<Role, 'client_viewer'>): MethodDecorator & ClassDecorator => SetMetadata(MIN_ROLE, role);

/**
 * The route's data is scoped to the caller's clients by the repository layer (the Prisma
 * extension), so client viewers and client-scoped tokens may call it too (the client portal).
 * Members and above pass as usual.
 */
export const ClientScoped = (): MethodDecorator & ClassDecorator => SetMetadata(CLIENT_SCOPED, true);

/** Only signed-in people (a browser session), never API tokens: account, invitation and token management. */
export const SessionOnly = (): MethodDecorator & ClassDecorator => SetMetadata(SESSION_ONLY, true);

export interface RoutePolicy {
  public: boolean;
  minRole: Exclude<Role, 'client_viewer'>;
  clientScoped: boolean;
  sessionOnly: boolean;
}

/** The policy of the handler about to run (method metadata overrides the controller's). */
export function routePolicyOf(reflector: Reflector, context: ExecutionContext): RoutePolicy {
  const targets = [context.getHandler(), context.getClass()];
  return {
    public: reflector.getAllAndOverride<boolean>(PUBLIC, targets) === true,
    minRole: reflector.getAllAndOverride<RoutePolicy['minRole']>(MIN_ROLE, targets) ?? 'member',
    clientScoped: reflector.getAllAndOverride<boolean>(CLIENT_SCOPED, targets) === true,
    sessionOnly: reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets) === true,
  };
}

/** The authenticated caller (`@CurrentPrincipal() principal: Principal`). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return requirePrincipal(context.switchToHttp().getRequest<ScopedRequest>());
});
