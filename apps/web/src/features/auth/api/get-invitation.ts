import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InvitationPreview } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/invitations/:token` (public): who is invited, where, with which role. */
export function getInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return http<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, signal ? { signal } : {});
}

export function invitationQueryOptions(token: string) {
  return queryOptions({ queryKey: ['invitation', token] as const, queryFn: ({ signal }) => getInvitation(token, signal), staleTime: Infinity });
}

export function useInvitation(token: string) {
  return useQuery(invitationQueryOptions(token));
}
