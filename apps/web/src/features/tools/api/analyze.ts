import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AnalyzeToolBody, AnalyzeToolResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/tools/analyze`: the live record of `domain`, or `record` as a draft compared with it. */
export function analyze(body: AnalyzeToolBody, signal?: AbortSignal): Promise<AnalyzeToolResponse> {
  return http<AnalyzeToolResponse>('/tools/analyze', { method: 'POST', body, ...(signal ? { signal } : {}) });
}

export function analyzeQueryOptions(body: AnalyzeToolBody) {
  return queryOptions({
    queryKey: ['tools', 'analyze', body.domain, body.record ?? null] as const,
    queryFn: ({ signal }) => analyze(body, signal),
    staleTime: 30_000,
  });
}

/** Runs when `body` is set; keeps the previous answer on screen while the next draft is analysed. */
export function useAnalyze(body: AnalyzeToolBody | null) {
  return useQuery({ ...analyzeQueryOptions(body ?? { domain: '' }), enabled: body !== null, placeholderData: keepPreviousData });
}
