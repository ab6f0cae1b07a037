import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReportInput, ReportResponse } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import { reportsQueryOptions } from './get-reports';

/** `POST /api/reports` (member and up): one client's report for any period, generated now and stored (not mailed). */
export function createReport(body: CreateReportInput): Promise<ReportResponse> {
  return http<ReportResponse>('/reports', { method: 'POST', body });
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    // Every filtered page of the list may hold it now.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsQueryOptions().queryKey.slice(0, 2) }),
  });
}
