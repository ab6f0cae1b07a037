import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MemberResponse, UpdateMemberInput } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { usersQueryOptions } from './get-users';

/** `PATCH /api/users/:id` (owner): a new role (with its clients for a client viewer). */
export function updateUser(id: string, body: UpdateMemberInput): Promise<MemberResponse> {
  return http<MemberResponse>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateMemberInput }) => updateUser(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryOptions().queryKey }),
  });
}
