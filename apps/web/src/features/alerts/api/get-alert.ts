import { queryOptions, useQuery } from '@tanstack/react-query';
import { http } from '../../../api/http';
import type { AlertWithDiffView } from '../../../api/monitoring-types';

/** `GET /api/alerts/:id`: one alert with the diff that caused it. */
export function getAlert(id: string, signal?: AbortSignal): Promise<AlertWithDiffView> {
  return http<AlertWithDiffView>(`/alerts/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function alertQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['alerts', 'detail', id] as const,
    queryFn: ({ signal }) => getAlert(id, signal),
  });
}

export function useAlert(id: string | null) {
  return useQuery({ ...alertQueryOptions(id ?? ''), enabled: Boolean(id) });
}
