import type { ClientList, ClientResponse, ErrorResponse, OrganizationResponse } from '@spfwatch/contracts';
import type { CreateClientDto, UpdateClientDto } from '../../src/modules/organizations/dto/client.dto';
import type { UpdateOrganizationDto } from '../../src/modules/organizations/dto/organization.dto';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetDatabase(t.prisma);
});

async function createClient(body: CreateClientDto): Promise<ClientResponse> {
  const res = await t.http.post('/api/clients').send(body).expect(201);
  return res.body as ClientResponse;
}

async function addDomains(clientId: string, statuses: ('ok' | 'warning' | 'broken' | 'unknown')[]): Promise<void> {
  await t.prisma.domain.createMany({
    data: statuses.map((status, index) => ({
      organizationId: t.orgId,
      clientId,
      name: `d${index}-${clientId.slice(-6)}.example`,
      status,
    })),
  });
}

describe('organization', () => {
  it('GET /api/organization returns the default organization', async () => {
    const res = await t.http.get('/api/organization').expect(200);
    expect(res.body).toEqual({ id: t.orgId, name: 'Default organization', slug: 'default', timeZone: 'UTC' } satisfies OrganizationResponse);
  });

  it('PATCH renames it and changes the time zone', async () => {
    const body = { name: 'Acme Agency', timeZone: 'Europe/Paris' } satisfies UpdateOrganizationDto;
    const res = await t.http.patch('/api/organization').send(body).expect(200);
    expect(res.body).toMatchObject({ id: t.orgId, name: 'Acme Agency', timeZone: 'Europe/Paris', slug: 'default' });
    expect((await t.http.get('/api/organization')).body.timeZone).toBe('Europe/Paris');
  });

  it('PATCH refuses an unknown time zone, an empty name and an empty body', async () => {
    const zone = await t.http.patch('/api/organization').send({ timeZone: 'Mars/Olympus_Mons' } satisfies UpdateOrganizationDto).expect(400);
    expect(zone.body).toMatchObject({ error: 'validation_failed', details: { issues: [{ path: 'timeZone', message: expect.stringContaining('Unknown time zone') }] } });
    const name = await t.http.patch('/api/organization').send({ name: '  ' }).expect(400);
    expect(name.body.details.issues).toEqual([{ path: 'name', message: 'Must not be empty' }]);
    const empty = await t.http.patch('/api/organization').send({}).expect(400);
    expect(empty.body.message).toContain('Nothing to update');
    expect((await t.http.get('/api/organization')).body.timeZone).toBe('UTC');
  });
});

describe('clients', () => {
  it('creates, reads, lists, updates and deletes a client', async () => {
    const created = await createClient({ name: '  Acme Corp ', notes: 'Main retainer' });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Acme Corp',
      notes: 'Main retainer',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      domainCounts: { total: 0, ok: 0, warning: 0, broken: 0, unknown: 0 },
    } satisfies ClientResponse);

    expect((await t.http.get(`/api/clients/${created.id}`).expect(200)).body).toEqual(created);

    const renamed = await t.http
      .patch(`/api/clients/${created.id}`)
      .send({ name: 'Acme Inc', notes: null } satisfies UpdateClientDto)
      .expect(200);
    expect(renamed.body).toMatchObject({ id: created.id, name: 'Acme Inc', notes: null });

    await t.http.delete(`/api/clients/${created.id}`).expect(204);
    await t.http.get(`/api/clients/${created.id}`).expect(404);
  });

  it('lists clients by name with domain counts by status', async () => {
    const zeta = await createClient({ name: 'Zeta' });
    const alpha = await createClient({ name: 'Alpha' });
    await createClient({ name: 'Mid' });
    await addDomains(alpha.id, ['ok', 'ok', 'warning', 'broken', 'unknown', 'unknown', 'unknown']);
    await addDomains(zeta.id, ['broken']);

    const res = await t.http.get('/api/clients').expect(200);
    const list = res.body as ClientList;
    expect(list.total).toBe(3);
    expect(list.items.map((client) => client.name)).toEqual(['Alpha', 'Mid', 'Zeta']);
    expect(list.items[0]?.domainCounts).toEqual({ total: 7, ok: 2, warning: 1, broken: 1, unknown: 3 });
    expect(list.items[1]?.domainCounts).toEqual({ total: 0, ok: 0, warning: 0, broken: 0, unknown: 0 });
    expect(list.items[2]?.domainCounts).toEqual({ total: 1, ok: 0, warning: 0, broken: 1, unknown: 0 });
    expect((await t.http.get(`/api/clients/${alpha.id}`)).body.domainCounts.total).toBe(7);
  });

  it('only sees clients of its own organization', async () => {
    const other = await t.prisma.organization.create({ data: { name: 'Other agency', slug: 'other' } });
    const foreign = await t.prisma.client.create({ data: { organizationId: other.id, name: 'Foreign' } });
    await createClient({ name: 'Mine' });

    expect((await t.http.get('/api/clients')).body.items.map((c: ClientResponse) => c.name)).toEqual(['Mine']);
    await t.http.get(`/api/clients/${foreign.id}`).expect(404);
    await t.http.patch(`/api/clients/${foreign.id}`).send({ name: 'Stolen' } satisfies UpdateClientDto).expect(404);
    await t.http.delete(`/api/clients/${foreign.id}`).expect(404);
    expect(await t.prisma.client.findUnique({ where: { id: foreign.id } })).toMatchObject({ name: 'Foreign' });
    // A name taken in another organization is free here.
    await createClient({ name: 'Foreign' });
  });

  it('400 with a field message when the name is missing, empty, too long or not a string', async () => {
    const missing = await t.http.post('/api/clients').send({ notes: 'x' }).expect(400);
    expect(missing.body).toEqual({
      error: 'validation_failed',
      message: 'Invalid request body: name: Required',
      details: { issues: [{ path: 'name', message: 'Required' }] },
      correlationId: expect.any(String),
    } satisfies ErrorResponse);

    const empty = await t.http.post('/api/clients').send({ name: '   ' }).expect(400);
    expect(empty.body.details.issues).toEqual([{ path: 'name', message: 'Must not be empty' }]);

    const long = await t.http.post('/api/clients').send({ name: 'x'.repeat(201) }).expect(400);
    expect(long.body.details.issues).toEqual([{ path: 'name', message: 'At most 200 characters' }]);

    const wrongType = await t.http.post('/api/clients').send({ name: 42, notes: ['a'] }).expect(400);
    expect(wrongType.body.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['name', 'notes']);

    const extra = await t.http.post('/api/clients').send({ name: 'Ok', colour: 'red' }).expect(400);
    expect(extra.body.details.issues).toEqual([{ path: '', message: 'Unknown field(s): colour' }]);

    const noBody = await t.http.post('/api/clients').expect(400);
    expect(noBody.body.details.issues).toEqual([{ path: 'name', message: 'Required' }]);

    expect((await t.http.get('/api/clients')).body.total).toBe(0);
  });

  it('409 on a duplicate name, case-insensitively, on create and rename', async () => {
    const acme = await createClient({ name: 'Acme' });
    const dup = await t.http.post('/api/clients').send({ name: 'ACME' } satisfies CreateClientDto).expect(409);
    expect(dup.body).toMatchObject({ error: 'conflict', message: 'A client named "Acme" already exists', details: { existingId: acme.id } });

    const beta = await createClient({ name: 'Beta' });
    await t.http.patch(`/api/clients/${beta.id}`).send({ name: 'acme' } satisfies UpdateClientDto).expect(409);
    // Renaming a client to its own name (another case) is fine.
    await t.http.patch(`/api/clients/${acme.id}`).send({ name: 'ACME' } satisfies UpdateClientDto).expect(200);
  });

  it('404 for an unknown or malformed id on every :id route', async () => {
    for (const id of [UNKNOWN_ID, 'not-a-uuid', '1']) {
      const get = await t.http.get(`/api/clients/${id}`).expect(404);
      expect(get.body).toMatchObject({ error: 'not_found', message: `Client ${id} not found` });
      await t.http.patch(`/api/clients/${id}`).send({ name: 'X' } satisfies UpdateClientDto).expect(404);
      await t.http.delete(`/api/clients/${id}`).expect(404);
    }
  });

  it('PATCH with nothing to update is a 400', async () => {
    const client = await createClient({ name: 'Acme' });
    const res = await t.http.patch(`/api/clients/${client.id}`).send({}).expect(400);
    expect(res.body.message).toContain('Nothing to update');
  });

  it('DELETE refuses a client with domains (409) unless force=true, which deletes them too', async () => {
    const client = await createClient({ name: 'Acme' });
    await addDomains(client.id, ['ok', 'broken']);

    const refused = await t.http.delete(`/api/clients/${client.id}`).expect(409);
    expect(refused.body).toMatchObject({ error: 'conflict', details: { domainCount: 2 } });
    expect(refused.body.message).toContain('still has 2 domain(s)');
    await t.http.delete(`/api/clients/${client.id}?force=false`).expect(409);
    await t.http.delete(`/api/clients/${client.id}?force=yes`).expect(400);

    await t.http.delete(`/api/clients/${client.id}?force=true`).expect(204);
    expect(await t.prisma.domain.count({ where: { clientId: client.id } })).toBe(0);
    await t.http.get(`/api/clients/${client.id}`).expect(404);
  });
});
