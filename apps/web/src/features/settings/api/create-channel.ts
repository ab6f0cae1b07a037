import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateChannelBody, CreatedChannelResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { channelsQueryOptions } from './get-channels';

/** `POST /api/notification-channels` (admin): a webhook's signing secret is in this answer only. */
export function createChannel(body: CreateChannelBody): Promise<CreatedChannelResponse> {
  return http<CreatedChannelResponse>('/notification-channels', { method: 'POST', body });
}

export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createChannel, onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryOptions().queryKey }) });
}
