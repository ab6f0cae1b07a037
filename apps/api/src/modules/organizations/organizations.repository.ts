import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
}

const ORGANIZATION_SELECT = { id: true, name: true, slug: true, timeZone: true } as const;

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findBySlug(slug: string): Promise<OrganizationRow | null> {
    return this.prisma.organization.findUnique({ where: { slug }, select: ORGANIZATION_SELECT });
  }

  findById(id: string): Promise<OrganizationRow | null> {
    return this.prisma.organization.findUnique({ where: { id }, select: ORGANIZATION_SELECT });
  }

  create(data: { name: string; slug: string; timeZone?: string }): Promise<OrganizationRow> {
    return this.prisma.organization.create({ data, select: ORGANIZATION_SELECT });
  }

  /** Null when the organization does not exist. */
  async update(id: string, data: { name?: string; timeZone?: string }): Promise<OrganizationRow | null> {
    const { count } = await this.prisma.organization.updateMany({ where: { id }, data });
    return count === 0 ? null : this.findById(id);
  }
}
