import type { DomainDetailResponse, DomainPage, DomainResponse, ErrorResponse } from '@spfwatch/contracts';
import { ManualClock } from '../../src/common/clock';
import type { CreateDomainDto, UpdateDomainDto } from '../../src/modules/domains/dto/domain.dto';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';
import { createClientRow, createOtherOrganization, createSnapshotRow, UNKNOWN_ID } from './helpers';

const NOW = '2026-11-22T10:00:00.000Z';

let t: TestApp;
const clock = new ManualClock(NOW);
let acme: { id: string; name: string };
let globex: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetDatabase(t.prisma);
  clock.at(NOW);
  acme = await createClientRow(t.prisma, t.orgId, 'Acme');
  globex = await createClientRow(t.prisma, t.orgId, 'Globex');
});

async function create(body: CreateDomainDto): Promise<DomainResponse> {
  const res = await t.http.post('/api/domains').send(body).expect(201);
  return res.body as DomainResponse;
}

function issues(body: ErrorResponse): Array<{ path: string; message: string }> {
  return (body.details as { issues: Array<{ path: string; message: string }> }).issues;
}

describe('POST /api/domains', () => {
  it('normalises the name (case, trailing dot, IDN → A-label) and the tags, and makes the domain due now', async () => {
    const created = await create({ name: '  Bücher.Example. ', clientId: acme.id, tags: [' VIP ', 'eu', 'vip'], checkIntervalMinutes: 15 });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'xn--bcher-kva.example',
      client: { id: acme.id, name: 'Acme' },
      tags: ['vip', 'eu'],
      checkIntervalMinutes: 15,
      paused: false,
      status: 'unknown',
      lookupCount: null,
      lastCheckedAt: null,
      lastChangedAt: null,
      nextCheckAt: NOW,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    } satisfies DomainResponse);
    const row = await t.prisma.domain.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ organizationId: t.orgId, name: 'xn--bcher-kva.example', nextCheckAt: new Date(NOW), checkIntervalMinutes: 15 });
  });

  it('defaults: 60 minutes, not paused, no tags', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id, paused: true });
    expect(created).toMatchObject({ checkIntervalMinutes: 60, paused: true, tags: [] });
  });

  it('400 with the engine’s reason for an invalid name', async () => {
    for (const [name, reason] of [
      ['localhost', "'localhost' is not a fully qualified domain name (it has a single label)"],
      ['exa mple.com', "'exa mple.com' has an invalid label 'exa mple'"],
      ['192.0.2.1', "'192.0.2.1' looks like an IP address, not a domain name"],
    ]) {
      const res = await t.http.post('/api/domains').send({ name: name!, clientId: acme.id } satisfies CreateDomainDto).expect(400);
      expect(res.body).toMatchObject({ error: 'validation_failed', message: `Invalid request body: name: ${reason}` });
      expect(issues(res.body)).toEqual([{ path: 'name', message: reason }]);
    }
    expect(await t.prisma.domain.count()).toBe(0);
  });

  it('400 naming each bad field', async () => {
    const res = await t.http
      .post('/api/domains')
      .send({ name: 'example.com', clientId: 'acme', tags: ['a;b'], checkIntervalMinutes: 4, paused: 'yes', colour: 'red' })
      .expect(400);
    expect(issues(res.body).map((i) => i.path).sort()).toEqual(['', 'checkIntervalMinutes', 'clientId', 'paused', 'tags.0']);
    expect(issues(res.body).find((i) => i.path === 'checkIntervalMinutes')!.message).toBe('the check interval is at least 5 minutes');
    expect(issues(res.body).find((i) => i.path === 'tags.0')!.message).toBe('a tag cannot contain ";", "|" or ","');
    expect(issues(res.body).find((i) => i.path === '')!.message).toBe('Unknown field(s): colour');

    const week = await t.http.post('/api/domains').send({ name: 'example.com', clientId: acme.id, checkIntervalMinutes: 10_081 }).expect(400);
    expect(issues(week.body)).toEqual([{ path: 'checkIntervalMinutes', message: 'the check interval is at most 10080 minutes (a week)' }]);
    const missing = await t.http.post('/api/domains').send({}).expect(400);
    expect(issues(missing.body)).toEqual([
      { path: 'name', message: 'Required' },
      { path: 'clientId', message: 'Required' },
    ]);
  });

  it('400 on clientId when the client is unknown or belongs to another organization', async () => {
    const other = await createOtherOrganization(t.prisma);
    for (const clientId of [UNKNOWN_ID, other.clientId]) {
      const res = await t.http.post('/api/domains').send({ name: 'example.com', clientId } satisfies CreateDomainDto).expect(400);
      expect(issues(res.body)).toEqual([{ path: 'clientId', message: `No client ${clientId} in this organization` }]);
    }
  });

  it('409 when the organization already monitors the name, however it is spelled', async () => {
    const first = await create({ name: 'example.com', clientId: acme.id });
    const res = await t.http.post('/api/domains').send({ name: 'EXAMPLE.com.', clientId: globex.id } satisfies CreateDomainDto).expect(409);
    expect(res.body).toMatchObject({ error: 'conflict', message: 'example.com is already monitored (client Acme)', details: { existingId: first.id } });
  });

  it('the same name may be monitored by another organization', async () => {
    await createOtherOrganization(t.prisma); // monitors theirs.example
    await create({ name: 'theirs.example', clientId: acme.id });
  });
});

describe('GET /api/domains', () => {
  it('pages by name with the total', async () => {
    for (const name of ['c.example', 'a.example', 'b.example']) await create({ name, clientId: acme.id });
    await createOtherOrganization(t.prisma);
    const first = (await t.http.get('/api/domains?pageSize=2').expect(200)).body as DomainPage;
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((d) => d.name)).toEqual(['a.example', 'b.example']);
    const second = (await t.http.get('/api/domains?page=2&pageSize=2').expect(200)).body as DomainPage;
    expect(second.items.map((d) => d.name)).toEqual(['c.example']);
    expect((await t.http.get('/api/domains').expect(200)).body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
  });

  it('400 for bad paging', async () => {
    const res = await t.http.get('/api/domains?page=0&pageSize=500').expect(400);
    expect(issues(res.body).map((i) => i.path)).toEqual(['page', 'pageSize']);
  });
});

describe('GET /api/domains/:id', () => {
  it('returns the client and no latest snapshot before the first check', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id });
    const res = await t.http.get(`/api/domains/${created.id}`).expect(200);
    expect(res.body).toEqual({ ...created, latest: null } satisfies DomainDetailResponse);
  });

  it('summarises the latest snapshot (services as catalogue ids)', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id });
    const checkedAt = new Date('2026-11-22T11:00:00Z');
    const changedAt = new Date('2026-11-22T12:00:00Z');
    await createSnapshotRow(t.prisma, created.id, { lookupCount: 3, status: 'ok', firstSeenAt: checkedAt });
    const latestId = await createSnapshotRow(t.prisma, created.id, {
      lookupCount: 9,
      voidLookups: 1,
      status: 'warning',
      services: ['Google Workspace', 'sendgrid'],
      record: 'v=spf1 include:_spf.google.com include:sendgrid.net -all',
      firstSeenAt: changedAt,
    });
    await t.prisma.domain.update({ where: { id: created.id }, data: { latestSnapshotId: latestId, status: 'warning', lookupCount: 9, lastCheckedAt: changedAt, lastChangedAt: changedAt } });
    const res = await t.http.get(`/api/domains/${created.id}`).expect(200);
    expect(res.body).toMatchObject({
      status: 'warning',
      lookupCount: 9,
      latest: {
        snapshotId: latestId,
        status: 'warning',
        lookupCount: 9,
        voidLookups: 1,
        services: ['google-workspace', 'sendgrid'],
        record: 'v=spf1 include:_spf.google.com include:sendgrid.net -all',
        lastCheckedAt: changedAt.toISOString(),
        lastChangedAt: changedAt.toISOString(),
        firstSeenAt: changedAt.toISOString(),
      },
    } satisfies Partial<DomainDetailResponse>);
  });

  it('404 for an unknown id, a malformed id and another organization’s domain', async () => {
    const other = await createOtherOrganization(t.prisma);
    for (const id of [UNKNOWN_ID, 'not-a-uuid', other.domainId]) {
      const res = await t.http.get(`/api/domains/${id}`).expect(404);
      expect(res.body).toMatchObject({ error: 'not_found', message: `Domain ${id} not found` });
    }
  });
});

describe('PATCH /api/domains/:id', () => {
  it('replaces tags, pauses, and moves the domain to another client', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id, tags: ['old'] });
    const body = { tags: ['New', 'eu'], paused: true, clientId: globex.id } satisfies UpdateDomainDto;
    const res = await t.http.patch(`/api/domains/${created.id}`).send(body).expect(200);
    expect(res.body).toMatchObject({ tags: ['new', 'eu'], paused: true, client: { id: globex.id, name: 'Globex' }, nextCheckAt: NOW });
  });

  it('a shorter interval brings the next check forward; a longer one leaves it', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id, checkIntervalMinutes: 10_080 });
    const checked = new Date('2026-11-22T10:00:00Z');
    await t.prisma.domain.update({ where: { id: created.id }, data: { lastCheckedAt: checked, nextCheckAt: new Date('2026-11-29T10:00:00Z') } });
    const shorter = await t.http.patch(`/api/domains/${created.id}`).send({ checkIntervalMinutes: 5 } satisfies UpdateDomainDto).expect(200);
    expect(shorter.body).toMatchObject({ checkIntervalMinutes: 5, nextCheckAt: '2026-11-22T10:05:00.000Z' });
    const longer = await t.http.patch(`/api/domains/${created.id}`).send({ checkIntervalMinutes: 60 } satisfies UpdateDomainDto).expect(200);
    expect(longer.body).toMatchObject({ checkIntervalMinutes: 60, nextCheckAt: '2026-11-22T10:05:00.000Z' });
  });

  it('400 for an empty body, a bad interval or a foreign client; 404 for unknown or foreign domains', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id });
    const other = await createOtherOrganization(t.prisma);
    const empty = await t.http.patch(`/api/domains/${created.id}`).send({}).expect(400);
    expect(empty.body.message).toContain('give at least one of tags, checkIntervalMinutes, paused, clientId');
    const interval = await t.http.patch(`/api/domains/${created.id}`).send({ checkIntervalMinutes: 1.5 }).expect(400);
    expect(issues(interval.body).map((i) => i.path)).toEqual(['checkIntervalMinutes']);
    const name = await t.http.patch(`/api/domains/${created.id}`).send({ name: 'other.example' }).expect(400);
    expect(issues(name.body)).toContainEqual({ path: '', message: 'Unknown field(s): name' });
    const client = await t.http.patch(`/api/domains/${created.id}`).send({ clientId: other.clientId } satisfies UpdateDomainDto).expect(400);
    expect(issues(client.body)).toEqual([{ path: 'clientId', message: `No client ${other.clientId} in this organization` }]);
    await t.http.patch(`/api/domains/${UNKNOWN_ID}`).send({ paused: true } satisfies UpdateDomainDto).expect(404);
    await t.http.patch(`/api/domains/${other.domainId}`).send({ paused: true } satisfies UpdateDomainDto).expect(404);
    expect((await t.prisma.domain.findUniqueOrThrow({ where: { id: other.domainId } })).paused).toBe(false);
  });
});

describe('DELETE /api/domains/:id', () => {
  it('deletes the domain with its snapshots; a second delete is a 404', async () => {
    const created = await create({ name: 'example.com', clientId: acme.id });
    await createSnapshotRow(t.prisma, created.id, { lookupCount: 1, status: 'ok', firstSeenAt: new Date(NOW) });
    await t.http.delete(`/api/domains/${created.id}`).expect(204);
    expect(await t.prisma.domain.count()).toBe(0);
    expect(await t.prisma.snapshot.count()).toBe(0);
    await t.http.delete(`/api/domains/${created.id}`).expect(404);
  });

  it('404 for another organization’s domain, which stays', async () => {
    const other = await createOtherOrganization(t.prisma);
    await t.http.delete(`/api/domains/${other.domainId}`).expect(404);
    expect(await t.prisma.domain.count({ where: { id: other.domainId } })).toBe(1);
  });
});
