import { Inject, Injectable } from '@nestjs/common';
import type { ListSnapshotsQuery, SnapshotDiffQuery } from '@spfwatch/contracts';
import { diffAnalyses, type AnalysisDiff } from '@spfwatch/spf';
import { AppError, notFound } from '../../common/errors';
import { SnapshotsRepository, type SnapshotRow, type SnapshotSummaryRow } from './snapshots.repository';

export interface SnapshotDiffView {
  from: SnapshotSummaryRow;
  to: SnapshotSummaryRow;
  diff: AnalysisDiff;
}

@Injectable()
export class SnapshotsService {
  constructor(@Inject(SnapshotsRepository) private readonly repo: SnapshotsRepository) {}

  async timeline(organizationId: string, domainId: string, query: ListSnapshotsQuery): Promise<{ items: SnapshotSummaryRow[]; total: number; page: number; pageSize: number }> {
    if (!(await this.repo.domainExists(organizationId, domainId))) throw notFound('Domain', domainId);
    const { items, total } = await this.repo.listByDomain(domainId, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(organizationId: string, id: string): Promise<SnapshotRow> {
    const snapshot = await this.repo.findById(organizationId, id);
    if (!snapshot) throw notFound('Snapshot', id);
    return snapshot;
  }

  /**
   * The diff between any two snapshots of a domain (from → to); by default the previous →
   * the latest; `to` alone: the snapshot before it → `to`; `from` alone: `from` → the latest.
   * Nothing to compare (fewer than two snapshots): 422.
   */
  async diff(organizationId: string, domainId: string, query: SnapshotDiffQuery): Promise<SnapshotDiffView> {
    if (!(await this.repo.domainExists(organizationId, domainId))) throw notFound('Domain', domainId);
    const to = query.to ?? (await this.repo.latestTwoIds(domainId))[0];
    const b = to ? await this.repo.findById(organizationId, to, domainId) : null;
    if (to && !b) throw notFound('Snapshot', to);
    const from = query.from ?? (to ? await this.repo.previousId(domainId, to) : null);
    if (!from || !b) throw new AppError('unprocessable', `Domain ${domainId} has fewer than two snapshots: nothing to compare yet`);
    const a = await this.repo.findById(organizationId, from, domainId);
    if (!a) throw notFound('Snapshot', from);
    return { from: summary(a), to: summary(b), diff: diffAnalyses(a.analysis, b.analysis) };
  }

  /** For alerts: the diff between two snapshots of a domain. */
  async diffSnapshots(organizationId: string, domainId: string, fromId: string, toId: string): Promise<AnalysisDiff> {
    return (await this.diff(organizationId, domainId, { from: fromId, to: toId })).diff;
  }
}

function summary(s: SnapshotRow): SnapshotSummaryRow {
  const { analysis: _a, networks: _n, domainName: _d, ...rest } = s;
  return rest;
}
