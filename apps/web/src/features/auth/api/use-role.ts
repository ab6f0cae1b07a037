import type { Role } from '@spfwatch/contracts';
import { hasRole } from '../utils/roles';
import { useMe } from './get-me';

/**
 * The signed-in role and the API's role rule, for showing only the actions the API allows
 * (docs/accounts.md, "What each route needs"). Unknown (still loading) allows nothing.
 */
export function useRole(): { role: Role | undefined; can: (needed: Exclude<Role, 'client_viewer'>) => boolean; isClientViewer: boolean } {
  const role = useMe().data?.role;
  return { role, can: (needed) => hasRole(role, needed), isClientViewer: role === 'client_viewer' };
}
