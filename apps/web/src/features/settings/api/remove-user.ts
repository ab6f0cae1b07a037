import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';
import { usersQueryOptions } from './get-users';

/** `DELETE /api/users/:id` (owner): removes the person from the organization. */
export function removeUser(id: string): Promise<void> {
  return http<void>(`/users/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useRemoveUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryOptions().queryKey }) });
}
