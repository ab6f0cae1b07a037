import { queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationDetailResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/notifications/:id` (member and up): one message with every delivery attempt. */
export function getNotification(id: string, signal?: AbortSignal): Promise<NotificationDetailResponse> {
  return http<NotificationDetailResponse>(`/notifications/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function notificationQueryOptions(id: string) {
  return queryOptions({ queryKey: ['notifications', 'detail', id] as const, queryFn: ({ signal }) => getNotification(id, signal) });
}

export function useNotification(id: string) {
  return useQuery(notificationQueryOptions(id));
}
