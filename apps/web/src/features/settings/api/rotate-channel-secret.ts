import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedChannelResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { channelsQueryOptions } from './get-channels';

/** `POST /api/notification-channels/:id/rotate-secret` (admin, webhooks): the new secret is in this answer only; the old one stops at once. */
export function rotateChannelSecret(id: string): Promise<CreatedChannelResponse> {
  return http<CreatedChannelResponse>(`/notification-channels/${encodeURIComponent(id)}/rotate-secret`, { method: 'POST' });
}

export function useRotateChannelSecret() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: rotateChannelSecret, onSuccess: () => queryClient.invalidateQueries({ queryKey: channelsQueryOptions().queryKey }) });
}
