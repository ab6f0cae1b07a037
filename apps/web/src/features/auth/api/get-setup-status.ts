import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SetupStatus } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/setup`: `{ needed: true }` while no owner exists. */
export function getSetupStatus(signal?: AbortSignal): Promise<SetupStatus> {
  return http<SetupStatus>('/setup', signal ? { signal } : {});
}

export function setupStatusQueryOptions() {
  return queryOptions({ queryKey: ['setup'] as const, queryFn: ({ signal }) => getSetupStatus(signal), staleTime: 60_000 });
}

export function useSetupStatus() {
  return useQuery(setupStatusQueryOptions());
}
