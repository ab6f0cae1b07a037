import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganizationResponse } from '@spfwatch/contracts';
import { http } from './http';

/**
 * `GET /api/organization` (portal too): its name and time zone. Shared because settings edit it
 * and reports read their days in its time zone.
 */
export function getOrganization(signal?: AbortSignal): Promise<OrganizationResponse> {
  return http<OrganizationResponse>('/organization', signal ? { signal } : {});
}

export function organizationQueryOptions() {
  return queryOptions({ queryKey: ['organization'] as const, queryFn: ({ signal }) => getOrganization(signal) });
}

export function useOrganization() {
  return useQuery(organizationQueryOptions());
}
