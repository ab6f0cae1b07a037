import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '../../../api/http';
import type { SnapshotDetail } from '../../../api/monitoring-types';

/** `GET /api/snapshots/:id`: one snapshot with the engine's full analysis. Snapshots never change. */
export function getSnapshot(id: string, signal?: AbortSignal): Promise<SnapshotDetail> {
  return http<SnapshotDetail>(`/snapshots/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function snapshotQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['snapshots', id] as const,
    queryFn: ({ signal }) => getSnapshot(id, signal),
    staleTime: Infinity,
  });
}

export function useSnapshot(id: string | null | undefined) {
  return useQuery({ ...snapshotQueryOptions(id ?? ''), enabled: Boolean(id) });
}
