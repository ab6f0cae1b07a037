import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfigImportReport } from '@spfwatch/contracts';
import { http } from '../../../api/http';

export interface ImportConfigurationInput {
  /** The parsed file (the API validates it: 400 lists each bad field). */
  document: unknown;
  /** Preview: the same report, nothing written. */
  dryRun: boolean;
}

/** `POST /api/organization/import?dryRun=` (owner): the per-item report; new webhooks' secrets appear in the real import's answer only. */
export function importConfiguration({ document, dryRun }: ImportConfigurationInput): Promise<ConfigImportReport> {
  return http<ConfigImportReport>('/organization/import', { method: 'POST', query: { dryRun }, body: document });
}

/**
 * A dry run changes nothing; a real import can add clients, domains, policies, channels and the
 * report schedule, which many queries of many features read: all of them are refetched.
 */
export function useImportConfiguration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importConfiguration,
    onSuccess: (report) => (report.dryRun ? undefined : queryClient.invalidateQueries()),
  });
}
