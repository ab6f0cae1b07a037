import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';
import type { CheckNowResponse } from '../../../api/monitoring-types';
import { domainQueryOptions } from '../../../api/get-domain';

/** `POST /api/domains/:id/check`: check now; returns the analysis, the diff and the alerts it opened. */
export function checkDomain(id: string): Promise<CheckNowResponse> {
  return http<CheckNowResponse>(`/domains/${encodeURIComponent(id)}/check`, { method: 'POST', body: {} });
}

export function useCheckDomain(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => checkDomain(id),
    onSuccess: async () => {
      // The domain, its timeline, checks and diffs all live under ['domains', id]; fleet and alerts move too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: domainQueryOptions(id).queryKey }),
        queryClient.invalidateQueries({ queryKey: ['fleet'] }),
        queryClient.invalidateQueries({ queryKey: ['alerts'] }),
      ]);
    },
  });
}
