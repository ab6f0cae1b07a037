import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrganizationResponse, UpdateOrganizationInput } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { organizationQueryOptions } from '../../../api/get-organization';

/** `PATCH /api/organization` */
export function updateOrganization(body: UpdateOrganizationInput): Promise<OrganizationResponse> {
  return http<OrganizationResponse>('/organization', { method: 'PATCH', body });
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganization,
    onSuccess: (org) => queryClient.setQueryData(organizationQueryOptions().queryKey, org),
  });
}
