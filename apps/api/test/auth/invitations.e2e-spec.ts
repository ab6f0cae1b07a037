import type { CreatedInvitationResponse, InvitationList, InvitationPreview, LoginResponse, MemberList } from '@spfwatch/contracts';
import supertest from 'supertest';
import { ManualClock } from '../../src/common/clock';
import { INVITATION_TTL_MS } from '../../src/modules/invitations/invitations.service';
import { createTestApp, createUser, loginAs, resetDatabase, type TestApp } from '../support/app';

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

async function invite(body: { email: string; role: string; clientIds?: string[] }, agent = t.http): Promise<CreatedInvitationResponse> {
  return (await agent.post('/api/invitations').send(body).expect(201)).body as CreatedInvitationResponse;
}

describe('invitations', () => {
  it('owner invites by email → link (no SMTP needed) → accept sets the password and signs in → sign-in works', async () => {
    const created = await invite({ email: ' Bob@Client.Example ', role: 'member' });
    expect(created).toMatchObject({ email: 'bob@client.example', role: 'member', status: 'pending', invitedBy: { id: t.ownerId } });
    expect(created.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(created.link.endsWith(`/invite/${created.token}`)).toBe(true);
    expect(JSON.stringify(await t.prisma.invitation.findFirstOrThrow())).not.toContain(created.token);

    const preview = (await t.anonymous.get(`/api/invitations/${created.token}`).expect(200)).body as InvitationPreview;
    expect(preview).toEqual({ email: 'bob@client.example', role: 'member', organizationName: 'Default organization', expiresAt: created.expiresAt, existingAccount: false });

    const short = await t.anonymous.post(`/api/invitations/${created.token}/accept`).send({ name: 'Bob', password: 'too short' }).expect(400);
    expect(short.body.details.issues).toEqual([{ path: 'password', message: 'At least 12 characters' }]);

    const browser = supertest.agent(t.app.getHttpServer());
    const accepted = await browser.post(`/api/invitations/${created.token}/accept`).send({ name: 'Bob', password: 'bob password 1234' }).expect(201);
    expect(accepted.body as LoginResponse).toMatchObject({ user: { email: 'bob@client.example', name: 'Bob' }, role: 'member', organization: { id: t.orgId } });
    await browser.get('/api/auth/me').expect(200);

    // Used: gone for good.
    await t.anonymous.get(`/api/invitations/${created.token}`).expect(404);
    await t.anonymous.post(`/api/invitations/${created.token}/accept`).send({ name: 'Eve', password: 'eve password 1234' }).expect(404);
    await t.anonymous.post('/api/auth/login').send({ email: 'bob@client.example', password: 'bob password 1234' }).expect(200);
    const list = (await t.http.get('/api/invitations').expect(200)).body as InvitationList;
    expect(list.items.map((i) => i.status)).toEqual(['accepted']);
    const members = (await t.http.get('/api/users').expect(200)).body as MemberList;
    expect(members.items.map((m) => [m.email, m.role])).toContainEqual(['bob@client.example', 'member']);
  });

  it('a client_viewer invitation carries its clients into the membership', async () => {
    const acme = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    await t.http.post('/api/invitations').send({ email: 'c@acme.example', role: 'client_viewer' }).expect(400);
    const created = await invite({ email: 'c@acme.example', role: 'client_viewer', clientIds: [acme] });
    const accepted = (await t.anonymous.post(`/api/invitations/${created.token}/accept`).send({ name: 'Carol', password: 'carol password 12' }).expect(201)).body as LoginResponse;
    expect(accepted).toMatchObject({ role: 'client_viewer', clientIds: [acme] });
  });

  it('an existing account joins with its current password (throttled like sign-in); the name is not needed', async () => {
    const other = await t.prisma.organization.create({ data: { name: 'Other agency', slug: 'other' } });
    const existing = await createUser(t.prisma, { role: 'admin', organizationId: other.id });
    const created = await invite({ email: existing.email, role: 'member' });
    expect(((await t.anonymous.get(`/api/invitations/${created.token}`).expect(200)).body as InvitationPreview).existingAccount).toBe(true);
    const wrong = await t.anonymous.post(`/api/invitations/${created.token}/accept`).send({ password: 'not the password' }).expect(401);
    expect(wrong.body.message).toBe('Wrong email or password');
    const joined = (await t.anonymous.post(`/api/invitations/${created.token}/accept`).send({ password: existing.password }).expect(201)).body as LoginResponse;
    expect(joined).toMatchObject({ organization: { id: t.orgId }, role: 'member' });
    expect(joined.memberships.map((m) => m.organizationSlug).sort()).toEqual(['default', 'other']);
  });

  it('expire after 7 days, can be revoked, and a new invitation for the same email replaces the pending one', async () => {
    const first = await invite({ email: 'dan@example.com', role: 'member' });
    const second = await invite({ email: 'dan@example.com', role: 'admin' });
    await t.anonymous.get(`/api/invitations/${first.token}`).expect(404);
    await t.http.delete(`/api/invitations/${second.id}`).expect(204);
    await t.anonymous.get(`/api/invitations/${second.token}`).expect(404);
    await t.http.delete(`/api/invitations/${second.id}`).expect(409);

    const third = await invite({ email: 'dan@example.com', role: 'member' });
    clock.advance(INVITATION_TTL_MS);
    await t.anonymous.post(`/api/invitations/${third.token}/accept`).send({ name: 'Dan', password: 'dan password 1234' }).expect(404);
    const statuses = ((await t.http.get('/api/invitations').expect(200)).body as InvitationList).items.map((i) => i.status);
    expect(statuses).toEqual(['expired', 'revoked', 'revoked']);
  });

  it('nobody invites above their own role; members cannot invite; members already in are refused', async () => {
    const admin = await loginAs(t, 'admin');
    await admin.agent.post('/api/invitations').send({ email: 'boss@example.com', role: 'owner' }).expect(403);
    await invite({ email: 'peer@example.com', role: 'admin' }, admin.agent);
    const member = await loginAs(t, 'member');
    await member.agent.post('/api/invitations').send({ email: 'x@example.com', role: 'member' }).expect(403);
    const conflict = await t.http.post('/api/invitations').send({ email: member.user.email, role: 'member' }).expect(409);
    expect(conflict.body.message).toContain('already a member');
  });
});

describe('users', () => {
  it('owners change roles and remove members; the last owner can be neither demoted nor removed', async () => {
    const admin = await loginAs(t, 'admin');
    const member = await createUser(t.prisma, { role: 'member', organizationId: t.orgId });
    await admin.agent.patch(`/api/users/${member.id}`).send({ role: 'admin' }).expect(403);
    const changed = await t.http.patch(`/api/users/${member.id}`).send({ role: 'admin' }).expect(200);
    expect(changed.body).toMatchObject({ id: member.id, role: 'admin', clientIds: [] });

    const lastOwner = await t.http.patch(`/api/users/${t.ownerId}`).send({ role: 'admin' }).expect(409);
    expect(lastOwner.body.message).toContain('last owner');
    await t.http.delete(`/api/users/${t.ownerId}`).expect(409);

    await t.http.patch(`/api/users/${member.id}`).send({ role: 'owner' }).expect(200);
    await t.http.delete(`/api/users/${member.id}`).expect(204);
    await t.http.delete(`/api/users/${member.id}`).expect(404);
    expect(await t.prisma.user.count({ where: { id: member.id } })).toBe(1);
  });

  it("removing a member revokes the tokens they created here", async () => {
    const admin = await loginAs(t, 'admin');
    const token = (await admin.agent.post('/api/tokens').send({ name: 'Theirs', role: 'member' }).expect(201)).body as { token: string; id: string };
    await t.http.delete(`/api/users/${admin.user.id}`).expect(204);
    await supertest(t.app.getHttpServer()).get('/api/clients').set('Authorization', `Bearer ${token.token}`).expect(401);
  });
});
