import type { Role } from '@spfwatch/contracts';

const LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member', client_viewer: 'Client viewer' };
const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, client_viewer: 0 };

export function roleLabel(role: Role): string {
  return LABELS[role];
}

/** The API's role rule (docs/accounts.md): owner > admin > member; client_viewer is below all. */
export function hasRole(role: Role | undefined, needed: Exclude<Role, 'client_viewer'>): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
