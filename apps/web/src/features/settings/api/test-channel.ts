import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelTestResult } from '@spfwatch/contracts';
import { notificationsQueryOptions } from '../../../api/get-notifications';
import { http } from '../../../api/http';

/**
 * `POST /api/notification-channels/:id/test` (admin): sends a test message now, ignoring quiet
 * hours, and answers 200 with the recorded attempt whether it was delivered or not.
 */
export function testChannel(id: string): Promise<ChannelTestResult> {
  return http<ChannelTestResult>(`/notification-channels/${encodeURIComponent(id)}/test`, { method: 'POST' });
}

export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testChannel,
    // The test is a delivery of its own: the list shows it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryOptions().queryKey.slice(0, 2) }),
  });
}
