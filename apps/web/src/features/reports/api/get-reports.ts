import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Page, ReportKind, ReportResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export const REPORTS_PAGE_SIZE = 20;

export interface ReportFilters {
  clientId?: string;
  kind?: ReportKind;
  page?: number;
}

/** `GET /api/reports` (portal too: client viewers get their clients' only), latest period first. */
export function getReports(filters: ReportFilters, signal?: AbortSignal): Promise<Page<ReportResponse>> {
  return http<Page<ReportResponse>>('/reports', { query: { ...filters, pageSize: REPORTS_PAGE_SIZE }, ...(signal ? { signal } : {}) });
}

export function reportsQueryOptions(filters: ReportFilters = {}) {
  return queryOptions({
    queryKey: ['reports', 'list', filters] as const,
    queryFn: ({ signal }) => getReports(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReports(filters: ReportFilters) {
  return useQuery(reportsQueryOptions(filters));
}
