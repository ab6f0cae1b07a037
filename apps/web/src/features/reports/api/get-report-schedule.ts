import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportScheduleResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';

/** `GET /api/report-schedule` (member and up; not in the portal): the weekly reports' cron, time zone and next runs. */
export function getReportSchedule(signal?: AbortSignal): Promise<ReportScheduleResponse> {
  return http<ReportScheduleResponse>('/report-schedule', signal ? { signal } : {});
}

export function reportScheduleQueryOptions() {
  return queryOptions({ queryKey: ['report-schedule'] as const, queryFn: ({ signal }) => getReportSchedule(signal) });
}

export function useReportSchedule({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...reportScheduleQueryOptions(), enabled });
}
