/**
 * The authorization matrix. Every route the app serves — read from express's router at run
 * time, so a route added without an expectation here fails the first test — is called by
 * every kind of caller, and the outcome is compared with the expectation declared below:
 *
 *   anonymous · owner · admin · member (sessions) · admin API token ·
 *   client viewer of client A (session) · client-scoped token for client A ·
 *   owner of ANOTHER organization
 *
 * Client-scoped callers also call each portal route on client B's resource (404 expected).
 * Every response body is scanned for names and ids the caller must never see: the other
 * organization's (for everyone in organization A, and the reverse), and client B's (for the
 * client-scoped callers). Seeded names carry distinctive markers: ZX7731 (organization A,
 * client A), QK4410 (client B), WV9182 (organization B).
 */
import type { Role } from '@spfwatch/contracts';
import { type DnsFixture, startDnsFixture, type Zone } from '@spfwatch/dns-fixture';
import supertest from 'supertest';
import { randomSecret, sha256Hex } from '../../src/common/auth/secrets';
import { ChecksService } from '../../src/modules/checks/checks.service';
import { ReportsService } from '../../src/modules/reports/reports.service';
import { createApiToken, createTestApp, createUser, loginAs, resetDatabase, type TestAgent, type TestApp, tokenAgent } from '../support/app';
import { cachedHash, TEST_OWNER_EMAIL, TEST_PASSWORD } from '../support/auth';

type Access = 'public' | 'portal' | 'member' | 'admin' | 'owner';
type Side = 'A' | 'B';

interface Caller {
  name: string;
  kind: 'anonymous' | 'staff' | 'client';
  role: Role | null;
  via: 'session' | 'token' | null;
  org: 'A' | 'B';
  agent: TestAgent | ReturnType<typeof supertest>;
  /** For session callers: to sign in again (logout needs a session of its own). */
  credentials?: { email: string; password: string };
}

interface RequestSpec {
  path: string;
  body?: unknown;
  contentType?: string;
  /** Send with this agent instead of the caller's (a fresh session for logout). */
  agent?: TestAgent | ReturnType<typeof supertest>;
}

interface RouteExpectation {
  access: Access;
  /** API tokens are refused (403) whatever their role. */
  sessionOnly?: boolean;
  /** Statuses meaning "let through and served" (default 200, 201, 204). */
  ok?: number[];
  /** The request names organization A's resource: the other organization's owner gets 404. */
  orgResource?: boolean;
  /**
   * What the other organization's owner gets instead of 404 when the foreign id is in the body
   * (e.g. 400 "no client … in this organization", the same answer as for an id that exists nowhere).
   */
  foreignStatuses?: number[];
  /** A portal route naming one client's resource: client-scoped callers get 404 for client B's. */
  clientResource?: boolean;
  /** Skip the leak scan (sign-in responses describe the account that signed in, whoever called). */
  noScan?: boolean;
  request: (caller: Caller, side: Side) => Promise<RequestSpec>;
}

const ZONE: Zone = { ttl: 60, records: {} };
let fixture: DnsFixture;
let t: TestApp;
let callers: Caller[];
let counter = 0;
const next = () => (counter += 1);

/** The seeded world: organization A (default) with clients A and B, organization B with client O. */
const w = {
  orgA: '',
  orgB: '',
  clientA: '',
  clientB: '',
  clientO: '',
  domainA: '',
  domainB: '',
  domainO: '',
  snapshotA: '',
  snapshotB: '',
  alertA: '',
  alertB: '',
  providerEvent: '',
  channel: '',
  notification: '',
  reportA: '',
  reportB: '',
};
/** What each kind of caller must never see. */
const markers = { orgA: new Set<string>(), orgB: new Set<string>(), clientB: new Set<string>() };

const NAMES = {
  orgA: 'Agency ZX7731',
  clientA: 'Alpha Client ZX7731',
  clientB: 'Bravo Client QK4410',
  orgB: 'Omega Agency WV9182',
  clientO: 'Omega Client WV9182',
  domainA: 'alpha-zx7731.example',
  domainB: 'bravo-qk4410.example',
  domainO: 'omega-wv9182.example',
};

// ───────────────────────── fresh resources for destructive requests ─────────────────────────

async function orgOf(caller: Caller): Promise<string> {
  return caller.org === 'B' ? w.orgB : w.orgA;
}

async function freshClient(organizationId: string): Promise<string> {
  return (await t.prisma.client.create({ data: { organizationId, name: `Fresh client ${next()}` } })).id;
}

async function freshDomain(clientId: string, organizationId = w.orgA): Promise<string> {
  return (await t.prisma.domain.create({ data: { organizationId, clientId, name: `fresh-${next()}.example`, nextCheckAt: new Date('2999-01-01') } })).id;
}

async function freshMember(organizationId: string): Promise<string> {
  return (await createUser(t.prisma, { role: 'member', organizationId })).id;
}

async function freshToken(organizationId: string): Promise<string> {
  return (await createApiToken(t.prisma, { organizationId, role: 'member' })).id;
}

async function freshInvitation(organizationId: string): Promise<{ id: string; token: string }> {
  const token = randomSecret();
  const row = await t.prisma.invitation.create({
    data: { organizationId, email: `invitee-${next()}@spfwatch.test`, role: 'member', tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return { id: row.id, token };
}

/** A session of the caller's own, so signing it out leaves the caller's agent working. */
async function freshAgent(caller: Caller): Promise<TestAgent | ReturnType<typeof supertest>> {
  if (caller.via !== 'session' || !caller.credentials) return caller.agent;
  const agent = supertest.agent(t.app.getHttpServer());
  const response = await agent.post('/api/auth/login').send(caller.credentials).expect(200);
  agent.set('x-csrf-token', (response.body as { csrfToken: string }).csrfToken);
  return agent;
}

async function freshChannel(kind: 'email' | 'webhook' = 'email'): Promise<string> {
  const config = kind === 'email' ? { recipients: ['ops-zx7731@agency.example'] } : { url: 'http://127.0.0.1:1/hook', timeoutMs: 500 };
  return (await t.prisma.notificationChannel.create({ data: { organizationId: w.orgA, kind, name: `Fresh channel ${next()}`, config, secret: kind === 'webhook' ? 'whsec_matrix' : null } })).id;
}

const reportOf = (side: Side) => (side === 'A' ? w.reportA : w.reportB);

const domainOf = (side: Side) => (side === 'A' ? w.domainA : w.domainB);
const clientOf = (side: Side) => (side === 'A' ? w.clientA : w.clientB);

// ───────────────────────────── the expectation of every route ─────────────────────────────

const docs: RouteExpectation = { access: 'public', ok: [200, 301, 302, 304], noScan: true, request: async () => ({ path: '' }) };

const ROUTES: Record<string, RouteExpectation> = {
  // Probes and OpenAPI: public (the document describes the API, it holds no data).
  'GET /health': { access: 'public', request: async () => ({ path: '/health' }) },
  'GET /ready': { access: 'public', request: async () => ({ path: '/ready' }) },
  // Fleet-wide counts without tenant labels (the body scan proves no name or id leaks).
  'GET /metrics': { access: 'public', request: async () => ({ path: '/metrics' }) },
  'GET /api/docs': { ...docs, request: async () => ({ path: '/api/docs' }) },
  'GET /api/docs/': { ...docs, request: async () => ({ path: '/api/docs/' }) },
  'GET /api/docs/index.html': { ...docs, request: async () => ({ path: '/api/docs/index.html' }) },
  'GET /api/docs/LICENSE': { ...docs, ok: [200, 404], request: async () => ({ path: '/api/docs/LICENSE' }) },
  'GET /api/docs/swagger-ui-init.js': { ...docs, request: async () => ({ path: '/api/docs/swagger-ui-init.js' }) },
  'GET /api/docs/docs/swagger-ui-init.js': { ...docs, request: async () => ({ path: '/api/docs/docs/swagger-ui-init.js' }) },
  'GET /api/docs-json': { ...docs, request: async () => ({ path: '/api/docs-json' }) },
  'GET /api/docs-yaml': { ...docs, request: async () => ({ path: '/api/docs-yaml' }) },

  // Accounts.
  'POST /api/auth/login': {
    access: 'public',
    noScan: true,
    request: async () => {
      const user = await createUser(t.prisma, { role: 'member', organizationId: w.orgA });
      // A cookie-less client: the caller's agent would keep the new session's cookies.
      return { path: '/api/auth/login', body: { email: user.email, password: user.password }, agent: t.anonymous };
    },
  },
  'POST /api/auth/logout': { access: 'portal', request: async (caller) => ({ path: '/api/auth/logout', agent: await freshAgent(caller) }) },
  'GET /api/auth/me': { access: 'portal', request: async () => ({ path: '/api/auth/me' }) },
  'GET /api/setup': { access: 'public', request: async () => ({ path: '/api/setup' }) },
  // An owner exists: setup is over for everyone (409).
  'POST /api/setup': {
    access: 'public',
    ok: [409],
    request: async () => ({ path: '/api/setup', body: { token: 'x'.repeat(43), email: `setup-${next()}@spfwatch.test`, name: 'Late', password: 'long enough password' } }),
  },
  'GET /api/users': { access: 'admin', sessionOnly: true, request: async () => ({ path: '/api/users' }) },
  'PATCH /api/users/:id': { access: 'owner', sessionOnly: true, orgResource: true, request: async () => ({ path: `/api/users/${await freshMember(w.orgA)}`, body: { role: 'admin' } }) },
  'DELETE /api/users/:id': { access: 'owner', sessionOnly: true, orgResource: true, request: async () => ({ path: `/api/users/${await freshMember(w.orgA)}` }) },
  'GET /api/invitations': { access: 'admin', sessionOnly: true, request: async () => ({ path: '/api/invitations' }) },
  'POST /api/invitations': { access: 'admin', sessionOnly: true, request: async () => ({ path: '/api/invitations', body: { email: `invited-${next()}@spfwatch.test`, role: 'member' } }) },
  'DELETE /api/invitations/:id': { access: 'admin', sessionOnly: true, orgResource: true, request: async () => ({ path: `/api/invitations/${(await freshInvitation(w.orgA)).id}` }) },
  'GET /api/invitations/:token': { access: 'public', noScan: true, request: async () => ({ path: `/api/invitations/${(await freshInvitation(w.orgA)).token}` }) },
  'POST /api/invitations/:token/accept': {
    access: 'public',
    noScan: true,
    request: async () => ({ path: `/api/invitations/${(await freshInvitation(w.orgA)).token}/accept`, body: { name: 'New Person', password: 'a long new password' }, agent: t.anonymous }),
  },
  'GET /api/tokens': { access: 'admin', sessionOnly: true, request: async () => ({ path: '/api/tokens' }) },
  'POST /api/tokens': { access: 'admin', sessionOnly: true, request: async () => ({ path: '/api/tokens', body: { name: `matrix ${next()}`, role: 'member' } }) },
  'DELETE /api/tokens/:id': { access: 'admin', sessionOnly: true, orgResource: true, request: async () => ({ path: `/api/tokens/${await freshToken(w.orgA)}` }) },
  'GET /api/audit': { access: 'admin', request: async () => ({ path: '/api/audit?pageSize=200' }) },

  // Organization and clients.
  'GET /api/organization': { access: 'portal', request: async () => ({ path: '/api/organization' }) },
  'PATCH /api/organization': { access: 'owner', request: async () => ({ path: '/api/organization', body: { timeZone: 'UTC' } }) },
  'GET /api/clients': { access: 'portal', request: async () => ({ path: '/api/clients' }) },
  'POST /api/clients': { access: 'admin', request: async () => ({ path: '/api/clients', body: { name: `Matrix client ${next()}` } }) },
  'GET /api/clients/:id': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/clients/${clientOf(side)}` }) },
  'PATCH /api/clients/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/clients/${await freshClient(w.orgA)}`, body: { notes: 'patched' } }) },
  'DELETE /api/clients/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/clients/${await freshClient(w.orgA)}?force=true` }) },
  // The configuration as JSON: each caller exports and imports its own organization's (neutral names, so nothing of A lands in B).
  'GET /api/organization/export': { access: 'admin', request: async () => ({ path: '/api/organization/export' }) },
  'POST /api/organization/import': {
    access: 'owner',
    request: async () => ({
      path: '/api/organization/import',
      body: { format: 'spfwatch-config', version: 1, clients: [{ name: `Matrix import ${next()}`, domains: [{ name: `matrix-config-${next()}.example`, paused: true }] }] },
    }),
  },

  // Domains.
  'GET /api/domains': { access: 'portal', request: async () => ({ path: '/api/domains?pageSize=200' }) },
  'POST /api/domains': { access: 'admin', orgResource: true, foreignStatuses: [400, 404], request: async () => ({ path: '/api/domains', body: { name: `matrix-${next()}.example`, clientId: w.clientA, paused: true } }) },
  'POST /api/domains/import': {
    access: 'admin',
    request: async () => ({ path: '/api/domains/import', body: { text: `matrix-import-${next()}.example`, defaultClient: 'Imported' } }),
  },
  'GET /api/domains/export.csv': { access: 'portal', request: async () => ({ path: '/api/domains/export.csv' }) },
  'GET /api/domains/:id': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/domains/${domainOf(side)}` }) },
  'PATCH /api/domains/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/domains/${await freshDomain(w.clientA)}`, body: { tags: ['patched'] } }) },
  'DELETE /api/domains/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/domains/${await freshDomain(w.clientA)}` }) },

  // Checks, snapshots, alerts, policies, provider events.
  'POST /api/domains/:id/check': { access: 'member', orgResource: true, request: async () => ({ path: `/api/domains/${w.domainA}/check` }) },
  'GET /api/domains/:id/checks': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/domains/${domainOf(side)}/checks` }) },
  'GET /api/checks/cycle': { access: 'member', request: async () => ({ path: '/api/checks/cycle' }) },
  'POST /api/checks/run-cycle': { access: 'admin', request: async () => ({ path: '/api/checks/run-cycle' }) },
  'GET /api/domains/:id/snapshots': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/domains/${domainOf(side)}/snapshots` }) },
  'GET /api/domains/:id/diff': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/domains/${domainOf(side)}/diff` }) },
  'GET /api/snapshots/:id': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/snapshots/${side === 'A' ? w.snapshotA : w.snapshotB}` }) },
  'GET /api/alerts': { access: 'portal', request: async () => ({ path: '/api/alerts?pageSize=200' }) },
  'GET /api/alerts/:id': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/alerts/${side === 'A' ? w.alertA : w.alertB}` }) },
  'POST /api/alerts/:id/acknowledge': { access: 'member', orgResource: true, request: async () => ({ path: `/api/alerts/${w.alertA}/acknowledge`, body: {} }) },
  'GET /api/alert-policies': { access: 'member', request: async () => ({ path: '/api/alert-policies' }) },
  'PUT /api/alert-policies': { access: 'admin', orgResource: true, request: async () => ({ path: '/api/alert-policies', body: { scope: { clientId: w.clientA }, thresholds: { lookupWarn: 9 } } }) },
  'GET /api/provider-events': { access: 'member', request: async () => ({ path: '/api/provider-events' }) },
  // The event touched both organizations: each sees it with its own domains only.
  'GET /api/provider-events/:id': { access: 'member', request: async () => ({ path: `/api/provider-events/${w.providerEvent}` }) },

  // Fleet and tools.
  'GET /api/fleet/summary': { access: 'portal', request: async () => ({ path: '/api/fleet/summary' }) },
  'GET /api/fleet/domains': { access: 'portal', request: async () => ({ path: '/api/fleet/domains?pageSize=200' }) },
  'POST /api/tools/check-host': { access: 'portal', request: async (caller) => ({ path: '/api/tools/check-host', body: { ip: '192.0.2.7', sender: `x@${caller.org === 'B' ? NAMES.domainO : NAMES.domainA}` } }) },
  'POST /api/tools/analyze': { access: 'portal', request: async (caller) => ({ path: '/api/tools/analyze', body: { domain: caller.org === 'B' ? NAMES.domainO : NAMES.domainA } }) },
  'GET /api/tools/services': { access: 'portal', request: async () => ({ path: '/api/tools/services' }) },

  // Notifications (the agency's settings and deliveries) and reports (the client portal downloads them).
  'GET /api/notification-channels': { access: 'admin', request: async () => ({ path: '/api/notification-channels' }) },
  'POST /api/notification-channels': { access: 'admin', request: async () => ({ path: '/api/notification-channels', body: { kind: 'email', name: `Matrix channel ${next()}`, config: { recipients: ['ops@agency.example'] } } }) },
  'GET /api/notification-channels/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/notification-channels/${w.channel}` }) },
  'PATCH /api/notification-channels/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/notification-channels/${await freshChannel()}`, body: { minSeverity: 'critical' } }) },
  'DELETE /api/notification-channels/:id': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/notification-channels/${await freshChannel()}` }) },
  // SMTP is not configured here: the attempt fails, and the answer (200) says so.
  'POST /api/notification-channels/:id/test': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/notification-channels/${w.channel}/test` }) },
  'POST /api/notification-channels/:id/rotate-secret': { access: 'admin', orgResource: true, request: async () => ({ path: `/api/notification-channels/${await freshChannel('webhook')}/rotate-secret` }) },
  'GET /api/notifications': { access: 'member', request: async () => ({ path: '/api/notifications?pageSize=200' }) },
  'GET /api/notifications/:id': { access: 'member', orgResource: true, request: async () => ({ path: `/api/notifications/${w.notification}` }) },
  'GET /api/reports': { access: 'portal', request: async () => ({ path: '/api/reports?pageSize=200' }) },
  'POST /api/reports': { access: 'member', orgResource: true, foreignStatuses: [400], request: async () => ({ path: '/api/reports', body: { clientId: w.clientA, from: '2026-01-01', to: '2026-01-07' } }) },
  'GET /api/reports/:id': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/reports/${reportOf(side)}` }) },
  'GET /api/reports/:id.pdf': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/reports/${reportOf(side)}.pdf` }) },
  'GET /api/reports/:id.csv': { access: 'portal', orgResource: true, clientResource: true, request: async (_c, side) => ({ path: `/api/reports/${reportOf(side)}.csv` }) },
  'GET /api/report-schedule': { access: 'member', request: async () => ({ path: '/api/report-schedule' }) },
  'PUT /api/report-schedule': { access: 'admin', request: async () => ({ path: '/api/report-schedule', body: { cron: '0 8 * * 1' } }) },
};

const RANK: Record<Exclude<Access, 'public' | 'portal'> | Role, number> = { client_viewer: 0, member: 1, admin: 2, owner: 3 };

/** 'ok' or the status the caller must get. */
function expectedOutcome(route: RouteExpectation, caller: Caller, side: Side): 'ok' | 401 | 403 | 404 {
  if (route.access === 'public') return 'ok';
  if (caller.kind === 'anonymous') return 401;
  if (caller.kind === 'client') {
    if (route.access !== 'portal') return 404;
    return side === 'B' && route.clientResource ? 404 : 'ok';
  }
  if (route.sessionOnly && caller.via === 'token') return 403;
  const needed = route.access === 'portal' ? 'member' : route.access;
  if (RANK[caller.role!] < RANK[needed]) return 403;
  if (caller.org === 'B' && route.orgResource) return 404;
  return 'ok';
}

function forbiddenMarkers(caller: Caller): Set<string> {
  if (caller.org === 'B') return markers.orgA;
  if (caller.kind === 'client') return new Set([...markers.orgB, ...markers.clientB]);
  return markers.orgB;
}

async function send(method: string, spec: RequestSpec, caller: Caller): Promise<supertest.Response> {
  const agent = spec.agent ?? caller.agent;
  let request = (agent as unknown as Record<string, (url: string) => supertest.Test>)[method.toLowerCase()]!(spec.path);
  if (spec.contentType) request = request.set('content-type', spec.contentType);
  if (spec.body !== undefined) request = request.send(spec.body as object);
  return request;
}

// ─────────────────────────────────────── seeding ───────────────────────────────────────

function setZone(bad: boolean): void {
  const records: Record<string, Zone['records'][string]> = {};
  for (const name of [NAMES.domainA, NAMES.domainB, NAMES.domainO]) {
    records[name] = { TXT: [bad ? `v=spf1 include:gone.${name} -all` : 'v=spf1 ip4:192.0.2.0/24 -all'] };
  }
  fixture.setZone({ ...ZONE, records });
}

async function seed(): Promise<void> {
  await resetDatabase(t.prisma);
  w.orgA = t.orgId;
  await t.prisma.organization.update({ where: { id: w.orgA }, data: { name: NAMES.orgA } });
  await t.prisma.user.update({ where: { id: t.ownerId }, data: { name: 'Owner ZX7731' } });
  w.orgB = (await t.prisma.organization.create({ data: { name: NAMES.orgB, slug: 'omega-wv9182' } })).id;

  // Organization A through the API (the audit log gets entries naming them).
  w.clientA = (await t.http.post('/api/clients').send({ name: NAMES.clientA }).expect(201)).body.id;
  w.clientB = (await t.http.post('/api/clients').send({ name: NAMES.clientB }).expect(201)).body.id;
  w.domainA = (await t.http.post('/api/domains').send({ name: NAMES.domainA, clientId: w.clientA }).expect(201)).body.id;
  w.domainB = (await t.http.post('/api/domains').send({ name: NAMES.domainB, clientId: w.clientB }).expect(201)).body.id;
  await t.http.put('/api/alert-policies').send({ scope: { clientId: w.clientA }, thresholds: { lookupWarn: 7 } }).expect(200);
  await t.http.put('/api/alert-policies').send({ scope: { clientId: w.clientB }, thresholds: { lookupWarn: 6 } }).expect(200);
  await t.http.post('/api/tokens').send({ name: 'Automation ZX7731', role: 'member' }).expect(201);
  await t.http.post('/api/invitations').send({ email: 'invitee-zx7731@spfwatch.test', role: 'client_viewer', clientIds: [w.clientA] }).expect(201);

  // Organization B directly.
  w.clientO = (await t.prisma.client.create({ data: { organizationId: w.orgB, name: NAMES.clientO } })).id;
  w.domainO = (await t.prisma.domain.create({ data: { organizationId: w.orgB, clientId: w.clientO, name: NAMES.domainO } })).id;
  await t.prisma.alertPolicy.create({ data: { organizationId: w.orgB, clientId: w.clientO, scopeKey: `client:${w.clientO}`, lookupWarn: 5 } });
  await createApiToken(t.prisma, { organizationId: w.orgB, role: 'admin', name: 'Omega token WV9182' });
  await t.prisma.invitation.create({
    data: { organizationId: w.orgB, email: 'invitee-wv9182@spfwatch.test', role: 'member', tokenHash: sha256Hex(randomSecret()), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await t.prisma.auditEvent.create({ data: { organizationId: w.orgB, actorType: 'user', actorLabel: 'omega-owner-wv9182@spfwatch.test', action: 'domain.created', targetType: 'domain', targetLabel: NAMES.domainO } });

  // Two real checks per domain: a broken record (a permerror alert), then a fixed one (a second snapshot, a diff).
  const checks = t.app.get(ChecksService);
  for (const bad of [true, false]) {
    setZone(bad);
    await checks.checkDomain(w.orgA, w.domainA);
    await checks.checkDomain(w.orgA, w.domainB);
    await checks.checkDomain(w.orgB, w.domainO);
  }
  w.snapshotA = (await t.prisma.snapshot.findFirstOrThrow({ where: { domainId: w.domainA } })).id;
  w.snapshotB = (await t.prisma.snapshot.findFirstOrThrow({ where: { domainId: w.domainB } })).id;
  w.alertA = (await t.prisma.alert.findFirstOrThrow({ where: { domainId: w.domainA } })).id;
  w.alertB = (await t.prisma.alert.findFirstOrThrow({ where: { domainId: w.domainB } })).id;

  // One provider event that touched a domain of each client and organization.
  w.providerEvent = (await t.prisma.providerEvent.create({ data: { includeDomain: '_spf.shared-provider.example', diff: {}, affectedDomainCount: 3 } })).id;
  await t.prisma.providerEventDomain.createMany({ data: [w.domainA, w.domainB, w.domainO].map((domainId) => ({ providerEventId: w.providerEvent, domainId })) });

  // A channel with one (test) notification, and a stored report of each client.
  w.channel = (await t.http.post('/api/notification-channels').send({ kind: 'email', name: 'Ops ZX7731', config: { recipients: ['ops-zx7731@agency.example'] } }).expect(201)).body.id;
  w.notification = (await t.http.post(`/api/notification-channels/${w.channel}/test`).expect(200)).body.notificationId;
  const reports = t.app.get(ReportsService);
  const period = { kind: 'on_demand' as const, periodStart: new Date('2026-01-01T00:00:00Z'), periodEnd: new Date(), scheduleKey: null };
  w.reportA = (await reports.generate({ organizationId: w.orgA, clientId: w.clientA, ...period }))!.id;
  w.reportB = (await reports.generate({ organizationId: w.orgA, clientId: w.clientB, ...period }))!.id;
}

async function collectMarkers(): Promise<void> {
  const idsOf = async (organizationId: string, clientId?: string): Promise<string[]> => {
    const domainWhere = clientId ? { clientId } : { organizationId };
    const [clients, domains, snapshots, runs, alerts, policies, reports, tokens, invitations, memberships, audit] = await Promise.all([
      t.prisma.client.findMany({ where: clientId ? { id: clientId } : { organizationId }, select: { id: true } }),
      t.prisma.domain.findMany({ where: domainWhere, select: { id: true } }),
      t.prisma.snapshot.findMany({ where: { domain: domainWhere }, select: { id: true } }),
      t.prisma.checkRun.findMany({ where: { domain: domainWhere }, select: { id: true } }),
      t.prisma.alert.findMany({ where: { domain: domainWhere }, select: { id: true } }),
      t.prisma.alertPolicy.findMany({ where: clientId ? { clientId } : { organizationId }, select: { id: true } }),
      t.prisma.report.findMany({ where: clientId ? { clientId } : { organizationId }, select: { id: true } }),
      clientId ? [] : t.prisma.apiToken.findMany({ where: { organizationId }, select: { id: true } }),
      clientId ? [] : t.prisma.invitation.findMany({ where: { organizationId }, select: { id: true } }),
      clientId ? [] : t.prisma.membership.findMany({ where: { organizationId }, select: { userId: true, user: { select: { email: true } } } }),
      clientId ? [] : t.prisma.auditEvent.findMany({ where: { organizationId }, select: { id: true } }),
    ]);
    return [
      ...(clientId ? [] : [organizationId]),
      ...[clients, domains, snapshots, runs, alerts, policies, reports, tokens, invitations, audit].flat().map((r) => r.id),
      ...memberships.flatMap((m) => [m.userId, m.user.email]),
    ];
  };
  markers.orgA = new Set(['ZX7731', 'QK4410', NAMES.orgA, ...(await idsOf(w.orgA))]);
  markers.orgB = new Set(['WV9182', NAMES.orgB, ...(await idsOf(w.orgB))]);
  markers.clientB = new Set(['QK4410', ...(await idsOf(w.orgA, w.clientB))]);
}

beforeAll(async () => {
  fixture = await startDnsFixture({ zone: ZONE, port: 0 });
  t = await createTestApp({ dnsServers: [fixture.address], env: { DNS_TIMEOUT_MS: 300, DNS_RESOLVER: 'wire' } });
  await seed();

  const admin = await loginAs(t, 'admin', { name: 'Admin ZX7731' });
  const member = await loginAs(t, 'member', { name: 'Member ZX7731' });
  const viewer = await loginAs(t, 'client_viewer', { clientIds: [w.clientA], name: 'Viewer ZX7731' });
  const otherOwner = await loginAs(t, 'owner', { organizationId: w.orgB, email: 'omega-owner-wv9182@spfwatch.test', name: 'Omega Owner WV9182' });
  const clientToken = await createApiToken(t.prisma, { organizationId: w.orgA, role: 'client_viewer', clientIds: [w.clientA], name: 'Portal token ZX7731' });
  const adminToken = await createApiToken(t.prisma, { organizationId: w.orgA, role: 'admin', name: 'Admin token ZX7731' });
  await cachedHash();

  callers = [
    { name: 'anonymous', kind: 'anonymous', role: null, via: null, org: 'A', agent: t.anonymous },
    { name: 'owner', kind: 'staff', role: 'owner', via: 'session', org: 'A', agent: t.http, credentials: { email: TEST_OWNER_EMAIL, password: TEST_PASSWORD } },
    { name: 'admin', kind: 'staff', role: 'admin', via: 'session', org: 'A', agent: admin.agent, credentials: { email: admin.user.email, password: admin.user.password } },
    { name: 'member', kind: 'staff', role: 'member', via: 'session', org: 'A', agent: member.agent, credentials: { email: member.user.email, password: member.user.password } },
    { name: 'admin token', kind: 'staff', role: 'admin', via: 'token', org: 'A', agent: tokenAgent(t.app, adminToken.token) },
    { name: 'client viewer (client A)', kind: 'client', role: 'client_viewer', via: 'session', org: 'A', agent: viewer.agent, credentials: { email: viewer.user.email, password: viewer.user.password } },
    { name: 'client token (client A)', kind: 'client', role: 'client_viewer', via: 'token', org: 'A', agent: tokenAgent(t.app, clientToken.token) },
    { name: 'owner of another organization', kind: 'staff', role: 'owner', via: 'session', org: 'B', agent: otherOwner.agent, credentials: { email: otherOwner.user.email, password: otherOwner.user.password } },
  ];
  await collectMarkers();
}, 120_000);

afterAll(async () => {
  await t?.close();
  await fixture?.stop();
});

function servedRoutes(): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (instance.router ?? instance._router)!.stack as Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
  const routes: string[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) if (method !== '_all') routes.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return routes;
}

it('declares an expectation for every route the app serves (and only for those)', () => {
  const served = servedRoutes();
  expect(served.length).toBeGreaterThan(50);
  expect(served.filter((route) => !(route in ROUTES))).toEqual([]);
  expect(Object.keys(ROUTES).filter((route) => !served.includes(route))).toEqual([]);
});

describe.each(Object.keys(ROUTES))('%s', (key) => {
  it('answers each caller as declared, and leaks nothing of another tenant or client', async () => {
    const route = ROUTES[key]!;
    const method = key.split(' ')[0]!;
    const problems: string[] = [];
    for (const caller of callers) {
      const sides: Side[] = caller.kind === 'client' && route.clientResource ? ['A', 'B'] : ['A'];
      for (const side of sides) {
        const spec = await route.request(caller, side);
        const response = await send(method, spec, caller);
        const expected = expectedOutcome(route, caller, side);
        const okStatuses = route.ok ?? [200, 201, 204];
        const refused: number[] = expected === 'ok' ? [] : expected === 404 && caller.org === 'B' && route.foreignStatuses ? route.foreignStatuses : [expected];
        const good = expected === 'ok' ? okStatuses.includes(response.status) : refused.includes(response.status);
        const label = `${caller.name}${sides.length > 1 ? ` (client ${side}'s resource)` : ''}`;
        if (!good) problems.push(`${label}: expected ${expected === 'ok' ? okStatuses.join('/') : expected}, got ${response.status} ${response.text.slice(0, 200)}`);
        const sent = `${spec.path} ${JSON.stringify(spec.body ?? '')}`;
        // Error bodies of refused callers name no resource they did not name themselves.
        const ids = expected === 'ok' ? [] : (JSON.stringify(response.body?.details ?? '').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
        for (const id of ids) if (!sent.includes(id)) problems.push(`${label}: the refusal carries details ${JSON.stringify(response.body.details)}`);
        if (route.noScan) continue;
        const text = response.text ?? JSON.stringify(response.body);
        for (const marker of forbiddenMarkers(caller)) {
          if (!sent.includes(marker) && text.includes(marker)) problems.push(`${label}: response leaks "${marker}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
