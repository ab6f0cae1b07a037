import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcknowledgeAlertBody } from '@spfwatch/contracts';
import { http } from '../../../api/http';
import type { AlertWithDiffView } from '../../../api/monitoring-types';
import { alertQueryOptions } from './get-alert';
import { alertsQueryOptions } from './get-alerts';

/** `POST /api/alerts/:id/acknowledge` */
export function acknowledgeAlert(id: string, body: AcknowledgeAlertBody = {}): Promise<AlertWithDiffView> {
  return http<AlertWithDiffView>(`/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, by }: { id: string; by?: string }) => acknowledgeAlert(id, by ? { by } : {}),
    onSuccess: async (alert) => {
      queryClient.setQueryData(alertQueryOptions(alert.id).queryKey, alert);
      // Every filtered list: ['alerts', 'list', …] is a prefix of each list's key.
      await queryClient.invalidateQueries({ queryKey: alertsQueryOptions().queryKey.slice(0, 2) });
    },
  });
}
