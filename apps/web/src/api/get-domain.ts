import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DomainDetailResponse } from '@spfwatch/contracts';
import { http } from './http';

/**
 * `GET /api/domains/:id`: the domain with its latest snapshot summarised. Shared because the
 * domain page shows it and the notification settings name the domain a channel is bound to.
 */
export function getDomain(id: string, signal?: AbortSignal): Promise<DomainDetailResponse> {
  return http<DomainDetailResponse>(`/domains/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function domainQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['domains', id] as const,
    queryFn: ({ signal }) => getDomain(id, signal),
  });
}

/** No request while `id` is null (a channel without a domain binding). */
export function useDomain(id: string | null) {
  return useQuery({ ...domainQueryOptions(id ?? ''), enabled: id !== null && id !== '' });
}
