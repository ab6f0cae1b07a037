import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ListAlertsQuery, Page } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import type { AlertView } from '../../../api/monitoring-types';

export type AlertsQuery = Partial<ListAlertsQuery>;

/** `GET /api/alerts`: newest first, filtered by state, severity, type, client or domain. */
export function getAlerts(query: AlertsQuery, signal?: AbortSignal): Promise<Page<AlertView>> {
  return http<Page<AlertView>>('/alerts', { query: { ...query }, ...(signal ? { signal } : {}) });
}

export function alertsQueryOptions(query: AlertsQuery = {}) {
  return queryOptions({
    queryKey: ['alerts', 'list', query] as const,
    queryFn: ({ signal }) => getAlerts(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAlerts(query: AlertsQuery) {
  return useQuery(alertsQueryOptions(query));
}
