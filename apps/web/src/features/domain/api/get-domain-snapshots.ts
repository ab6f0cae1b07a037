import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, SnapshotSummary } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/domains/:id/snapshots`: one entry per distinct SPF state, newest first. */
export function getDomainSnapshots(id: string, page = 1, pageSize = 200, signal?: AbortSignal): Promise<Page<SnapshotSummary>> {
  return http<Page<SnapshotSummary>>(`/domains/${encodeURIComponent(id)}/snapshots`, { query: { page, pageSize }, ...(signal ? { signal } : {}) });
}

export function domainSnapshotsQueryOptions(id: string, page = 1, pageSize = 200) {
  return queryOptions({
    queryKey: ['domains', id, 'snapshots', page, pageSize] as const,
    queryFn: ({ signal }) => getDomainSnapshots(id, page, pageSize, signal),
  });
}

export function useDomainSnapshots(id: string, page = 1, pageSize = 200) {
  return useQuery(domainSnapshotsQueryOptions(id, page, pageSize));
}
