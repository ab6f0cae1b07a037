import { apiUrl } from '../../../api/http';

/**
 * `GET /api/domains/export.csv`: a plain link, so the browser downloads it with the session
 * cookie (no fetch needed). Same filters as the fleet list.
 */
export function exportDomainsUrl(filters: { clientId?: string } = {}): string {
  return apiUrl('/domains/export.csv', { clientId: filters.clientId });
}
