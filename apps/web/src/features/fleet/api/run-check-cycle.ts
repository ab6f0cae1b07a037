import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RunCycleResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { checkCycleQueryOptions } from './get-check-cycle';

/** `POST /api/checks/run-cycle`: enqueue a check of every due domain now. */
export function runCheckCycle(): Promise<RunCycleResponse> {
  return http<RunCycleResponse>('/checks/run-cycle', { method: 'POST', body: {} });
}

export function useRunCheckCycle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runCheckCycle,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: checkCycleQueryOptions().queryKey }),
  });
}
