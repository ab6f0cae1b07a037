import type { AlertType } from './generated/prisma/enums';

/**
 * `Alert.openKey` while an alert is open or acknowledged; set it to NULL when resolving.
 * Its unique index allows one unresolved alert per (domain, type), so opening is an
 * upsert on `openKey` and a concurrent duplicate fails with P2002 instead of doubling.
 */
export function openAlertKey(domainId: string, type: AlertType): string {
  return `${domainId}:${type}`;
}

/** `AlertPolicy.scopeKey`: one policy per organization, client or domain. */
export function alertPolicyScopeKey(scope: { clientId?: string | null; domainId?: string | null }): string {
  if (scope.domainId) return `domain:${scope.domainId}`;
  if (scope.clientId) return `client:${scope.clientId}`;
  return 'org';
}
