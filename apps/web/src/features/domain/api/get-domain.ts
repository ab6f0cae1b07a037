import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DomainDetailResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/domains/:id`: the domain with its latest snapshot summarised. */
export function getDomain(id: string, signal?: AbortSignal): Promise<DomainDetailResponse> {
  return http<DomainDetailResponse>(`/domains/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function domainQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['domains', id] as const,
    queryFn: ({ signal }) => getDomain(id, signal),
  });
}

export function useDomain(id: string) {
  return useQuery(domainQueryOptions(id));
}
