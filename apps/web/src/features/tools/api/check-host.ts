import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CheckHostBody, CheckHostResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/tools/check-host`: check_host() for one connection (read-only, so cached like a query). */
export function checkHost(body: CheckHostBody, signal?: AbortSignal): Promise<CheckHostResponse> {
  return http<CheckHostResponse>('/tools/check-host', { method: 'POST', body, ...(signal ? { signal } : {}) });
}

export function checkHostQueryOptions(body: CheckHostBody) {
  return queryOptions({
    queryKey: ['tools', 'check-host', body] as const,
    queryFn: ({ signal }) => checkHost(body, signal),
    staleTime: 30_000,
  });
}

/** Runs when `body` is set (the form was submitted). */
export function useCheckHost(body: CheckHostBody | null) {
  return useQuery({ ...checkHostQueryOptions(body ?? { ip: '' }), enabled: body !== null });
}
