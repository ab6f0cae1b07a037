import { Injectable } from '@nestjs/common';
import { type AuditActorType, Prisma } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import { DEFAULT_ORGANIZATION_SLUG } from '../organizations/organizations.service';

export interface AuditEventWrite {
  organizationId: string | null;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: Date;
}

export interface AuditEventRow extends AuditEventWrite {
  id: string;
}

export interface AuditFilter {
  /** Exact action, or a family when it ends with `.` (`user.`). */
  action?: string;
  /** Part of the actor's label (case-insensitive), or the actor's id. */
  actor?: string;
  from?: Date;
  to?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(event: AuditEventWrite): Promise<void> {
    await this.prisma.auditEvent.create({ data: { ...event, details: event.details as Prisma.InputJsonValue } });
  }

  async insertMany(events: AuditEventWrite[]): Promise<void> {
    if (events.length === 0) return;
    await this.prisma.auditEvent.createMany({ data: events.map((e) => ({ ...e, details: e.details as Prisma.InputJsonValue })) });
  }

  /**
   * Newest first. `includeInstance`: also the events that belong to no organization
   * (failed logins for unknown emails), for the default organization's owners and admins.
   */
  async list(organizationId: string, includeInstance: boolean, filter: AuditFilter, page: number, pageSize: number): Promise<{ items: AuditEventRow[]; total: number }> {
    const and: Prisma.AuditEventWhereInput[] = [includeInstance ? { OR: [{ organizationId }, { organizationId: null }] } : { organizationId }];
    if (filter.action) and.push(filter.action.endsWith('.') ? { action: { startsWith: filter.action } } : { action: filter.action });
    if (filter.actor) {
      and.push({
        OR: [{ actorLabel: { contains: filter.actor, mode: 'insensitive' } }, ...(UUID.test(filter.actor) ? [{ actorId: filter.actor.toLowerCase() }] : [])],
      });
    }
    if (filter.from) and.push({ createdAt: { gte: filter.from } });
    if (filter.to) and.push({ createdAt: { lt: filter.to } });
    const where: Prisma.AuditEventWhereInput = { AND: and };
    const [rows, total] = await Promise.all([
      this.prisma.auditEvent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
      this.prisma.auditEvent.count({ where }),
    ]);
    return { items: rows.map((r) => ({ ...r, details: (r.details ?? {}) as Record<string, unknown> })), total };
  }

  /** The default organization's owners and admins also see instance-level events. */
  async isDefaultOrganization(organizationId: string): Promise<boolean> {
    const row = await this.prisma.organization.findUnique({ where: { id: organizationId }, select: { slug: true } });
    return row?.slug === DEFAULT_ORGANIZATION_SLUG;
  }
}
