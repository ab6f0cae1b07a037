import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '../../../api/http';
import type { SnapshotDiffResponse } from '../../../api/monitoring-types';

/** `GET /api/domains/:id/diff?from&to`: what changed between two snapshots (default: previous → latest). */
export function getDomainDiff(id: string, from: string | undefined, to: string | undefined, signal?: AbortSignal): Promise<SnapshotDiffResponse> {
  return http<SnapshotDiffResponse>(`/domains/${encodeURIComponent(id)}/diff`, { query: { from, to }, ...(signal ? { signal } : {}) });
}

export function domainDiffQueryOptions(id: string, from?: string, to?: string) {
  return queryOptions({
    queryKey: ['domains', id, 'diff', from ?? null, to ?? null] as const,
    queryFn: ({ signal }) => getDomainDiff(id, from, to, signal),
    staleTime: Infinity,
  });
}

export function useDomainDiff(id: string, from: string | undefined, to: string | undefined, enabled = true) {
  return useQuery({ ...domainDiffQueryOptions(id, from, to), enabled });
}
