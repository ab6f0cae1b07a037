/**
 * Prisma `where` / `orderBy` builders for the fleet list and the CSV export. Pure functions used
 * by repositories only (the one place Prisma types appear); unit-tested on their output.
 */
import { domainToASCII } from 'node:url';
import type { FleetFilters, FleetSort, SortOrder } from '@spfwatch/contracts';
import type { Prisma } from '@spfwatch/db';

/**
 * Filters after the service has resolved them: `services` holds every spelling a snapshot may
 * store for the requested service (its catalogue id and its name).
 */
export interface DomainFilter extends Omit<FleetFilters, 'service'> {
  services?: string[];
}

/**
 * `search` is a case-insensitive substring of the name. Names are stored as A-labels, so a
 * search typed with non-ASCII letters ("bücher") also matches its A-label form ("xn--bcher-kva").
 * Prisma hands `contains` to ILIKE as is, so `%`, `_` and `\` are escaped to match literally.
 */
export function buildDomainWhere(organizationId: string, filter: DomainFilter): Prisma.DomainWhereInput {
  const where: Prisma.DomainWhereInput = { organizationId };
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const ascii = /[^\x00-\x7f]/.test(search) ? domainToASCII(search) : '';
    const terms = ascii && ascii !== search ? [search, ascii] : [search];
    where.OR = terms.map((term) => ({ name: { contains: escapeLike(term), mode: 'insensitive' as const } }));
  }
  if (filter.clientId) where.clientId = filter.clientId;
  if (filter.status) where.status = filter.status;
  if (filter.tag) where.tags = { has: filter.tag };
  if (filter.paused !== undefined) where.paused = filter.paused;
  // Domain has no denormalised services column (yet): filter through the latest snapshot.
  if (filter.services && filter.services.length > 0) where.latestSnapshot = { is: { services: { hasSome: filter.services } } };
  return where;
}

/** Escapes LIKE's wildcards (`%`, `_`) and its escape character (`\`, Postgres's default). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Order of the fleet list; the name breaks ties (it is unique per organization, so paging is
 * stable). Never-checked domains (no lookup count, no change yet) sort last either way. Status
 * follows the enum's order: ok < warning < broken < unknown.
 */
export function buildDomainOrderBy(sort: FleetSort, order: SortOrder): Prisma.DomainOrderByWithRelationInput[] {
  const byName: Prisma.DomainOrderByWithRelationInput = { name: sort === 'name' ? order : 'asc' };
  switch (sort) {
    case 'name':
      return [byName];
    case 'lookupCount':
      return [{ lookupCount: { sort: order, nulls: 'last' } }, byName];
    case 'lastChangedAt':
      return [{ lastChangedAt: { sort: order, nulls: 'last' } }, byName];
    case 'status':
      return [{ status: order }, byName];
  }
}
