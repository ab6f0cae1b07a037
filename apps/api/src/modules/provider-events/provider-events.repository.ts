import { Injectable } from '@nestjs/common';
import { Prisma } from '@spfwatch/db';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface ProviderEventWrite {
  includeDomain: string;
  service: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  diff: unknown;
  detectedAt: Date;
}

export interface ProviderEventRow {
  id: string;
  includeDomain: string;
  service: string | null;
  detectedAt: Date;
  beforeHash: string | null;
  afterHash: string | null;
  diff: unknown;
  /** Fleet-wide (every organization). */
  affectedDomainCount: number;
  /** Linked domains of the asking organization. */
  organizationDomainCount: number;
}

@Injectable()
export class ProviderEventsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest event of an include, if its content hash after the change is `afterHash`. */
  async findLatestWithAfterHash(tx: Tx, includeDomain: string, afterHash: string | null): Promise<string | null> {
    const latest = await tx.providerEvent.findFirst({
      where: { includeDomain },
      orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, afterHash: true },
    });
    return latest && latest.afterHash === afterHash ? latest.id : null;
  }

  /** Serialises event creation per include until the transaction ends (two workers seeing the same change create one event). */
  async lockInclude(tx: Tx, includeDomain: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`provider-event:${includeDomain}`}, 0))`;
  }

  async create(tx: Tx, event: ProviderEventWrite): Promise<string> {
    const row = await tx.providerEvent.create({
      data: {
        includeDomain: event.includeDomain,
        service: event.service,
        beforeHash: event.beforeHash,
        afterHash: event.afterHash,
        diff: event.diff as Prisma.InputJsonValue,
        detectedAt: event.detectedAt,
      },
      select: { id: true },
    });
    return row.id;
  }

  /** Links domains to events (each pair once); the events' fleet-wide counts follow. */
  async linkDomains(tx: Tx, links: ReadonlyArray<{ providerEventId: string; domainId: string }>): Promise<void> {
    if (links.length === 0) return;
    await tx.$executeRawUnsafe(
      `WITH linked AS (
         INSERT INTO provider_event_domains (provider_event_id, domain_id)
         SELECT * FROM unnest($1::uuid[], $2::uuid[])
         ON CONFLICT DO NOTHING
         RETURNING provider_event_id
       )
       UPDATE provider_events e SET affected_domain_count = e.affected_domain_count + l.n
         FROM (SELECT provider_event_id, count(*)::int AS n FROM linked GROUP BY 1) l
        WHERE e.id = l.provider_event_id`,
      links.map((l) => l.providerEventId),
      links.map((l) => l.domainId),
    );
  }

  /** Events that touched at least one of the organization's domains, newest first. */
  async listForOrganization(organizationId: string, filter: { includeDomain?: string }, page: number, pageSize: number): Promise<{ items: ProviderEventRow[]; total: number }> {
    const where: Prisma.ProviderEventWhereInput = {
      ...(filter.includeDomain ? { includeDomain: filter.includeDomain } : {}),
      domains: { some: { domain: { organizationId } } },
    };
    const [rows, total] = await Promise.all([
      this.prisma.providerEvent.findMany({
        where,
        orderBy: [{ detectedAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
        select: {
          id: true,
          includeDomain: true,
          service: true,
          detectedAt: true,
          beforeHash: true,
          afterHash: true,
          diff: true,
          affectedDomainCount: true,
          _count: { select: { domains: { where: { domain: { organizationId } } } } },
        },
      }),
      this.prisma.providerEvent.count({ where }),
    ]);
    return { items: rows.map(({ _count, ...r }) => ({ ...r, organizationDomainCount: _count.domains })), total };
  }

  async findForOrganization(organizationId: string, id: string): Promise<(ProviderEventRow & { domains: Array<{ id: string; name: string }> }) | null> {
    const row = await this.prisma.providerEvent.findFirst({
      where: { id, domains: { some: { domain: { organizationId } } } },
      select: {
        id: true,
        includeDomain: true,
        service: true,
        detectedAt: true,
        beforeHash: true,
        afterHash: true,
        diff: true,
        affectedDomainCount: true,
        domains: { where: { domain: { organizationId } }, select: { domain: { select: { id: true, name: true } } }, orderBy: { domain: { name: 'asc' } } },
      },
    });
    if (!row) return null;
    const { domains, ...rest } = row;
    return { ...rest, organizationDomainCount: domains.length, domains: domains.map((d) => d.domain) };
  }
}
