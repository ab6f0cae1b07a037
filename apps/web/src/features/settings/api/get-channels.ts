import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ChannelResponse, Page } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export type ChannelList = Pick<Page<ChannelResponse>, 'items' | 'total'>;

/** `GET /api/notification-channels` (admin): email, webhook and Slack channels; secrets never included. */
export function getChannels(signal?: AbortSignal): Promise<ChannelList> {
  return http<ChannelList>('/notification-channels', signal ? { signal } : {});
}

export function channelsQueryOptions() {
  return queryOptions({ queryKey: ['notification-channels'] as const, queryFn: ({ signal }) => getChannels(signal) });
}

export function useChannels({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...channelsQueryOptions(), enabled });
}
