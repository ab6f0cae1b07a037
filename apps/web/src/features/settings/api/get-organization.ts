import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OrganizationResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/organization` */
export function getOrganization(signal?: AbortSignal): Promise<OrganizationResponse> {
  return http<OrganizationResponse>('/organization', signal ? { signal } : {});
}

export function organizationQueryOptions() {
  return queryOptions({ queryKey: ['organization'] as const, queryFn: ({ signal }) => getOrganization(signal) });
}

export function useOrganization() {
  return useQuery(organizationQueryOptions());
}
