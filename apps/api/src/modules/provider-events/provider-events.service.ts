import { Inject, Injectable } from '@nestjs/common';
import type { ListProviderEventsQuery } from '@spfwatch/contracts';
import { notFound } from '../../common/errors';
import type { Tx } from '../checks/db-transaction';
import type { ProviderChange } from './provider-attribution';
import { ProviderEventsRepository, type ProviderEventRow } from './provider-events.repository';

@Injectable()
export class ProviderEventsService {
  constructor(@Inject(ProviderEventsRepository) private readonly repo: ProviderEventsRepository) {}

  /**
   * One ProviderEvent per (include, content after the change) for the whole fleet: the first
   * domain to see a change creates it, every other domain seeing the same change is linked to
   * it. Returns the event ids, one per change.
   */
  async record(tx: Tx, domainId: string, changes: readonly ProviderChange[], now: Date): Promise<string[]> {
    const ids: string[] = [];
    // Sorted, so two domains with the same two changes lock them in the same order.
    for (const change of [...changes].sort((a, b) => a.includeDomain.localeCompare(b.includeDomain))) {
      let id = await this.repo.findLatestWithAfterHash(tx, change.includeDomain, change.afterHash);
      if (!id) {
        await this.repo.lockInclude(tx, change.includeDomain);
        id = (await this.repo.findLatestWithAfterHash(tx, change.includeDomain, change.afterHash)) ??
          (await this.repo.create(tx, { includeDomain: change.includeDomain, service: change.service, beforeHash: change.beforeHash, afterHash: change.afterHash, diff: change.diff, detectedAt: now }));
      }
      await this.repo.linkDomain(tx, id, domainId);
      ids.push(id);
    }
    return ids;
  }

  async list(organizationId: string, query: ListProviderEventsQuery): Promise<{ items: ProviderEventRow[]; total: number; page: number; pageSize: number }> {
    const { items, total } = await this.repo.listForOrganization(organizationId, { ...(query.includeDomain ? { includeDomain: query.includeDomain.toLowerCase().replace(/\.$/, '') } : {}) }, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(organizationId: string, id: string): Promise<ProviderEventRow & { domains: Array<{ id: string; name: string }> }> {
    const event = await this.repo.findForOrganization(organizationId, id);
    if (!event) throw notFound('Provider event', id);
    return event;
  }
}
