import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notificationsQueryOptions } from '../../../api/get-notifications';
import { http } from '../../../api/http';
import { channelsQueryOptions } from './get-channels';

/** `DELETE /api/notification-channels/:id` (admin): the channel goes with its notification history. */
export function deleteChannel(id: string): Promise<void> {
  return http<void>(`/notification-channels/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteChannel,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: channelsQueryOptions().queryKey }),
        // Its deliveries are gone too (the list and the failed count).
        queryClient.invalidateQueries({ queryKey: notificationsQueryOptions().queryKey.slice(0, 1) }),
      ]),
  });
}
