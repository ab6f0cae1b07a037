import { apiUrl } from '../../../api/http';

/**
 * `GET /api/organization/export` (owner/admin): a plain link, so the browser saves the JSON file
 * (`spfwatch-config-<slug>-<date>.json`, from Content-Disposition) with the session cookie.
 */
export function exportConfigurationUrl(): string {
  return apiUrl('/organization/export');
}
