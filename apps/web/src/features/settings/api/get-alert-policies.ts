import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AlertPolicyQuery } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import type { AlertPoliciesResponse } from '../../../api/monitoring-types';

/** `GET /api/alert-policies?clientId=`: the effective policy at a scope and the stored ones behind it. */
export function getAlertPolicies(scope: AlertPolicyQuery, signal?: AbortSignal): Promise<AlertPoliciesResponse> {
  return http<AlertPoliciesResponse>('/alert-policies', { query: { ...scope }, ...(signal ? { signal } : {}) });
}

export function alertPoliciesQueryOptions(scope: AlertPolicyQuery = {}) {
  return queryOptions({
    queryKey: ['alert-policies', scope] as const,
    queryFn: ({ signal }) => getAlertPolicies(scope, signal),
  });
}

export function useAlertPolicies(scope: AlertPolicyQuery) {
  return useQuery(alertPoliciesQueryOptions(scope));
}
