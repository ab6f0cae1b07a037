import type { AuditEventResponse, AuditPage } from '@spfwatch/contracts';
import { ManualClock } from '../../src/common/clock';
import { createTestApp, createUser, loginAs, resetDatabase, type TestApp } from '../support/app';
import { TEST_OWNER_EMAIL } from '../support/auth';

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

async function audit(query = ''): Promise<AuditPage> {
  return (await t.http.get(`/api/audit${query}`).expect(200)).body as AuditPage;
}

describe('audit log', () => {
  it('records who did what: domains, policies, alerts, invitations, roles, removals, tokens, sign-ins', async () => {
    const client = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    const domain = (await t.http.post('/api/domains').send({ name: 'Acme.Example', clientId: client }).expect(201)).body.id as string;
    await t.http.put('/api/alert-policies').send({ scope: { clientId: client }, thresholds: { lookupWarn: 7 } }).expect(200);
    const alert = await t.prisma.alert.create({
      data: { organizationId: t.orgId, domainId: domain, type: 'lookup_warning', severity: 'warning', title: '8 lookups', detail: {}, dedupeKey: 'k', openKey: `${domain}:lookup_warning` },
    });
    await t.http.post(`/api/alerts/${alert.id}/acknowledge`).send({}).expect(200);
    // Acknowledging again changes nothing, and records nothing.
    await t.http.post(`/api/alerts/${alert.id}/acknowledge`).send({}).expect(200);
    await t.http.post('/api/invitations').send({ email: 'new@example.com', role: 'member' }).expect(201);
    const member = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    await t.http.patch(`/api/users/${member.id}`).send({ role: 'admin' }).expect(200);
    await t.http.delete(`/api/users/${member.id}`).expect(204);
    const token = (await t.http.post('/api/tokens').send({ name: 'CI', role: 'member' }).expect(201)).body as { id: string };
    await t.http.delete(`/api/tokens/${token.id}`).expect(200);
    await t.http.delete(`/api/domains/${domain}`).expect(204);
    const admin = await createUser(t.prisma, { role: 'admin', organizationId: t.orgId });
    await t.anonymous.post('/api/auth/login').send({ email: admin.email, password: 'a wrong password' }).expect(401);
    await t.anonymous.post('/api/auth/login').send({ email: admin.email, password: admin.password }).expect(200);

    const page = await audit('?pageSize=100');
    const summary = page.items.map((e) => [e.action, e.actor.label, e.target?.label ?? null]).reverse();
    expect(summary).toEqual([
      ['domain.created', TEST_OWNER_EMAIL, 'acme.example'],
      ['policy.updated', TEST_OWNER_EMAIL, null],
      ['alert.acknowledged', TEST_OWNER_EMAIL, 'acme.example: 8 lookups'],
      ['user.invited', TEST_OWNER_EMAIL, 'new@example.com'],
      ['user.role_changed', TEST_OWNER_EMAIL, member.email],
      ['user.removed', TEST_OWNER_EMAIL, member.email],
      ['token.created', TEST_OWNER_EMAIL, 'CI'],
      ['token.revoked', TEST_OWNER_EMAIL, 'CI'],
      ['domain.deleted', TEST_OWNER_EMAIL, 'acme.example'],
      ['auth.login_failed', admin.email, null],
      ['auth.login', admin.email, admin.email],
    ]);
    const byAction = new Map(page.items.map((e) => [e.action, e]));
    expect(byAction.get('user.role_changed')).toMatchObject({ actor: { type: 'user', id: t.ownerId }, target: { type: 'user', id: member.id }, details: { from: 'member', to: 'admin' } });
    expect(byAction.get('policy.updated')).toMatchObject({ target: { type: 'client', id: client }, details: { thresholds: { lookupWarn: 7 } } });
    expect(byAction.get('auth.login_failed')).toMatchObject({ actor: { type: 'anonymous', id: null, label: admin.email }, ip: expect.stringContaining('127.0.0.1') });
    // The password tried is never recorded.
    expect(JSON.stringify(page)).not.toContain('a wrong password');
    expect(JSON.stringify(page)).not.toContain(admin.password);
  });

  it('filters by action (one or a family), actor, time range, and pages', async () => {
    const a = await createUser(t.prisma, { role: 'member', organizationId: t.orgId, email: 'alice@example.com' });
    const b = await createUser(t.prisma, { role: 'member', organizationId: t.orgId, email: 'bob@example.com' });
    await t.anonymous.post('/api/auth/login').send({ email: a.email, password: a.password }).expect(200);
    clock.advance(60_000);
    await t.anonymous.post('/api/auth/login').send({ email: b.email, password: 'wrong password' }).expect(401);
    clock.advance(60_000);
    await t.http.patch(`/api/users/${a.id}`).send({ role: 'admin' }).expect(200);

    expect((await audit('?action=auth.login')).items.map((e) => e.actor.label)).toEqual(['alice@example.com']);
    expect((await audit('?action=auth.')).items.map((e) => e.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect((await audit('?action=user.*')).items.map((e) => e.action)).toEqual(['user.role_changed']);
    expect((await audit('?actor=BOB')).items.map((e) => e.action)).toEqual(['auth.login_failed']);
    expect((await audit(`?actor=${t.ownerId}`)).items.map((e) => e.action)).toEqual(['user.role_changed']);
    const from = new Date('2026-05-04T08:01:00.000Z').toISOString();
    const to = new Date('2026-05-04T08:02:00.000Z').toISOString();
    expect((await audit(`?from=${from}&to=${to}`)).items.map((e: AuditEventResponse) => e.action)).toEqual(['auth.login_failed']);
    const paged = await audit('?pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items.map((e) => e.action)).toEqual(['auth.login']);
    await t.http.get('/api/audit?from=yesterday').expect(400);
  });

  it("is for owners and admins only, each organization sees its own, and failed sign-ins for unknown emails go to the default organization's", async () => {
    const other = await t.prisma.organization.create({ data: { name: 'Other', slug: 'other' } });
    const stranger = await loginAs(t, 'owner', { organizationId: other.id });
    await t.anonymous.post('/api/auth/login').send({ email: 'ghost@nowhere.example', password: 'guess password' }).expect(401);
    await stranger.agent.post('/api/clients').send({ name: 'Theirs' }).expect(201);

    const mine = await audit();
    expect(mine.items.map((e) => [e.action, e.actor.label])).toContainEqual(['auth.login_failed', 'ghost@nowhere.example']);
    expect(JSON.stringify(mine)).not.toContain(stranger.user.email);
    const theirs = (await stranger.agent.get('/api/audit').expect(200)).body as AuditPage;
    expect(theirs.items.map((e) => e.action)).toEqual(['auth.login']);

    const member = await loginAs(t, 'member');
    await member.agent.get('/api/audit').expect(403);
    const acme = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    const viewer = await loginAs(t, 'client_viewer', { clientIds: [acme] });
    await viewer.agent.get('/api/audit').expect(404);
  });
});
