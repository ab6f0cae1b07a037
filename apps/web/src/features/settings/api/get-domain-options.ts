import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FleetDomainPage } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export const DOMAIN_OPTIONS_LIMIT = 50;

export interface DomainOptionsQuery {
  search?: string;
  clientId?: string;
}

/** `GET /api/fleet/domains?search&clientId`: the domains a channel can be bound to, by name. */
export function getDomainOptions(query: DomainOptionsQuery, signal?: AbortSignal): Promise<FleetDomainPage> {
  return http<FleetDomainPage>('/fleet/domains', { query: { ...query, sort: 'name', order: 'asc', pageSize: DOMAIN_OPTIONS_LIMIT }, ...(signal ? { signal } : {}) });
}

export function domainOptionsQueryOptions(query: DomainOptionsQuery) {
  return queryOptions({ queryKey: ['fleet', 'domain-options', query] as const, queryFn: ({ signal }) => getDomainOptions(query, signal), placeholderData: keepPreviousData });
}

export function useDomainOptions(query: DomainOptionsQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...domainOptionsQueryOptions(query), enabled });
}
