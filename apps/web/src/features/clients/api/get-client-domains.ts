import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FleetDomainPage } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export const CLIENT_DOMAINS_PAGE_SIZE = 25;

/** `GET /api/fleet/domains?clientId=…`: one client's domains with their status. */
export function getClientDomains(clientId: string, page: number, signal?: AbortSignal): Promise<FleetDomainPage> {
  return http<FleetDomainPage>('/fleet/domains', { query: { clientId, page, pageSize: CLIENT_DOMAINS_PAGE_SIZE, sort: 'status', order: 'desc' }, ...(signal ? { signal } : {}) });
}

export function clientDomainsQueryOptions(clientId: string, page = 1) {
  return queryOptions({
    queryKey: ['clients', 'domains', clientId, page] as const,
    queryFn: ({ signal }) => getClientDomains(clientId, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useClientDomains(clientId: string | null, page: number) {
  return useQuery({ ...clientDomainsQueryOptions(clientId ?? '', page), enabled: Boolean(clientId) });
}
