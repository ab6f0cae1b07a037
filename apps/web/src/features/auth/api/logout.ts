import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';

/** `POST /api/auth/logout`: ends the session and clears its cookies. */
export function logout(): Promise<void> {
  return http<void>('/auth/logout', { method: 'POST' });
}

/**
 * Signs out. Requests still in flight would come back 401 once the session ends, so they are
 * aborted first; the cache is emptied after. Call it after leaving the signed-in pages, so that
 * none of their queries is polling meanwhile.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await queryClient.cancelQueries();
      await logout();
    },
    onSettled: () => queryClient.clear(),
  });
}
