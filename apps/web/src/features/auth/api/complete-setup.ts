import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginResponse, SetupInput } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/setup`: creates the first owner with the token from the server log and signs them in. */
export function completeSetup(body: SetupInput): Promise<LoginResponse> {
  return http<LoginResponse>('/setup', { method: 'POST', body });
}

export function useCompleteSetup() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: completeSetup, onSuccess: () => queryClient.clear() });
}
