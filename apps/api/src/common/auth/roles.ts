import type { Role } from '@spfwatch/contracts';

export type { Role } from '@spfwatch/contracts';

/** Staff roles by power. `client_viewer` is below member but only ever passes client-scoped routes. */
export const ROLE_RANK: Record<Role, number> = { client_viewer: 0, member: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
