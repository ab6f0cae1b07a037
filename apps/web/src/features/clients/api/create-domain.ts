import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateDomainBody, DomainResponse } from '@spfwatch/contracts';
import { clientsQueryOptions } from '../../../api/get-clients';
import { http } from '../../../api/http';
import { clientDomainsQueryOptions } from './get-client-domains';

/** `POST /api/domains` */
export function createDomain(body: CreateDomainBody): Promise<DomainResponse> {
  return http<DomainResponse>('/domains', { method: 'POST', body });
}

export function useCreateDomain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDomain,
    onSuccess: async (domain) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: clientsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: clientDomainsQueryOptions(domain.client.id).queryKey.slice(0, 3) }),
        queryClient.invalidateQueries({ queryKey: ['fleet'] }),
      ]);
    },
  });
}
