import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FleetDomainPage, FleetDomainsQuery } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** Query of the list; absent fields take the API's defaults. */
export type FleetDomainsQueryParams = Partial<FleetDomainsQuery>;

/** `GET /api/fleet/domains`: filtered, sorted, paged domain list (built for 10,000+ domains). */
export function getFleetDomains(query: FleetDomainsQueryParams, signal?: AbortSignal): Promise<FleetDomainPage> {
  return http<FleetDomainPage>('/fleet/domains', { query: { ...query }, ...(signal ? { signal } : {}) });
}

export function fleetDomainsQueryOptions(query: FleetDomainsQueryParams = {}) {
  return queryOptions({
    queryKey: ['fleet', 'domains', query] as const,
    queryFn: ({ signal }) => getFleetDomains(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFleetDomains(query: FleetDomainsQueryParams, options: { refetchInterval?: number | false } = {}) {
  return useQuery({ ...fleetDomainsQueryOptions(query), refetchInterval: options.refetchInterval ?? false });
}
