import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PutReportScheduleInput, ReportScheduleResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { reportScheduleQueryOptions } from './get-report-schedule';

/** `PUT /api/report-schedule` (admin): a new cron expression (validated by the API) and/or on/off. */
export function putReportSchedule(body: PutReportScheduleInput): Promise<ReportScheduleResponse> {
  return http<ReportScheduleResponse>('/report-schedule', { method: 'PUT', body });
}

export function usePutReportSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putReportSchedule,
    onSuccess: (schedule) => queryClient.setQueryData(reportScheduleQueryOptions().queryKey, schedule),
  });
}
