import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CatalogueServiceList } from '@spfwatch/contracts';
import { http } from './http';

/** `GET /api/tools/services`: the sending-service catalogue (static for a running server). */
export function getServices(signal?: AbortSignal): Promise<CatalogueServiceList> {
  return http<CatalogueServiceList>('/tools/services', signal ? { signal } : {});
}

export function servicesQueryOptions() {
  return queryOptions({
    queryKey: ['tools', 'services'] as const,
    queryFn: ({ signal }) => getServices(signal),
    staleTime: Infinity,
  });
}

export function useServices() {
  return useQuery(servicesQueryOptions());
}

/** Catalogue service id → display name ("google-workspace" → "Google Workspace"); ids stay as they are until it loads. */
export function useServiceNames(): (id: string) => string {
  const { data } = useServices();
  const names = new Map((data?.items ?? []).map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? id;
}
