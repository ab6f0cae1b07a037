import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { NotificationKind, NotificationResponse, NotificationStatus, Page } from '@spfwatch/contracts';
import { http } from './http';

export const NOTIFICATIONS_PAGE_SIZE = 25;

export interface NotificationFilters {
  status?: NotificationStatus;
  kind?: NotificationKind;
  channelId?: string;
  page?: number;
  pageSize?: number;
}

/**
 * `GET /api/notifications` (member and up; not in the portal), newest first. Shared because the
 * settings list them and the fleet page warns about the undelivered ones.
 */
export function getNotifications(filters: NotificationFilters, signal?: AbortSignal): Promise<Page<NotificationResponse>> {
  return http<Page<NotificationResponse>>('/notifications', { query: { pageSize: NOTIFICATIONS_PAGE_SIZE, ...filters }, ...(signal ? { signal } : {}) });
}

export function notificationsQueryOptions(filters: NotificationFilters = {}) {
  return queryOptions({
    queryKey: ['notifications', 'list', filters] as const,
    queryFn: ({ signal }) => getNotifications(filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useNotifications(filters: NotificationFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...notificationsQueryOptions(filters), enabled });
}

export interface FailedNotifications {
  /** Alert and report messages that failed after the whole retry budget. */
  total: number;
  /** When the newest of them was created (ISO), or null. */
  latestAt: string | null;
}

/**
 * What "undelivered" means to the people who read alerts: alert and report messages that are
 * `failed` after every retry. Failed tests are left out — a test-send shows its outcome at the
 * channel, and a test that failed while a URL was being fixed is not a missed alert.
 */
export async function getFailedNotifications(signal?: AbortSignal): Promise<FailedNotifications> {
  const pages = await Promise.all((['alerts', 'report'] as const).map((kind) => getNotifications({ status: 'failed', kind, pageSize: 1 }, signal)));
  const latest = pages
    .map((p) => p.items[0]?.createdAt)
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  return { total: pages.reduce((sum, p) => sum + p.total, 0), latestAt: latest ?? null };
}

export function failedNotificationsQueryOptions() {
  return queryOptions({ queryKey: ['notifications', 'failed'] as const, queryFn: ({ signal }) => getFailedNotifications(signal), refetchInterval: 60_000 });
}

export function useFailedNotifications({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...failedNotificationsQueryOptions(), enabled });
}
