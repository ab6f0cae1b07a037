import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationInput, LoginResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/invitations/:token/accept` (public): creates or confirms the account and signs in. */
export function acceptInvitation(token: string, body: AcceptInvitationInput): Promise<LoginResponse> {
  return http<LoginResponse>(`/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: AcceptInvitationInput) => acceptInvitation(token, body), onSuccess: () => queryClient.clear() });
}
