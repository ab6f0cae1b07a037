import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiTokenList } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/tokens` (admin, session only): prefixes and last use, never the secrets. */
export function getTokens(signal?: AbortSignal): Promise<ApiTokenList> {
  return http<ApiTokenList>('/tokens', signal ? { signal } : {});
}

export function tokensQueryOptions() {
  return queryOptions({ queryKey: ['tokens'] as const, queryFn: ({ signal }) => getTokens(signal) });
}

export function useTokens() {
  return useQuery(tokensQueryOptions());
}
