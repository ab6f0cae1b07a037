import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';
import { tokensQueryOptions } from './get-tokens';

/** `DELETE /api/tokens/:id` (admin): the next request with it answers 401. */
export function revokeToken(id: string): Promise<void> {
  return http<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }) });
}
