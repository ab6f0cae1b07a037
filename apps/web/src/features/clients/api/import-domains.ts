import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportDomainsBody, ImportReport } from '@spfwatch/contracts';
import { clientsQueryOptions } from '../../../api/get-clients';
import { http } from '../../../api/http';

/** `POST /api/domains/import`: CSV or pasted lines; all or nothing, with a per-line report (dryRun previews). */
export function importDomains(body: ImportDomainsBody): Promise<ImportReport> {
  return http<ImportReport>('/domains/import', { method: 'POST', body });
}

export function useImportDomains() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importDomains,
    onSuccess: async (report) => {
      if (report.dryRun) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: clientsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: ['fleet'] }),
      ]);
    },
  });
}
