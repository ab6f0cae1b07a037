import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelResponse, UpdateChannelBody } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { channelsQueryOptions } from './get-channels';

/** `PATCH /api/notification-channels/:id` (admin): any field but the kind; `config` replaces the configuration whole. */
export function updateChannel(id: string, body: UpdateChannelBody): Promise<ChannelResponse> {
  return http<ChannelResponse>(`/notification-channels/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelBody }) => updateChannel(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryOptions().queryKey }),
  });
}
