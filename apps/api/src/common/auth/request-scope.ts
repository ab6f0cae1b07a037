import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { Role } from './roles';

/** Who acts, as recorded in the audit log. */
export type Actor =
  | { type: 'user'; id: string; label: string }
  | { type: 'token'; id: string; label: string }
  | { type: 'anonymous'; id: null; label: string }
  | { type: 'system'; id: null; label: string };

/** An authenticated caller, for one organization. */
export interface Principal {
  via: 'session' | 'token';
  organizationId: string;
  role: Role;
  /**
   * The clients a client_viewer (membership or token) is limited to; null = the whole
   * organization. Never empty-means-all: `[]` sees nothing.
   */
  clientIds: readonly string[] | null;
  actor: Extract<Actor, { type: 'user' | 'token' }>;
  userId: string | null;
  /** The session row's id (the cookie secret's hash) for `via: 'session'`. */
  sessionId: string | null;
  tokenId: string | null;
}

/**
 * What every query and audit entry of one request runs under. The guard builds it; the
 * interceptor makes it current (AsyncLocalStorage) for the handler and everything it awaits.
 */
export interface RequestScope {
  /** null on a public route called without credentials. */
  principal: Principal | null;
  ip: string | null;
  userAgent: string | null;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with `scope` current (for HTTP handlers, jobs acting for someone, and tests). */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope; undefined outside requests (workers, cron, start-up). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function currentPrincipal(): Principal | null {
  return storage.getStore()?.principal ?? null;
}

/** The express request as the guard leaves it. */
export interface ScopedRequest extends Request {
  scope?: RequestScope;
  /** Kept for code written against the organization guard (same value as scope.principal.organizationId). */
  organizationId?: string;
}

/** The request's principal; throws on a route the guard let through anonymously (a programming error). */
export function requirePrincipal(request: ScopedRequest): Principal {
  const principal = request.scope?.principal;
  if (!principal) throw new Error('No principal: this route is @Public() or the auth guard did not run');
  return principal;
}

/** The audit actor of the current scope: the principal, anonymous in a public request, system outside requests. */
export function currentActor(): Actor {
  const scope = storage.getStore();
  if (!scope) return { type: 'system', id: null, label: 'system' };
  return scope.principal?.actor ?? { type: 'anonymous', id: null, label: 'anonymous' };
}

const rawAcknowledged = new AsyncLocalStorage<true>();

/**
 * Raw SQL cannot be scoped by the Prisma extension, so for a client-scoped caller it is
 * refused unless run inside this, by a repository whose SQL applies `clientScopeFilter()`.
 */
export function rawSqlScopedByCaller<T>(fn: () => PromiseLike<T>): Promise<T> {
  // Awaited inside: Prisma's promises are lazy and run the query when awaited.
  return rawAcknowledged.run(true, async () => await fn());
}

export function isRawSqlAcknowledged(): boolean {
  return rawAcknowledged.getStore() === true;
}

/** The client ids raw SQL must restrict to (null = no client restriction) in the current scope. */
export function currentClientIds(): readonly string[] | null {
  return storage.getStore()?.principal?.clientIds ?? null;
}
