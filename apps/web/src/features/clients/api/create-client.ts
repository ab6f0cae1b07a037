import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClientResponse, CreateClientInput } from '@spfwatch/contracts';
import { clientsQueryOptions } from '../../../api/get-clients';
import { http } from '../../../api/http';

/** `POST /api/clients` */
export function createClient(body: CreateClientInput): Promise<ClientResponse> {
  return http<ClientResponse>('/clients', { method: 'POST', body });
}

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsQueryOptions().queryKey }),
  });
}
