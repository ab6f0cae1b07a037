import type { ApiTokenList, CreatedApiTokenResponse, CreateTokenInput } from '@spfwatch/contracts';
import { ManualClock } from '../../src/common/clock';
import { createTestApp, loginAs, resetDatabase, type TestApp, tokenAgent } from '../support/app';

let t: TestApp;
const clock = new ManualClock('2026-05-04T08:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  clock.at('2026-05-04T08:00:00.000Z');
  await resetDatabase(t.prisma);
});

async function create(body: CreateTokenInput): Promise<CreatedApiTokenResponse> {
  return (await t.http.post('/api/tokens').send(body).expect(201)).body as CreatedApiTokenResponse;
}

describe('API tokens', () => {
  it('are shown once, stored hashed, work as Bearer without CSRF, record last use, and stop at once when revoked', async () => {
    const created = await create({ name: 'CI', role: 'admin' });
    expect(created.token).toMatch(/^spfw_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'CI', role: 'admin', prefix: created.token.slice(0, 13), lastUsedAt: null, revokedAt: null, createdBy: { id: t.ownerId } });
    const row = await t.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(created.token);

    const bot = tokenAgent(t.app, created.token);
    clock.advance(5_000);
    // A state-changing request with no cookie and no CSRF header: fine for a token.
    await bot.post('/api/clients').send({ name: 'Made by CI' }).expect(201);
    const list = (await t.http.get('/api/tokens').expect(200)).body as ApiTokenList;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: created.id, prefix: created.prefix, lastUsedAt: clock.now().toISOString() });
    expect(JSON.stringify(list)).not.toContain(created.token);

    const revoked = await t.http.delete(`/api/tokens/${created.id}`).expect(200);
    expect(revoked.body.revokedAt).toBe(clock.now().toISOString());
    const refused = await bot.get('/api/clients').expect(401);
    expect(refused.body.message).toBe('Unknown, revoked or expired API token');
    // Idempotent.
    await t.http.delete(`/api/tokens/${created.id}`).expect(200);
  });

  it('expire when asked to', async () => {
    const created = await create({ name: 'Temp', role: 'member', expiresInDays: 1 });
    const bot = tokenAgent(t.app, created.token);
    await bot.get('/api/domains').expect(200);
    clock.advance(86_400_000);
    await bot.get('/api/domains').expect(401);
  });

  it('refuse malformed and unknown tokens, and a bad Authorization header', async () => {
    await tokenAgent(t.app, 'spfw_short').get('/api/clients').expect(401);
    await tokenAgent(t.app, `spfw_${'x'.repeat(43)}`).get('/api/clients').expect(401);
    const basic = await t.anonymous.get('/api/clients').set('Authorization', 'Basic dTpw').expect(401);
    expect(basic.body.message).toContain('Bearer');
  });

  it('a client_viewer token needs its clients and sees only them; a token never outranks its creator', async () => {
    const acme = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    await t.http.post('/api/clients').send({ name: 'Globex' }).expect(201);
    const missing = await t.http.post('/api/tokens').send({ name: 'Portal', role: 'client_viewer' }).expect(400);
    expect(missing.body.details.issues).toEqual([{ path: 'clientIds', message: 'A client_viewer needs at least one client' }]);
    await t.http.post('/api/tokens').send({ name: 'Bad', role: 'member', clientIds: [acme] }).expect(400);
    await t.http.post('/api/tokens').send({ name: 'Owner', role: 'owner' }).expect(400);
    await t.http.post('/api/tokens').send({ name: 'Ghost', role: 'client_viewer', clientIds: ['01900000-0000-7000-8000-000000000000'] }).expect(400);

    const portal = await create({ name: 'Portal', role: 'client_viewer', clientIds: [acme] });
    const clients = (await tokenAgent(t.app, portal.token).get('/api/clients').expect(200)).body;
    expect(clients.items.map((c: { name: string }) => c.name)).toEqual(['Acme']);
    await tokenAgent(t.app, portal.token).post('/api/clients').send({ name: 'Nope' }).expect(404);

    const admin = await loginAs(t, 'admin');
    await admin.agent.post('/api/tokens').send({ name: 'Fine', role: 'admin' } satisfies CreateTokenInput).expect(201);
    const member = await loginAs(t, 'member');
    await member.agent.post('/api/tokens').send({ name: 'No', role: 'member' } satisfies CreateTokenInput).expect(403);
  });

  it('cannot manage tokens, users or invitations (session only), even as admin', async () => {
    const created = await create({ name: 'Admin bot', role: 'admin' });
    const bot = tokenAgent(t.app, created.token);
    for (const path of ['/api/tokens', '/api/users', '/api/invitations']) {
      const response = await bot.get(path).expect(403);
      expect(response.body.message).toBe('API tokens cannot do this: sign in');
    }
    await bot.get('/api/audit').expect(200);
  });
});
