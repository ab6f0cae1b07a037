import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationInput, LoginResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `POST /api/invitations/:token/accept` (public): creates or confirms the account and signs in. */
export function acceptInvitation(token: string, body: AcceptInvitationInput): Promise<LoginResponse> {
  return http<LoginResponse>(`/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body });
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitationInput) => acceptInvitation(token, body),
    // A new person is signed in: drop everything cached, except the (now used) invitation the
    // page still shows — refetching it would answer 404.
    onSuccess: () => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'invitation' }),
  });
}
