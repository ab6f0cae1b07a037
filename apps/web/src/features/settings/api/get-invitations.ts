import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InvitationList } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/invitations` (admin, session only) */
export function getInvitations(signal?: AbortSignal): Promise<InvitationList> {
  return http<InvitationList>('/invitations', signal ? { signal } : {});
}

export function invitationsQueryOptions() {
  return queryOptions({ queryKey: ['invitations'] as const, queryFn: ({ signal }) => getInvitations(signal) });
}

export function useInvitations() {
  return useQuery(invitationsQueryOptions());
}
