import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CycleProgress } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/checks/cycle`: progress of the latest scheduler tick. */
export function getCheckCycle(signal?: AbortSignal): Promise<CycleProgress> {
  return http<CycleProgress>('/checks/cycle', signal ? { signal } : {});
}

export function isCycleRunning(cycle: CycleProgress | undefined): boolean {
  return cycle !== undefined && cycle.tick !== null && (cycle.pending > 0 || cycle.done < cycle.total);
}

export function checkCycleQueryOptions() {
  return queryOptions({
    queryKey: ['checks', 'cycle'] as const,
    queryFn: ({ signal }) => getCheckCycle(signal),
    staleTime: 0,
  });
}

/**
 * Polls fast while a cycle runs — or while the tick just started from the UI (`expectTick`) has
 * not shown up yet — and slowly otherwise (a scheduled tick may start any time).
 */
export function useCheckCycle(expectTick?: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    ...checkCycleQueryOptions(),
    enabled,
    refetchInterval: (query) => (isCycleRunning(query.state.data) || (expectTick !== undefined && query.state.data?.tick !== expectTick) ? 1500 : 30_000),
  });
}
