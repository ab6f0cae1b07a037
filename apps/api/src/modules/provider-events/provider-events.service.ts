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
   * it. Returns each domain's event ids (in the order of its changes).
   */
  async recordMany(tx: Tx, entries: ReadonlyArray<{ domainId: string; changes: readonly ProviderChange[] }>, now: Date): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const groups = new Map<string, ProviderChange>();
    const keyOf = (c: ProviderChange) => `${c.includeDomain}\u0000${c.afterHash ?? ''}`;
    for (const e of entries) for (const c of e.changes) if (!groups.has(keyOf(c))) groups.set(keyOf(c), c);
    if (groups.size === 0) return out;
    const ids = new Map<string, string>();
    // Sorted, so two batches with the same changes take the include locks in the same order.
    for (const [key, change] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      let id = await this.repo.findLatestWithAfterHash(tx, change.includeDomain, change.afterHash);
      if (!id) {
        await this.repo.lockInclude(tx, change.includeDomain);
        id = (await this.repo.findLatestWithAfterHash(tx, change.includeDomain, change.afterHash)) ??
          (await this.repo.create(tx, { includeDomain: change.includeDomain, service: change.service, beforeHash: change.beforeHash, afterHash: change.afterHash, diff: change.diff, detectedAt: now }));
      }
      ids.set(key, id);
    }
    const links: Array<{ providerEventId: string; domainId: string }> = [];
    for (const e of entries) {
      const eventIds = e.changes.map((c) => ids.get(keyOf(c))!);
      out.set(e.domainId, eventIds);
      for (const providerEventId of new Set(eventIds)) links.push({ providerEventId, domainId: e.domainId });
    }
    await this.repo.linkDomains(tx, links);
    return out;
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
