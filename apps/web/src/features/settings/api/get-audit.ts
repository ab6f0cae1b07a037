import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export interface AuditFilters {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  page: number;
}

/** `GET /api/audit` (admin): newest first. */
export function getAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditPage> {
  return http<AuditPage>('/audit', { query: { ...filters, pageSize: 50 }, ...(signal ? { signal } : {}) });
}

export function auditQueryOptions(filters: AuditFilters) {
  return queryOptions({ queryKey: ['audit', filters] as const, queryFn: ({ signal }) => getAudit(filters, signal), placeholderData: keepPreviousData });
}

export function useAudit(filters: AuditFilters) {
  return useQuery(auditQueryOptions(filters));
}
