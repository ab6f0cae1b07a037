import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requirePrincipal, type ScopedRequest } from './auth/request-scope';

/**
 * The id of the organization the request acts for (a string): the signed-in user's session
 * organization, or the API token's. Set by the global AuthGuard (common/auth). Repositories
 * take it and scope every query by it (and the Prisma scoping adds it again).
 */
export const CurrentOrg = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  return requirePrincipal(context.switchToHttp().getRequest<ScopedRequest>()).organizationId;
});
