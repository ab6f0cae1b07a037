import { fleetDomainsQuerySchema } from '@spfwatch/contracts';
import { buildDomainOrderBy, buildDomainWhere, escapeLike } from './fleet-filters';

const ORG = '00000000-0000-7000-8000-0000000000aa';
const CLIENT = '00000000-0000-7000-8000-0000000000bb';

describe('buildDomainWhere', () => {
  it('always scopes by organization, and adds nothing else without filters', () => {
    expect(buildDomainWhere(ORG, {})).toEqual({ organizationId: ORG });
  });

  it('combines every filter', () => {
    expect(buildDomainWhere(ORG, { search: ' Shop ', clientId: CLIENT, status: 'broken', tag: 'vip', paused: false, services: ['google-workspace', 'Google Workspace'] })).toEqual({
      organizationId: ORG,
      OR: [{ name: { contains: 'shop', mode: 'insensitive' } }],
      clientId: CLIENT,
      status: 'broken',
      tags: { has: 'vip' },
      paused: false,
      latestSnapshot: { is: { services: { hasSome: ['google-workspace', 'Google Workspace'] } } },
    });
  });

  it('also searches the A-label form of a non-ASCII search', () => {
    expect(buildDomainWhere(ORG, { search: 'Bücher' }).OR).toEqual([
      { name: { contains: 'bücher', mode: 'insensitive' } },
      { name: { contains: 'xn--bcher-kva', mode: 'insensitive' } },
    ]);
  });

  it('escapes LIKE wildcards so they match literally', () => {
    expect(buildDomainWhere(ORG, { search: 'a_b%c\\' }).OR).toEqual([{ name: { contains: 'a\\_b\\%c\\\\', mode: 'insensitive' } }]);
    expect(escapeLike('100%_off')).toBe('100\\%\\_off');
  });

  it('ignores a blank search and an empty service list', () => {
    expect(buildDomainWhere(ORG, { search: '   ', services: [] })).toEqual({ organizationId: ORG });
  });

  it('keeps paused=true', () => {
    expect(buildDomainWhere(ORG, { paused: true })).toEqual({ organizationId: ORG, paused: true });
  });
});

describe('buildDomainOrderBy', () => {
  it('sorts by name, or by the field then by name, never-checked last', () => {
    expect(buildDomainOrderBy('name', 'desc')).toEqual([{ name: 'desc' }]);
    expect(buildDomainOrderBy('lookupCount', 'desc')).toEqual([{ lookupCount: { sort: 'desc', nulls: 'last' } }, { name: 'asc' }]);
    expect(buildDomainOrderBy('lastChangedAt', 'asc')).toEqual([{ lastChangedAt: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }]);
    expect(buildDomainOrderBy('status', 'asc')).toEqual([{ status: 'asc' }, { name: 'asc' }]);
  });
});

describe('fleetDomainsQuerySchema', () => {
  it('has defaults and coerces the query strings', () => {
    expect(fleetDomainsQuerySchema.parse({})).toEqual({ sort: 'name', order: 'asc', page: 1, pageSize: 50 });
    expect(fleetDomainsQuerySchema.parse({ page: '3', pageSize: '200', paused: 'true', tag: 'VIP', sort: 'lookupCount', order: 'desc' })).toEqual({
      page: 3,
      pageSize: 200,
      paused: true,
      tag: 'vip',
      sort: 'lookupCount',
      order: 'desc',
    });
  });

  it('refuses pageSize over 200, unknown sorts and statuses, and a malformed clientId', () => {
    for (const bad of [{ pageSize: '201' }, { sort: 'created' }, { status: 'fine' }, { clientId: 'acme' }, { page: '0' }]) {
      expect(fleetDomainsQuerySchema.safeParse(bad).success).toBe(false);
    }
  });
});
