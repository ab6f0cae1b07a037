import type { FleetFilters } from '@spfwatch/contracts';
import { findService } from '@spfwatch/spf';
import { AppError } from '../../common/errors';
import type { DomainFilter } from './fleet-filters';

/**
 * Turns the validated query filters into the repositories' filter. The service filter takes a
 * catalogue id (or a service's name) and matches both spellings a snapshot may store; an
 * unknown service is a 400 naming the field.
 */
export function toDomainFilter(filters: FleetFilters): DomainFilter {
  const { service, ...rest } = filters;
  if (service === undefined) return rest;
  const found = findService(service);
  if (!found) {
    const message = `Unknown service "${service}": use an id from GET /api/tools/services (e.g. "google-workspace")`;
    throw new AppError('validation_failed', `Invalid query parameters: service: ${message}`, { issues: [{ path: 'service', message }] });
  }
  return { ...rest, services: [...new Set([found.id, found.name])] };
}

/** Snapshot services as catalogue ids, whichever spelling (id or name) the snapshot stored. */
export function toServiceIds(stored: readonly string[]): string[] {
  return [...new Set(stored.map((s) => findService(s)?.id ?? s))];
}
