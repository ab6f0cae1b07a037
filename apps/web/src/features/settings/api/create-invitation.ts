import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitationInput, CreatedInvitationResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { invitationsQueryOptions } from './get-invitations';

/** `POST /api/invitations` (admin): the answer holds the invite link, shown once. */
export function createInvitation(body: CreateInvitationInput): Promise<CreatedInvitationResponse> {
  return http<CreatedInvitationResponse>('/invitations', { method: 'POST', body });
}

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createInvitation, onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryOptions().queryKey }) });
}
