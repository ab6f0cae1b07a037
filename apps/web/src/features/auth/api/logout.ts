import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';

/** `POST /api/auth/logout`: ends the session and clears its cookies. */
export function logout(): Promise<void> {
  return http<void>('/auth/logout', { method: 'POST' });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: logout, onSettled: () => queryClient.clear() });
}
