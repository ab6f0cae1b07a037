import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MemberList } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/users` (admin, session only): the organization's people. */
export function getUsers(signal?: AbortSignal): Promise<MemberList> {
  return http<MemberList>('/users', signal ? { signal } : {});
}

export function usersQueryOptions() {
  return queryOptions({ queryKey: ['users'] as const, queryFn: ({ signal }) => getUsers(signal) });
}

export function useUsers() {
  return useQuery(usersQueryOptions());
}
