import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';

export type DomainStatusName = 'ok' | 'warning' | 'broken' | 'unknown';

export interface ClientRow {
  id: string;
  name: string;
  notes: string | null;
  createdAt: Date;
}

/** Domain counts of one client by status (absent statuses have no domains). */
export type StatusCounts = Partial<Record<DomainStatusName, number>>;

const CLIENT_SELECT = { id: true, name: true, notes: true, createdAt: true } as const;

/** Clients of one organization: every method takes the organization id and scopes by it. */
@Injectable()
export class ClientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  listByName(organizationId: string): Promise<ClientRow[]> {
    return this.prisma.client.findMany({ where: { organizationId }, select: CLIENT_SELECT, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  findById(organizationId: string, id: string): Promise<ClientRow | null> {
    return this.prisma.client.findFirst({ where: { organizationId, id }, select: CLIENT_SELECT });
  }

  /** Case-insensitive name match, optionally ignoring one client (the one being renamed). */
  findByNameInsensitive(organizationId: string, name: string, exceptId?: string): Promise<ClientRow | null> {
    return this.prisma.client.findFirst({
      where: { organizationId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: CLIENT_SELECT,
    });
  }

  /** One grouped query: domain counts by client and status (only clients that have domains). */
  async countDomainsByStatus(organizationId: string, clientId?: string): Promise<Map<string, StatusCounts>> {
    const groups = await this.prisma.domain.groupBy({
      by: ['clientId', 'status'],
      where: { organizationId, ...(clientId ? { clientId } : {}) },
      _count: { _all: true },
    });
    const byClient = new Map<string, StatusCounts>();
    for (const group of groups) {
      const counts = byClient.get(group.clientId) ?? {};
      counts[group.status] = group._count._all;
      byClient.set(group.clientId, counts);
    }
    return byClient;
  }

  countDomains(organizationId: string, clientId: string): Promise<number> {
    return this.prisma.domain.count({ where: { organizationId, clientId } });
  }

  create(organizationId: string, data: { name: string; notes?: string | null }): Promise<ClientRow> {
    return this.prisma.client.create({ data: { organizationId, name: data.name, notes: data.notes ?? null }, select: CLIENT_SELECT });
  }

  /** Null when no such client in the organization. */
  async update(organizationId: string, id: string, data: { name?: string; notes?: string | null }): Promise<ClientRow | null> {
    const { count } = await this.prisma.client.updateMany({ where: { organizationId, id }, data });
    return count === 0 ? null : this.findById(organizationId, id);
  }

  /** Deletes the client; its domains (and their snapshots, checks, alerts) go with it by cascade. False when absent. */
  async delete(organizationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.client.deleteMany({ where: { organizationId, id } });
    return count > 0;
  }
}
