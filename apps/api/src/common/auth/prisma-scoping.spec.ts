import { AppError } from '../errors';
import { clientScopeSql, type DataScope, SCOPED_MODELS, schemaRelationGraph, scopeQueryArgs, ScopeViolationError } from './prisma-scoping';
import { runInScope } from './request-scope';

const graph = schemaRelationGraph();
const ORG = 'org-1';
const staff: DataScope = { organizationId: ORG, clientIds: null };
const viewer: DataScope = { organizationId: ORG, clientIds: ['c1', 'c2'] };

describe('relation graph (from prisma/schema.prisma)', () => {
  it('knows targets and list-ness', () => {
    expect(graph.get('Domain')?.get('snapshots')).toEqual({ target: 'Snapshot', list: true });
    expect(graph.get('Snapshot')?.get('domain')).toEqual({ target: 'Domain', list: false });
    expect(graph.get('ProviderEvent')?.get('domains')).toEqual({ target: 'ProviderEventDomain', list: true });
    expect(graph.get('Organization')?.get('clients')).toEqual({ target: 'Client', list: true });
  });

  it('every single (to-one) relation from an unscoped model into a tenant model is one the extension refuses in client scope — listed here, so a new one is a decision', () => {
    const toOne: string[] = [];
    for (const [model, fields] of graph) {
      if (model in SCOPED_MODELS) continue;
      for (const [field, relation] of fields) if (!relation.list && relation.target in SCOPED_MODELS) toOne.push(`${model}.${field}`);
    }
    expect(toOne.sort()).toEqual(['MembershipClient.client', 'Organization.reportSchedule']);
  });
});

describe('scopeQueryArgs', () => {
  it('adds the organization to tenant reads, and the clients for client-scoped callers', () => {
    expect(scopeQueryArgs(graph, 'Domain', 'findMany', { where: { name: 'a.example' } }, staff)).toEqual({ where: { name: 'a.example', AND: [{ organizationId: ORG }] } });
    expect(scopeQueryArgs(graph, 'Domain', 'count', undefined, viewer)).toEqual({ where: { AND: [{ organizationId: ORG, clientId: { in: ['c1', 'c2'] } }] } });
    expect(scopeQueryArgs(graph, 'Client', 'findMany', {}, viewer)).toEqual({ where: { AND: [{ organizationId: ORG, id: { in: ['c1', 'c2'] } }] } });
    expect(scopeQueryArgs(graph, 'Snapshot', 'findFirst', { where: { id: 's' } }, viewer)?.where).toEqual({
      id: 's',
      AND: [{ domain: { organizationId: ORG, clientId: { in: ['c1', 'c2'] } } }],
    });
  });

  it('keeps a findUnique/update unique key at the top and existing AND conditions', () => {
    expect(scopeQueryArgs(graph, 'Domain', 'findUnique', { where: { id: 'd', AND: { paused: false } } }, staff)?.where).toEqual({ id: 'd', AND: [{ paused: false }, { organizationId: ORG }] });
    expect(scopeQueryArgs(graph, 'Domain', 'update', { where: { id: 'd' }, data: { paused: true } }, staff)).toEqual({ where: { id: 'd', AND: [{ organizationId: ORG }] }, data: { paused: true } });
  });

  it('gives client-scoped callers their clients\' reports and nothing of the notification settings', () => {
    expect(scopeQueryArgs(graph, 'Report', 'findMany', {}, viewer)?.where).toEqual({ AND: [{ organizationId: ORG, clientId: { in: ['c1', 'c2'] } }] });
    expect(scopeQueryArgs(graph, 'NotificationChannel', 'findMany', {}, viewer)?.where).toEqual({ AND: [{ organizationId: ORG, id: { in: [] } }] });
    expect(scopeQueryArgs(graph, 'NotificationChannel', 'findMany', {}, staff)?.where).toEqual({ AND: [{ organizationId: ORG }] });
  });

  it('an empty client list sees nothing (never everything)', () => {
    expect(scopeQueryArgs(graph, 'Domain', 'findMany', {}, { organizationId: ORG, clientIds: [] })?.where).toEqual({ AND: [{ organizationId: ORG, clientId: { in: [] } }] });
  });

  it('refuses tenant writes in client scope and creates for another organization', () => {
    for (const operation of ['create', 'createMany', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany']) {
      expect(() => scopeQueryArgs(graph, 'Alert', operation, { where: { id: 'a' }, data: {} }, viewer)).toThrow(AppError);
    }
    expect(() => scopeQueryArgs(graph, 'Client', 'create', { data: { organizationId: 'org-2', name: 'x' } }, staff)).toThrow(ScopeViolationError);
    expect(() => scopeQueryArgs(graph, 'Client', 'createMany', { data: [{ organizationId: ORG }, { organizationId: 'org-2' }] }, staff)).toThrow(ScopeViolationError);
    expect(scopeQueryArgs(graph, 'Client', 'create', { data: { organizationId: ORG, name: 'x' } }, staff)).toEqual({ data: { organizationId: ORG, name: 'x' } });
    // Models outside the tenant data are not touched (sessions, audit …).
    expect(scopeQueryArgs(graph, 'AuditEvent', 'create', { data: { action: 'x' } }, viewer)).toEqual({ data: { action: 'x' } });
  });

  it('filters relations read from unscoped models (provider events, organizations), counts included', () => {
    const args = {
      where: { id: 'pe' },
      select: { id: true, domains: { select: { domain: { select: { name: true } } } }, _count: { select: { domains: true } } },
    };
    const staffArgs = scopeQueryArgs(graph, 'ProviderEvent', 'findFirst', args, staff);
    // Provider events are fleet-wide for staff, but the linked domains are their organization's only.
    expect(staffArgs?.where).toEqual({ id: 'pe' });
    expect(staffArgs?.select).toEqual({
      id: true,
      domains: { select: { domain: { select: { name: true } } }, where: { AND: [{ domain: { organizationId: ORG } }] } },
      _count: { select: { domains: { where: { AND: [{ domain: { organizationId: ORG } }] } } } },
    });
    const viewerArgs = scopeQueryArgs(graph, 'ProviderEvent', 'findMany', args, viewer);
    expect(viewerArgs?.where).toEqual({ id: 'pe', AND: [{ domains: { some: { domain: { organizationId: ORG, clientId: { in: ['c1', 'c2'] } } } } }] });
    expect(scopeQueryArgs(graph, 'Organization', 'findUnique', { where: { id: ORG }, include: { domains: true } }, viewer)).toEqual({
      where: { id: ORG },
      include: { domains: { where: { AND: [{ organizationId: ORG, clientId: { in: ['c1', 'c2'] } }] } } },
    });
    // The input is not changed (selections are often shared constants).
    expect(args.select.domains).toEqual({ select: { domain: { select: { name: true } } } });
  });

  it('walks nested selections through unscoped models back into tenant ones', () => {
    const args = { select: { providerEvents: { select: { providerEvent: { select: { domains: true } } } } } };
    expect(scopeQueryArgs(graph, 'Domain', 'findMany', args, viewer)?.select).toEqual({
      providerEvents: { select: { providerEvent: { select: { domains: { where: { AND: [{ domain: { organizationId: ORG, clientId: { in: ['c1', 'c2'] } } }] } } } } } },
    });
  });

  it('refuses, in client scope, a to-one read into a tenant model it cannot filter and a bare _count', () => {
    expect(() => scopeQueryArgs(graph, 'MembershipClient', 'findMany', { include: { client: true } }, viewer)).toThrow(ScopeViolationError);
    expect(() => scopeQueryArgs(graph, 'ProviderEvent', 'findMany', { include: { _count: true } }, viewer)).toThrow(ScopeViolationError);
    expect(scopeQueryArgs(graph, 'MembershipClient', 'findMany', { include: { client: true } }, staff)).toEqual({ include: { client: true } });
  });
});

describe('clientScopeSql', () => {
  const principal = (clientIds: string[] | null) => ({
    principal: { via: 'token' as const, organizationId: ORG, role: 'client_viewer' as const, clientIds, actor: { type: 'token' as const, id: 't', label: 't' }, userId: null, sessionId: null, tokenId: 't' },
    ip: null,
    userAgent: null,
  });

  it('is empty unless the caller is client-scoped', () => {
    expect(clientScopeSql('d.client_id').strings.join('')).toBe('');
    expect(runInScope(principal(null), () => clientScopeSql('d.client_id').strings.join(''))).toBe('');
    const sql = runInScope(principal(['c1']), () => clientScopeSql('d.client_id'));
    expect(sql.text).toBe(' AND d.client_id = ANY($1::uuid[])');
    expect(sql.values).toEqual([['c1']]);
    expect(() => clientScopeSql('d.client_id; DROP TABLE x')).toThrow();
  });
});
