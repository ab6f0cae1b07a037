import { Injectable } from '@nestjs/common';
import type { SpfStatus } from '@spfwatch/db';
import type { Analysis } from '@spfwatch/spf';
import { PrismaService } from '../../prisma/prisma.service';

export interface SnapshotSummaryRow {
  id: string;
  domainId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  lookupCount: number;
  voidLookups: number;
  status: SpfStatus;
  recordText: string | null;
  services: string[];
  contentHash: string;
}

export interface SnapshotRow extends SnapshotSummaryRow {
  analysis: Analysis;
  networks: string[];
  domainName: string;
}

const SUMMARY = {
  id: true,
  domainId: true,
  firstSeenAt: true,
  lastSeenAt: true,
  lookupCount: true,
  voidLookups: true,
  status: true,
  recordText: true,
  services: true,
  contentHash: true,
} as const;

@Injectable()
export class SnapshotsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async domainExists(organizationId: string, domainId: string): Promise<boolean> {
    return (await this.prisma.domain.count({ where: { id: domainId, organizationId } })) > 0;
  }

  /** A domain's timeline, newest first. */
  async listByDomain(domainId: string, page: number, pageSize: number): Promise<{ items: SnapshotSummaryRow[]; total: number }> {
    const [items, total] = await Promise.all([
      this.prisma.snapshot.findMany({ where: { domainId }, orderBy: [{ firstSeenAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize, select: SUMMARY }),
      this.prisma.snapshot.count({ where: { domainId } }),
    ]);
    return { items, total };
  }

  /** A snapshot of one of the organization's domains (optionally of one given domain). */
  async findById(organizationId: string, id: string, domainId?: string): Promise<SnapshotRow | null> {
    const row = await this.prisma.snapshot.findFirst({
      where: { id, domain: { organizationId }, ...(domainId ? { domainId } : {}) },
      select: { ...SUMMARY, analysis: true, networks: true, domain: { select: { name: true } } },
    });
    if (!row) return null;
    const { domain, analysis, networks, ...rest } = row;
    return { ...rest, analysis: analysis as unknown as Analysis, networks: Array.isArray(networks) ? (networks as string[]) : [], domainName: domain.name };
  }

  /** The snapshot of the domain just before this one (null when it is the first or unknown). */
  async previousId(domainId: string, snapshotId: string): Promise<string | null> {
    const current = await this.prisma.snapshot.findFirst({ where: { id: snapshotId, domainId }, select: { firstSeenAt: true } });
    if (!current) return null;
    const row = await this.prisma.snapshot.findFirst({
      where: { domainId, OR: [{ firstSeenAt: { lt: current.firstSeenAt } }, { firstSeenAt: current.firstSeenAt, id: { lt: snapshotId } }] },
      orderBy: [{ firstSeenAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** Ids of the two newest snapshots of a domain (latest first). */
  async latestTwoIds(domainId: string): Promise<string[]> {
    const rows = await this.prisma.snapshot.findMany({ where: { domainId }, orderBy: [{ firstSeenAt: 'desc' }, { id: 'desc' }], take: 2, select: { id: true } });
    return rows.map((r) => r.id);
  }
}
