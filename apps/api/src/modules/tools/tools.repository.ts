import { Injectable } from '@nestjs/common';
import type { Analysis } from '@spfwatch/spf';
import { PrismaService } from '../../prisma/prisma.service';

export interface CurrentSnapshotRow {
  id: string;
  /** The analyser's result as the check stored it. */
  analysis: Analysis;
  lastSeenAt: Date;
}

@Injectable()
export class ToolsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest snapshot of the organization's domain `name`; null when the domain is not monitored here or not checked yet. */
  async findCurrentSnapshotByName(organizationId: string, name: string): Promise<CurrentSnapshotRow | null> {
    const row = await this.prisma.domain.findFirst({
      where: { organizationId, name },
      select: { latestSnapshot: { select: { id: true, analysis: true, lastSeenAt: true } } },
    });
    const s = row?.latestSnapshot;
    // Snapshot.analysis holds an engine Analysis (written by the checks module).
    return s ? { id: s.id, analysis: s.analysis as unknown as Analysis, lastSeenAt: s.lastSeenAt } : null;
  }
}
