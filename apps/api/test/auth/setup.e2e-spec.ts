import { Logger } from '@nestjs/common';
import type { LoginResponse, SetupInput } from '@spfwatch/contracts';
import { DEMO_EMAIL, DEMO_PASSWORD, SetupService } from '../../src/modules/auth/setup.service';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';

/** Leaves the database with no owner at all (the test owner included), as on a first start. */
async function firstRun(t: TestApp): Promise<void> {
  await resetDatabase(t.prisma);
  await t.prisma.user.deleteMany();
}

describe('first-run setup', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('prints a one-time token at start while no owner exists; POST /api/setup with it creates the owner and signs in, once', async () => {
    await firstRun(t);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await t.app.get(SetupService).onApplicationBootstrap();
    const printed = warn.mock.calls.map((call) => String(call[0])).join('\n');
    warn.mockRestore();
    const token = /No owner account yet[^\n]*\n\s+([A-Za-z0-9_-]{43})/.exec(printed)?.[1];
    expect(token).toBeDefined();

    expect((await t.anonymous.get('/api/setup').expect(200)).body).toEqual({ needed: true });
    // There is no default password, and nothing is readable.
    await t.anonymous.get('/api/domains').expect(401);

    const body = { token: token!, email: 'Olivia@Agency.Example', name: 'Olivia', password: 'olivia password 1', organizationName: 'Olivia Agency' } satisfies SetupInput;
    const wrong = await t.anonymous.post('/api/setup').send({ ...body, token: 'x'.repeat(43) }).expect(403);
    expect(wrong.body.message).toContain('Wrong setup token');
    await t.anonymous.post('/api/setup').send({ ...body, password: 'short' }).expect(400);

    const done = await t.anonymous.post('/api/setup').send(body).expect(201);
    expect(done.body as LoginResponse).toMatchObject({ role: 'owner', user: { email: 'olivia@agency.example' }, organization: { name: 'Olivia Agency', slug: 'default' } });
    expect(String(done.headers['set-cookie'])).toContain('spfwatch_session=');
    expect((await t.anonymous.get('/api/setup').expect(200)).body).toEqual({ needed: false });
    const again = await t.anonymous.post('/api/setup').send({ ...body, email: 'mallory@example.com' }).expect(409);
    expect(again.body.message).toContain('already complete');
    await t.anonymous.post('/api/auth/login').send({ email: 'olivia@agency.example', password: 'olivia password 1' }).expect(200);
    expect(await t.prisma.auditEvent.count({ where: { action: 'setup.completed', actorLabel: 'olivia@agency.example' } })).toBe(1);
  });

  it('prints nothing and refuses every token once an owner exists', async () => {
    await resetDatabase(t.prisma);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await t.app.get(SetupService).onApplicationBootstrap();
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    await t.anonymous.post('/api/setup').send({ token: 'x'.repeat(43), email: 'a@b.example', name: 'A', password: 'a long password' }).expect(409);
  });
});

describe('demo mode', () => {
  it('SPFWATCH_DEMO=true creates the documented demo account (its short password is the one exception)', async () => {
    const t = await createTestApp({ env: { SPFWATCH_DEMO: true } });
    try {
      const response = await t.anonymous.post('/api/auth/login').send({ email: DEMO_EMAIL, password: DEMO_PASSWORD }).expect(200);
      expect(response.body as LoginResponse).toMatchObject({ role: 'owner', user: { email: 'demo@example.com' } });
    } finally {
      await t.close();
    }
  });

  it('without it there is no demo account', async () => {
    const t = await createTestApp();
    try {
      await t.prisma.user.deleteMany({ where: { email: DEMO_EMAIL } });
      await t.app.get(SetupService).onApplicationBootstrap();
      await t.anonymous.post('/api/auth/login').send({ email: DEMO_EMAIL, password: DEMO_PASSWORD }).expect(401);
    } finally {
      await t.close();
    }
  });
});
