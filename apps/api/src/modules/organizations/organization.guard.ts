import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AppRequest } from '../../common/request-context';
import { OrganizationsService } from './organizations.service';

/**
 * Global guard: decides which organization a request acts for (read it with
 * `@CurrentOrg()`). Today: the default organization. Authentication plugs in here.
 */
@Injectable()
export class OrganizationGuard implements CanActivate {
  constructor(private readonly organizations: OrganizationsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AppRequest>();
    request.organizationId = await this.organizations.currentOrganizationId();
    return true;
  }
}
