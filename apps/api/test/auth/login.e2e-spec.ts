import type { ErrorResponse, LoginInput, LoginResponse, MeResponse } from '@spfwatch/contracts';
import supertest from 'supertest';
import { ManualClock } from '../../src/common/clock';
import { LOGIN_WINDOW_MS } from '../../src/modules/auth/login-throttle.service';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/modules/auth/sessions.service';
import type { CreateClientDto } from '../../src/modules/organizations/dto/client.dto';
import { createTestApp, createUser, loginAs, resetDatabase, type TestApp } from '../support/app';

const HOUR = 3_600_000;

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

function cookiesOf(response: supertest.Response): string[] {
  const header = response.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
}

function login(body: LoginInput) {
  return t.anonymous.post('/api/auth/login').send(body);
}

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie, and answers who you are', async () => {
    const user = await createUser(t.prisma, { role: 'admin', organizationId: t.orgId, name: 'Ada Admin' });
    const response = await login({ email: `  ${user.email.toUpperCase()} `, password: user.password }).expect(200);
    const body = response.body as LoginResponse;
    expect(body).toMatchObject({
      via: 'session',
      user: { id: user.id, email: user.email, name: 'Ada Admin' },
      tokenName: null,
      organization: { id: t.orgId, slug: 'default' },
      role: 'admin',
      clientIds: null,
      memberships: [{ organizationId: t.orgId, organizationSlug: 'default', role: 'admin' }],
      expiresAt: new Date(clock.now().getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    });
    const cookies = cookiesOf(response);
    const session = cookies.find((c) => c.startsWith('spfwatch_session='));
    const csrf = cookies.find((c) => c.startsWith('spfwatch_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    // Plain http to 127.0.0.1 under COOKIE_SECURE=auto: no Secure flag (the browser would drop it).
    expect(session).not.toMatch(/Secure/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toContain(`spfwatch_csrf=${body.csrfToken}`);
    // Only hashes are stored.
    const row = await t.prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session).not.toContain(row.id);
    expect(row.csrfHash).not.toBe(body.csrfToken);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('sets Secure cookies when the request is not plain http to localhost (COOKIE_SECURE=auto)', async () => {
    const user = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    const response = await login({ email: user.email, password: user.password }).set('Host', 'spf.example').expect(200);
    for (const cookie of cookiesOf(response)) expect(cookie).toMatch(/; Secure/i);
  });

  it('answers the same 401 for an unknown email, a wrong password, a disabled account and no membership', async () => {
    const user = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    const disabled = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    await t.prisma.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const orphan = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    await t.prisma.membership.deleteMany({ where: { userId: orphan.id } });

    const attempts: LoginInput[] = [
      { email: 'nobody@spfwatch.test', password: 'whatever password' },
      { email: user.email, password: 'not the password' },
      { email: disabled.email, password: disabled.password },
      { email: orphan.email, password: orphan.password },
    ];
    for (const attempt of attempts) {
      const response = await login(attempt).expect(401);
      expect(response.body).toMatchObject({ error: 'unauthorized', message: 'Wrong email or password' } satisfies Partial<ErrorResponse>);
      expect(cookiesOf(response).some((c) => c.startsWith('spfwatch_session=') && !c.startsWith('spfwatch_session=;'))).toBe(false);
    }
  });

  it('400 for a missing email or password', async () => {
    const response = await t.anonymous.post('/api/auth/login').send({ email: 'a@b.c' }).expect(400);
    expect(response.body.details.issues).toEqual([{ path: 'password', message: 'Required' }]);
  });

  it('opens the organization asked for when the user belongs to several', async () => {
    const other = await t.prisma.organization.create({ data: { name: 'Second agency', slug: 'second' } });
    const user = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    await t.prisma.membership.create({ data: { userId: user.id, organizationId: other.id, role: 'admin' } });
    const first = (await login({ email: user.email, password: user.password }).expect(200)).body as LoginResponse;
    expect(first.organization.slug).toBe('default');
    const second = (await login({ email: user.email, password: user.password, organization: 'second' }).expect(200)).body as LoginResponse;
    expect(second).toMatchObject({ organization: { id: other.id, slug: 'second' }, role: 'admin' });
    expect(second.memberships.map((m) => m.organizationSlug)).toEqual(['default', 'second']);
    await login({ email: user.email, password: user.password, organization: 'nope' }).expect(401);
  });
});

describe('login throttling', () => {
  it('5 failures for an account in 15 minutes → 429 with Retry-After, even with the right password, until the window passes', async () => {
    const user = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    for (let i = 0; i < 5; i++) {
      await login({ email: user.email, password: `wrong password ${i}` }).expect(401);
      clock.advance(60_000);
    }
    const blocked = await login({ email: user.email, password: user.password }).expect(429);
    expect(blocked.body).toMatchObject({ error: 'too_many_requests' });
    // The first failure was 5 minutes ago: 10 minutes to wait.
    expect(Number(blocked.headers['retry-after'])).toBe(600);
    expect(blocked.body.message).toContain('600 s');

    clock.advance(600_000 - 1000);
    await login({ email: user.email, password: user.password }).expect(429);
    clock.advance(1000);
    // The oldest failure left the window: 4 remain, the right password gets in and clears them.
    await login({ email: user.email, password: user.password }).expect(200);
    expect(await t.prisma.loginFailure.count({ where: { email: user.email } })).toBe(0);
  });

  it('is per account: another account from the same address still signs in', async () => {
    const victim = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    const other = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    for (let i = 0; i < 5; i++) await login({ email: victim.email, password: 'wrong password' }).expect(401);
    await login({ email: victim.email, password: victim.password }).expect(429);
    await login({ email: other.email, password: other.password }).expect(200);
  });

  it('20 failures from one IP in 15 minutes → 429 for every account from that IP', async () => {
    const user = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    for (let i = 0; i < 20; i++) await login({ email: `guess-${i % 5}-${Math.floor(i / 5)}@spfwatch.test`, password: 'password guess' }).expect(401);
    const blocked = await login({ email: user.email, password: user.password }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBe(LOGIN_WINDOW_MS / 1000);
    clock.advance(LOGIN_WINDOW_MS);
    await login({ email: user.email, password: user.password }).expect(200);
  });
});

describe('sessions', () => {
  it('end after 12 hours without a request (idle), and each request keeps them alive', async () => {
    const { agent } = await loginAs(t, 'member');
    clock.advance(11 * HOUR);
    await agent.get('/api/auth/me').expect(200);
    clock.advance(11 * HOUR);
    await agent.get('/api/auth/me').expect(200);
    clock.advance(SESSION_IDLE_MS);
    const expired = await agent.get('/api/auth/me').expect(401);
    expect(expired.body).toMatchObject({ error: 'unauthorized', message: 'Session expired or signed out: sign in again' });
    // The dead cookies are cleared, and the row is gone.
    expect(cookiesOf(expired).some((c) => /^spfwatch_session=;/.test(c))).toBe(true);
  });

  it('end 7 days after sign-in however active (absolute)', async () => {
    const { agent } = await loginAs(t, 'member');
    for (let elapsed = 0; elapsed + 6 * HOUR < SESSION_ABSOLUTE_MS; elapsed += 6 * HOUR) {
      clock.advance(6 * HOUR);
      await agent.get('/api/clients').expect(200);
    }
    clock.at(new Date(new Date('2026-05-04T08:00:00.000Z').getTime() + SESSION_ABSOLUTE_MS));
    await agent.get('/api/clients').expect(401);
  });

  it('logout ends the session and clears the cookies', async () => {
    const { agent, user } = await loginAs(t, 'admin');
    const response = await agent.post('/api/auth/logout').expect(204);
    expect(cookiesOf(response).some((c) => /^spfwatch_session=;/.test(c))).toBe(true);
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    await agent.get('/api/auth/me').expect(401);
  });

  it('a removed member is signed out at once, and a role change applies to the next request', async () => {
    const { agent, user } = await loginAs(t, 'admin');
    await agent.post('/api/clients').send({ name: 'Allowed' } satisfies CreateClientDto).expect(201);
    await t.http.patch(`/api/users/${user.id}`).send({ role: 'member' }).expect(200);
    await agent.post('/api/clients').send({ name: 'Refused' } satisfies CreateClientDto).expect(403);
    await t.http.delete(`/api/users/${user.id}`).expect(204);
    await agent.get('/api/clients').expect(401);
  });

  it('GET /api/auth/me needs a session or token', async () => {
    const response = await t.anonymous.get('/api/auth/me').expect(401);
    expect(response.body.message).toContain('Sign in first');
    const me = (await t.http.get('/api/auth/me').expect(200)).body as MeResponse;
    expect(me).toMatchObject({ via: 'session', role: 'owner', user: { email: 'owner@spfwatch.test' } });
  });
});

describe('CSRF', () => {
  it('state-changing requests with a session need x-csrf-token matching the session (403 otherwise); reads do not', async () => {
    const { agent, csrfToken } = await loginAs(t, 'admin');
    const cookieOnly = supertest.agent(t.app.getHttpServer());
    // Same cookies, no header: what a cross-site form post would carry.
    const cookies = (await t.anonymous.post('/api/auth/login').send({ email: (await createUser(t.prisma, { role: 'admin', organizationId: t.orgId })).email, password: 'test password 123' })).headers['set-cookie'] as unknown as string[];
    const cookieHeader = cookies.map((c) => c.split(';')[0]).join('; ');
    const missing = await cookieOnly.post('/api/clients').set('Cookie', cookieHeader).send({ name: 'Forged' } satisfies CreateClientDto).expect(403);
    expect(missing.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('CSRF') });
    await cookieOnly.post('/api/clients').set('Cookie', cookieHeader).set('x-csrf-token', csrfToken).send({ name: 'Other session token' } satisfies CreateClientDto).expect(403);
    await cookieOnly.delete(`/api/clients/01900000-0000-7000-8000-000000000000`).set('Cookie', cookieHeader).set('x-csrf-token', 'x'.repeat(43)).expect(403);
    await cookieOnly.get('/api/clients').set('Cookie', cookieHeader).expect(200);
    expect(await t.prisma.client.count()).toBe(0);

    await agent.post('/api/clients').send({ name: 'Legit' } satisfies CreateClientDto).expect(201);
    await agent.post('/api/auth/logout').set('x-csrf-token', 'wrong').expect(403);
  });
});
