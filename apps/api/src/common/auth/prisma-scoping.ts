import { readFileSync } from 'node:fs';
import { Prisma, type PrismaClient, SCHEMA_PATH } from '@spfwatch/db';
import { AppError } from '../errors';
import { currentScope, isRawSqlAcknowledged } from './request-scope';

/**
 * Repository scoping in ONE place: a Prisma client extension that, inside an authenticated
 * request (the AsyncLocalStorage scope), adds the caller's organization — and, for client
 * viewers and client-scoped tokens, their clients — to every query on the tenant models,
 * including relations read through `select`/`include` from models that are not scoped
 * themselves, refuses client-scoped writes, and refuses raw SQL in client scope unless the
 * repository applied `clientScopeSql()` inside `rawSqlScopedByCaller()`.
 *
 * Outside requests (workers, cron, start-up) and on public routes there is no principal and
 * queries run as written: repositories still take the organization id and filter by it
 * (the extension is the second lock, and the only one for client scoping).
 */

export interface DataScope {
  organizationId: string;
  /** null = the whole organization; otherwise only these clients (`[]` = nothing). */
  clientIds: readonly string[] | null;
}

type Where = Record<string, unknown>;

const inList = (ids: readonly string[]) => ({ in: [...ids] });

function domainWhere(scope: DataScope): Where {
  return scope.clientIds ? { organizationId: scope.organizationId, clientId: inList(scope.clientIds) } : { organizationId: scope.organizationId };
}

/** The organization's rows; none at all for a client-scoped caller. */
function agencyOnly(scope: DataScope): Where {
  return scope.clientIds ? { organizationId: scope.organizationId, id: { in: [] } } : { organizationId: scope.organizationId };
}

/** The row filter of each tenant model (its rows belong to one organization and one client). */
export const SCOPED_MODELS: Readonly<Record<string, (scope: DataScope) => Where>> = {
  Client: (s) => (s.clientIds ? { organizationId: s.organizationId, id: inList(s.clientIds) } : { organizationId: s.organizationId }),
  Domain: domainWhere,
  Snapshot: (s) => ({ domain: domainWhere(s) }),
  CheckRun: (s) => ({ domain: domainWhere(s) }),
  Alert: (s) => (s.clientIds ? { organizationId: s.organizationId, domain: { clientId: inList(s.clientIds) } } : { organizationId: s.organizationId }),
  AlertPolicy: (s) =>
    s.clientIds
      ? { organizationId: s.organizationId, OR: [{ clientId: null, domainId: null }, { clientId: inList(s.clientIds) }, { domain: { clientId: inList(s.clientIds) } }] }
      : { organizationId: s.organizationId },
  ProviderEventDomain: (s) => ({ domain: domainWhere(s) }),
  /** A client's compliance reports: the portal shows a client viewer their clients' reports. */
  Report: (s) => (s.clientIds ? { organizationId: s.organizationId, clientId: inList(s.clientIds) } : { organizationId: s.organizationId }),
  // Notification settings and deliveries are the agency's: nothing of them for client-scoped callers.
  NotificationChannel: agencyOnly,
  Notification: agencyOnly,
  NotificationOutbox: agencyOnly,
  NotificationAttempt: (s) => ({ notification: agencyOnly(s) }),
  ReportSchedule: (s) => ({ organizationId: s.clientIds ? { in: [] } : s.organizationId }),
};

/**
 * Provider events are fleet-wide (a shared include's change, across organizations): staff
 * queries run as written (the check pipeline must find events of other organizations); a
 * client-scoped caller sees only events that touched its clients' domains.
 */
const CLIENT_SCOPE_ONLY: Readonly<Record<string, (scope: DataScope) => Where>> = {
  ProviderEvent: (s) => ({ domains: { some: { domain: domainWhere(s) } } }),
};

function filterFor(model: string, scope: DataScope): Where | undefined {
  return SCOPED_MODELS[model]?.(scope) ?? (scope.clientIds ? CLIENT_SCOPE_ONLY[model]?.(scope) : undefined);
}

/** Relation fields: model → field → target model and whether it is a list. */
export type RelationGraph = ReadonlyMap<string, ReadonlyMap<string, { target: string; list: boolean }>>;

/** Reads the relation fields of every model from schema.prisma text. */
export function relationGraphOf(schema: string): RelationGraph {
  const blocks = [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map((m) => ({ name: m[1]!, body: m[2]! }));
  const models = new Set(blocks.map((b) => b.name));
  const graph = new Map<string, Map<string, { target: string; list: boolean }>>();
  for (const { name, body } of blocks) {
    const fields = new Map<string, { target: string; list: boolean }>();
    for (const line of body.split('\n')) {
      const match = /^\s*(\w+)\s+(\w+)(\[\])?\??(\s|$)/.exec(line);
      if (match && models.has(match[2]!)) fields.set(match[1]!, { target: match[2]!, list: match[3] === '[]' });
    }
    graph.set(name, fields);
  }
  return graph;
}

let schemaGraph: RelationGraph | undefined;
/** The relation graph of prisma/schema.prisma (read once). */
export function schemaRelationGraph(): RelationGraph {
  schemaGraph ??= relationGraphOf(readFileSync(SCHEMA_PATH, 'utf8'));
  return schemaGraph;
}

const READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy']);
const WHERE_WRITES = new Set(['update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany', 'upsert']);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);

export class ScopeViolationError extends Error {
  override readonly name = 'ScopeViolationError' as const;
}

function andWhere(where: unknown, extra: Where): Where {
  const base = (where ?? {}) as Where;
  const existing = base.AND === undefined ? [] : Array.isArray(base.AND) ? base.AND : [base.AND];
  // Spread keeps a findUnique/update's unique field at the top level (extended where-unique).
  return { ...base, AND: [...existing, extra] };
}

/**
 * Adds the scope's filters to the relations a query reads (`select`, `include`, `_count`),
 * walking down nested selections. A relation into a tenant model needs a filter only when it
 * leaves a model that is not scoped (Organization, ProviderEvent …): within tenant models,
 * relations never cross a client. Returns new objects (selections are often shared constants).
 */
function scopeSelection(graph: RelationGraph, model: string, args: Where, scope: DataScope): Where {
  let out = args;
  for (const key of ['select', 'include'] as const) {
    const selection = args[key];
    if (!selection || typeof selection !== 'object') continue;
    const next: Where = {};
    let changed = false;
    for (const [field, value] of Object.entries(selection as Where)) {
      let scoped = value;
      if (field === '_count') scoped = scopeCount(graph, model, value, scope);
      else {
        const relation = graph.get(model)?.get(field);
        if (relation && value) scoped = scopeRelation(graph, model, field, relation, value, scope);
      }
      if (scoped !== value) changed = true;
      next[field] = scoped;
    }
    if (changed) out = { ...out, [key]: next };
  }
  return out;
}

function scopeRelation(graph: RelationGraph, model: string, field: string, relation: { target: string; list: boolean }, value: unknown, scope: DataScope): unknown {
  const filter = model in SCOPED_MODELS ? undefined : filterFor(relation.target, scope);
  const original: Where = value === true ? {} : (value as Where);
  let nested = original;
  if (filter) {
    if (relation.list) nested = { ...nested, where: andWhere(nested.where, filter) };
    else if (scope.clientIds) throw new ScopeViolationError(`${model}.${field} reads a ${relation.target} that cannot be scoped to clients: not allowed for client-scoped callers`);
  }
  nested = scopeSelection(graph, relation.target, nested, scope);
  return nested === original ? value : nested;
}

function scopeCount(graph: RelationGraph, model: string, value: unknown, scope: DataScope): unknown {
  if (model in SCOPED_MODELS) return value;
  const lists = [...(graph.get(model) ?? new Map()).entries()].filter(([, r]) => r.list && filterFor(r.target, scope));
  if (lists.length === 0) return value;
  if (value === true) throw new ScopeViolationError(`${model}: count relations with _count: { select: { … } } in scoped requests`);
  const select = (value as { select?: Where } | undefined)?.select;
  if (!select) return value;
  const next: Where = {};
  for (const [field, count] of Object.entries(select)) {
    const relation = graph.get(model)?.get(field);
    const filter = relation ? filterFor(relation.target, scope) : undefined;
    next[field] = filter && count ? { ...(count === true ? {} : (count as Where)), where: andWhere(count === true ? undefined : (count as Where).where, filter) } : count;
  }
  return { ...(value as Where), select: next };
}

function createsInOtherOrganization(args: Where, scope: DataScope): boolean {
  const data = args.data;
  const rows = Array.isArray(data) ? data : [data];
  return rows.some((row) => {
    const organizationId = (row as Where | undefined)?.organizationId;
    return typeof organizationId === 'string' && organizationId !== scope.organizationId;
  });
}

/** The arguments a model query runs with under `scope` (exported for unit tests). */
export function scopeQueryArgs(graph: RelationGraph, model: string, operation: string, args: Where | undefined, scope: DataScope): Where | undefined {
  const filter = filterFor(model, scope);
  const isWrite = WHERE_WRITES.has(operation) || CREATES.has(operation);
  if (isWrite && filter && scope.clientIds) {
    throw new AppError('forbidden', 'Read-only access: client viewers and client-scoped tokens cannot change data');
  }
  let out = args ?? {};
  if (filter && (READS.has(operation) || WHERE_WRITES.has(operation))) out = { ...out, where: andWhere(out.where, filter) };
  if (filter && CREATES.has(operation) && createsInOtherOrganization(out, scope)) {
    throw new ScopeViolationError(`${model}.${operation} for another organization than the caller's`);
  }
  return scopeSelection(graph, model, out, scope);
}

function dataScope(): DataScope | null {
  const principal = currentScope()?.principal;
  return principal ? { organizationId: principal.organizationId, clientIds: principal.clientIds } : null;
}

function assertRawAllowed(): void {
  if (dataScope()?.clientIds && !isRawSqlAcknowledged()) {
    throw new ScopeViolationError('Raw SQL in a client-scoped request: filter with clientScopeSql() inside rawSqlScopedByCaller()');
  }
}

/**
 * SQL to append to a raw query's WHERE so it keeps only the caller's clients:
 * `AND d.client_id = ANY(…)` for a client-scoped caller, nothing otherwise. `column` is a
 * trusted identifier (`d.client_id`). Use inside `rawSqlScopedByCaller()`.
 */
export function clientScopeSql(column: string): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(column)) throw new Error(`Not a column reference: ${column}`);
  const clientIds = dataScope()?.clientIds;
  if (!clientIds) return Prisma.empty;
  return Prisma.sql` AND ${Prisma.raw(column)} = ANY(${[...clientIds]}::uuid[])`;
}

/** PrismaService's client with the request scoping (see the top of this file). */
export function withRequestScoping<T extends PrismaClient>(client: T, graph: RelationGraph = schemaRelationGraph()): T {
  return client.$extends({
    name: 'spfwatch-request-scoping',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const scope = dataScope();
          if (!scope) return query(args);
          return query(scopeQueryArgs(graph, model, operation, args as Where | undefined, scope) as typeof args);
        },
      },
      $queryRaw({ args, query }) {
        assertRawAllowed();
        return query(args);
      },
      $executeRaw({ args, query }) {
        assertRawAllowed();
        return query(args);
      },
      $queryRawUnsafe({ args, query }) {
        assertRawAllowed();
        return query(args);
      },
      $executeRawUnsafe({ args, query }) {
        assertRawAllowed();
        return query(args);
      },
    },
  }) as unknown as T;
}
