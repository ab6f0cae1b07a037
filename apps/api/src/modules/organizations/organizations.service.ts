import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { UpdateOrganizationInput } from '@spfwatch/contracts';
import { notFound } from '../../common/errors';
import { isUniqueViolation } from '../../prisma/prisma-errors';
import { type OrganizationRow, OrganizationsRepository } from './organizations.repository';

export const DEFAULT_ORGANIZATION_SLUG = 'default';
export const DEFAULT_ORGANIZATION_NAME = 'Default organization';

/**
 * Organizations. Until accounts exist, every request acts for the default organization,
 * created at boot when missing.
 */
@Injectable()
export class OrganizationsService implements OnModuleInit {
  private readonly logger = new Logger('Organizations');
  private defaultId: string | undefined;

  constructor(private readonly repository: OrganizationsRepository) {}

  async onModuleInit(): Promise<void> {
    await this.ensureDefault();
  }

  /** Creates the default organization unless it exists (safe when several processes start at once). */
  async ensureDefault(): Promise<OrganizationRow> {
    let organization = await this.repository.findBySlug(DEFAULT_ORGANIZATION_SLUG);
    if (!organization) {
      try {
        organization = await this.repository.create({ name: DEFAULT_ORGANIZATION_NAME, slug: DEFAULT_ORGANIZATION_SLUG });
        this.logger.log(`Created "${DEFAULT_ORGANIZATION_NAME}"`);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        organization = await this.repository.findBySlug(DEFAULT_ORGANIZATION_SLUG);
        if (!organization) throw error;
      }
    }
    this.defaultId = organization.id;
    return organization;
  }

  /** The organization requests act for (cached after boot). */
  async currentOrganizationId(): Promise<string> {
    return this.defaultId ?? (await this.ensureDefault()).id;
  }

  async get(organizationId: string): Promise<OrganizationRow> {
    const organization = await this.repository.findById(organizationId);
    if (!organization) throw notFound('Organization', organizationId);
    return organization;
  }

  async update(organizationId: string, input: UpdateOrganizationInput): Promise<OrganizationRow> {
    const organization = await this.repository.update(organizationId, input);
    if (!organization) throw notFound('Organization', organizationId);
    return organization;
  }
}
