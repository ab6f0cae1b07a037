import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PutAlertPolicyBody } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import type { AlertPoliciesResponse } from '../../../api/monitoring-types';
import { alertPoliciesQueryOptions } from './get-alert-policies';

/** `PUT /api/alert-policies`: replaces the policy of one scope. */
export function putAlertPolicy(body: PutAlertPolicyBody): Promise<AlertPoliciesResponse> {
  return http<AlertPoliciesResponse>('/alert-policies', { method: 'PUT', body });
}

export function usePutAlertPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putAlertPolicy,
    // Every scope inherits from the wider ones: refresh them all.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertPoliciesQueryOptions().queryKey.slice(0, 1) }),
  });
}
