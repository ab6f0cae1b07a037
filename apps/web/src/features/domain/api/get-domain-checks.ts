import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CheckRunPage } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/domains/:id/checks`: check history, newest first. */
export function getDomainChecks(id: string, page = 1, pageSize = 200, signal?: AbortSignal): Promise<CheckRunPage> {
  return http<CheckRunPage>(`/domains/${encodeURIComponent(id)}/checks`, { query: { page, pageSize }, ...(signal ? { signal } : {}) });
}

export function domainChecksQueryOptions(id: string, page = 1, pageSize = 200) {
  return queryOptions({
    queryKey: ['domains', id, 'checks', page, pageSize] as const,
    queryFn: ({ signal }) => getDomainChecks(id, page, pageSize, signal),
  });
}

export function useDomainChecks(id: string, page = 1, pageSize = 200) {
  return useQuery(domainChecksQueryOptions(id, page, pageSize));
}
