import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../api/http';
import { invitationsQueryOptions } from './get-invitations';

/** `DELETE /api/invitations/:id` (admin) */
export function revokeInvitation(id: string): Promise<void> {
  return http<void>(`/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: revokeInvitation, onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryOptions().queryKey }) });
}
