import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma/prisma.service';
import type { Tx } from '../checks/db-transaction';

export interface ConfigDomainRow {
  id: string;
  name: string;
  tags: string[];
  checkIntervalMinutes: number;
  paused: boolean;
}

export interface ConfigClientRow {
  id: string;
  name: string;
  notes: string | null;
  domains: ConfigDomainRow[];
}

/**
 * Reads of the configuration export/import, and its one transaction. The writes themselves go
 * through the owning modules' services (domains, alert policies, channels, report schedule),
 * which take the transaction this opens.
 */
@Injectable()
export class ConfigTransferRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every client of the organization with its domains, both by name. */
  listClientsWithDomains(organizationId: string): Promise<ConfigClientRow[]> {
    return this.prisma.client.findMany({
      where: { organizationId },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        name: true,
        notes: true,
        domains: { where: { organizationId }, orderBy: { name: 'asc' }, select: { id: true, name: true, tags: true, checkIntervalMinutes: true, paused: true } },
      },
    });
  }

  /** One transaction for a whole import: nothing is half-imported. Generous limits: 20,000 domains take a few seconds. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 10_000, timeout: 120_000 });
  }
}
