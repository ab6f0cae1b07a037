import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ClientList } from '@spfwatch/contracts';
import { http } from './http';

/**
 * `GET /api/clients`: every client with its domain counts. Shared because fleet, alerts and
 * clients all filter by client.
 */
export function getClients(signal?: AbortSignal): Promise<ClientList> {
  return http<ClientList>('/clients', signal ? { signal } : {});
}

export function clientsQueryOptions() {
  return queryOptions({
    queryKey: ['clients'] as const,
    queryFn: ({ signal }) => getClients(signal),
  });
}

export function useClients() {
  return useQuery(clientsQueryOptions());
}
