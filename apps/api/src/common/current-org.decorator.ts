import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AppRequest } from './request-context';

/**
 * The id of the organization the request acts for (a string). Set by the organizations
 * module's guard: for now always the default organization; accounts will plug in there.
 * Repositories take it and scope every query by it.
 */
export const CurrentOrg = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AppRequest>();
  if (!request.organizationId) {
    throw new Error('CurrentOrg used on a route the organization guard did not run for');
  }
  return request.organizationId;
});
