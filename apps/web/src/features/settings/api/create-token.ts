import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTokenInput, CreatedApiTokenResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { tokensQueryOptions } from './get-tokens';

/** `POST /api/tokens` (admin): the token is in this answer only. */
export function createToken(body: CreateTokenInput): Promise<CreatedApiTokenResponse> {
  return http<CreatedApiTokenResponse>('/tokens', { method: 'POST', body });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createToken, onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensQueryOptions().queryKey }) });
}
