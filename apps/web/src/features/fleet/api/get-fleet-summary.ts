import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FleetSummary } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/fleet/summary`: counts by status, lookup histogram, near the limit, recent changes and provider events. */
export function getFleetSummary(signal?: AbortSignal): Promise<FleetSummary> {
  return http<FleetSummary>('/fleet/summary', signal ? { signal } : {});
}

export function fleetSummaryQueryOptions() {
  return queryOptions({
    queryKey: ['fleet', 'summary'] as const,
    queryFn: ({ signal }) => getFleetSummary(signal),
  });
}

export function useFleetSummary(options: { refetchInterval?: number | false } = {}) {
  return useQuery({ ...fleetSummaryQueryOptions(), refetchInterval: options.refetchInterval ?? false });
}
