/**
 * Accounts for tests: the test owner every `createTestApp()` agent signs in as, and helpers
 * to sign in with other roles.
 *
 *   const t = await createTestApp();
 *   await t.http.post('/api/clients').send(…);          // as the test owner, CSRF header preset
 *   const member = await loginAs(t, 'member');             // a real sign-in through POST /api/auth/login
 *   const viewer = await loginAs(t, 'client_viewer', { clientIds: [acme.id] });
 */
import type { Role } from '@spfwatch/contracts';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import supertest from 'supertest';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../src/common/auth/cookies';
import { hashPassword } from '../../src/common/auth/passwords';
import { randomSecret, sha256Hex } from '../../src/common/auth/secrets';
import { DEFAULT_ORGANIZATION_NAME, DEFAULT_ORGANIZATION_SLUG } from '../../src/modules/organizations/organizations.service';
import type { PrismaService } from '../../src/prisma/prisma.service';

export type TestAgent = ReturnType<typeof supertest.agent>;

export const TEST_OWNER_EMAIL = 'owner@spfwatch.test';
export const TEST_OWNER_NAME = 'Test Owner';
/** The password of every account these helpers create. */
export const TEST_PASSWORD = 'test password 123';

const hashes = new Map<string, Promise<string>>();
/** argon2 takes ~0.1 s: each password is hashed once per test file. */
export function cachedHash(password: string = TEST_PASSWORD): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/** The test owner's session: random per test file, and it never expires (tests move clocks by days). */
const ownerSession = { secret: randomSecret(), csrf: randomSecret() };
/** Fixed per test file, so `t.ownerId` stays right after resetDatabase recreates the owner. */
const OWNER_ID = randomUUID();
const NEVER = new Date('9999-12-31T00:00:00.000Z');

/**
 * Creates (again, after resetDatabase) the test owner of the default organization and their
 * session. The session's lastSeenAt and expiresAt lie in the far future, so neither idle nor
 * absolute expiry applies whatever the test clock says — only this fixture does that.
 */
export async function installTestOwner(prisma: PrismaService): Promise<{ userId: string; organizationId: string }> {
  const organization = await prisma.organization.upsert({
    where: { slug: DEFAULT_ORGANIZATION_SLUG },
    create: { slug: DEFAULT_ORGANIZATION_SLUG, name: DEFAULT_ORGANIZATION_NAME },
    update: {},
    select: { id: true },
  });
  // Another test file's owner (same email, its own id) makes way.
  await prisma.user.deleteMany({ where: { email: TEST_OWNER_EMAIL, id: { not: OWNER_ID } } });
  const user = await prisma.user.upsert({
    where: { email: TEST_OWNER_EMAIL },
    create: { id: OWNER_ID, email: TEST_OWNER_EMAIL, name: TEST_OWNER_NAME, passwordHash: await cachedHash() },
    update: {},
    select: { id: true },
  });
  await prisma.membership.upsert({
    where: { userId_organizationId: { userId: user.id, organizationId: organization.id } },
    create: { userId: user.id, organizationId: organization.id, role: 'owner' },
    update: { role: 'owner' },
  });
  const id = sha256Hex(ownerSession.secret);
  await prisma.session.upsert({
    where: { id },
    create: { id, userId: user.id, organizationId: organization.id, csrfHash: sha256Hex(ownerSession.csrf), createdAt: NEVER, lastSeenAt: NEVER, expiresAt: NEVER },
    update: {},
  });
  return { userId: user.id, organizationId: organization.id };
}

/** An agent whose every request carries the session cookie and the CSRF header. */
export function sessionAgent(app: NestExpressApplication, session: { secret: string; csrf: string }): TestAgent {
  return supertest
    .agent(app.getHttpServer())
    .set('Cookie', `${SESSION_COOKIE}=${session.secret}; ${CSRF_COOKIE}=${session.csrf}`)
    .set(CSRF_HEADER, session.csrf);
}

export function testOwnerAgent(app: NestExpressApplication): TestAgent {
  return sessionAgent(app, ownerSession);
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
}

let sequence = 0;

/** A user with a membership, created directly in the database (no invitation). */
export async function createUser(
  prisma: PrismaService,
  options: { role: Role; organizationId: string; clientIds?: readonly string[]; email?: string; name?: string; password?: string },
): Promise<SeededUser> {
  sequence += 1;
  const email = options.email ?? `${options.role.replace('_', '-')}-${sequence}-${randomSecret().slice(0, 6).toLowerCase()}@spfwatch.test`;
  const password = options.password ?? TEST_PASSWORD;
  const user = await prisma.user.create({
    data: {
      email,
      name: options.name ?? `Test ${options.role} ${sequence}`,
      passwordHash: await cachedHash(password),
      memberships: { create: { organizationId: options.organizationId, role: options.role } },
    },
    select: { id: true, memberships: { select: { id: true } } },
  });
  const clientIds = options.clientIds ?? [];
  if (clientIds.length > 0) {
    await prisma.membershipClient.createMany({ data: clientIds.map((clientId) => ({ membershipId: user.memberships[0]!.id, clientId, organizationId: options.organizationId })) });
  }
  return { id: user.id, email, password };
}

export interface LoggedIn {
  agent: TestAgent;
  user: SeededUser;
  csrfToken: string;
}

/**
 * Creates a user with `role` (in the default organization unless told) and signs them in
 * through `POST /api/auth/login`; the agent keeps the cookies and sends the CSRF header.
 */
export async function loginAs(
  t: { app: NestExpressApplication; prisma: PrismaService; orgId: string },
  role: Role,
  options: { clientIds?: readonly string[]; organizationId?: string; email?: string; name?: string } = {},
): Promise<LoggedIn> {
  const user = await createUser(t.prisma, {
    role,
    organizationId: options.organizationId ?? t.orgId,
    ...(options.clientIds ? { clientIds: options.clientIds } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
  const agent = supertest.agent(t.app.getHttpServer());
  const response = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  if (response.status !== 200) throw new Error(`loginAs(${role}) failed: ${response.status} ${JSON.stringify(response.body)}`);
  const csrfToken = (response.body as { csrfToken: string }).csrfToken;
  agent.set(CSRF_HEADER, csrfToken);
  return { agent, user, csrfToken };
}

/** An API token created directly in the database; returns the bearer value. */
export async function createApiToken(
  prisma: PrismaService,
  options: { organizationId: string; role: 'admin' | 'member' | 'client_viewer'; clientIds?: readonly string[]; name?: string; expiresAt?: Date },
): Promise<{ id: string; token: string }> {
  const token = `spfw_${randomSecret()}`;
  const row = await prisma.apiToken.create({
    data: {
      organizationId: options.organizationId,
      name: options.name ?? `test ${options.role} token`,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 13),
      role: options.role,
      clientIds: [...(options.clientIds ?? [])],
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

/** A supertest agent sending `Authorization: Bearer <token>`. */
export function tokenAgent(app: NestExpressApplication, token: string): TestAgent {
  return supertest.agent(app.getHttpServer()).set('Authorization', `Bearer ${token}`);
}
