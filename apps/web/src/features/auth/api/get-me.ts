import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MeResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/auth/me`: who is signed in, their role, organization and client scope. */
export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return http<MeResponse>('/auth/me', signal ? { signal } : {});
}

export function meQueryOptions() {
  return queryOptions({ queryKey: ['auth', 'me'] as const, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
