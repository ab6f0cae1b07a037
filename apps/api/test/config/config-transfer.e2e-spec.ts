/**
 * GET /api/organization/export and POST /api/organization/import over HTTP against the real
 * database: an export imports into a second organization and exports back the same; a second
 * import creates nothing; a dry run and a bad document write nothing; roles and the audit log.
 */
import type { AuditPage, ConfigDocumentInput, ConfigExport, ConfigImportReport, CreateChannelBody, PutAlertPolicyBody } from '@spfwatch/contracts';
import { ManualClock } from '../../src/common/clock';
import { ChannelsService } from '../../src/modules/notifications/channels.service';
import { createApiToken, createTestApp, loginAs, resetDatabase, type TestAgent, type TestApp, tokenAgent } from '../support/app';

const NOW = '2026-11-22T10:00:00.000Z';
const clock = new ManualClock(NOW);
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetDatabase(t.prisma);
});

/** Organization A (the default one) set up through the API: two clients, three domains, three policies, three channels, a schedule. */
async function seedSource(): Promise<{ acme: string; globex: string }> {
  await t.http.patch('/api/organization').send({ timeZone: 'Europe/Paris' }).expect(200);
  const acme = (await t.http.post('/api/clients').send({ name: 'Acme Corp', notes: 'Key account' }).expect(201)).body.id as string;
  const globex = (await t.http.post('/api/clients').send({ name: 'Globex' }).expect(201)).body.id as string;
  await t.http.post('/api/domains').send({ name: 'acme.example', clientId: acme, tags: ['vip', 'eu'], checkIntervalMinutes: 30 }).expect(201);
  const shop = (await t.http.post('/api/domains').send({ name: 'shop.acme.example', clientId: acme, paused: true }).expect(201)).body.id as string;
  const globexDomain = (await t.http.post('/api/domains').send({ name: 'globex.example', clientId: globex }).expect(201)).body.id as string;
  const policies: PutAlertPolicyBody[] = [
    { thresholds: { lookupWarn: 7 } },
    { scope: { clientId: acme }, types: { record_changed: { enabled: false }, lookup_warning: { severity: 'info' } } },
    { scope: { domainId: shop }, thresholds: { tempErrorChecks: 5, voidLimit: 0 } },
  ];
  for (const body of policies) await t.http.put('/api/alert-policies').send(body).expect(200);
  const channels: CreateChannelBody[] = [
    { kind: 'email', name: 'Ops mailbox', config: { recipients: ['ops@agency.example'] } },
    { kind: 'webhook', name: 'Acme SIEM', config: { url: 'https://siem.acme.example/hook', timeoutMs: 5000 }, clientId: acme, quietHours: { start: '22:00', end: '07:00' }, events: ['alerts', 'reports'] },
    { kind: 'slack', name: 'Globex Slack', config: { url: 'https://hooks.slack.com/services/T000/B000/SECRETPATH' }, domainId: globexDomain, minSeverity: 'critical', enabled: false },
  ];
  for (const body of channels) await t.http.post('/api/notification-channels').send(body).expect(201);
  await t.http.put('/api/report-schedule').send({ cron: '30 7 * * 1', enabled: false }).expect(200);
  return { acme, globex };
}

/** A second organization with its own signed-in owner. */
async function secondOrganization(slug = 'second'): Promise<{ orgId: string; owner: TestAgent }> {
  const org = await t.prisma.organization.create({ data: { name: `Second agency ${slug}`, slug } });
  const { agent } = await loginAs(t, 'owner', { organizationId: org.id });
  return { orgId: org.id, owner: agent };
}

async function exportOf(agent: TestAgent): Promise<ConfigExport> {
  return (await agent.get('/api/organization/export').expect(200)).body as ConfigExport;
}

/** The document minus what depends on the organization and the moment. */
function comparable(doc: ConfigExport): Omit<ConfigExport, 'exportedAt' | 'organization'> {
  const { exportedAt: _at, organization: _org, ...rest } = doc;
  return rest;
}

async function counts(organizationId: string): Promise<Record<string, number>> {
  const where = { organizationId };
  const [clients, domains, policies, channels, schedules] = await Promise.all([
    t.prisma.client.count({ where }),
    t.prisma.domain.count({ where }),
    t.prisma.alertPolicy.count({ where }),
    t.prisma.notificationChannel.count({ where }),
    t.prisma.reportSchedule.count({ where }),
  ]);
  return { clients, domains, policies, channels, schedules };
}

const NOTHING = { clients: 0, domains: 0, policies: 0, channels: 0, schedules: 0 };

describe('GET /api/organization/export', () => {
  it('downloads the configuration by name, versioned, URLs included and no webhook secret', async () => {
    await seedSource();
    const res = await t.http.get('/api/organization/export').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="spfwatch-config-default-2026-11-22.json"');
    const doc = res.body as ConfigExport;
    expect(doc).toEqual({
      format: 'spfwatch-config',
      version: 1,
      exportedAt: NOW,
      organization: { name: 'Default organization', timeZone: 'Europe/Paris' },
      clients: [
        {
          name: 'Acme Corp',
          notes: 'Key account',
          domains: [
            { name: 'acme.example', tags: ['vip', 'eu'], checkIntervalMinutes: 30, paused: false },
            { name: 'shop.acme.example', tags: [], checkIntervalMinutes: 60, paused: true },
          ],
        },
        { name: 'Globex', notes: null, domains: [{ name: 'globex.example', tags: [], checkIntervalMinutes: 60, paused: false }] },
      ],
      alertPolicies: [
        { scope: {}, thresholds: { lookupWarn: 7, lookupLimit: null, tempErrorChecks: null, voidLimit: null }, types: {} },
        { scope: { client: 'Acme Corp' }, thresholds: { lookupWarn: null, lookupLimit: null, tempErrorChecks: null, voidLimit: null }, types: { record_changed: { enabled: false }, lookup_warning: { severity: 'info' } } },
        { scope: { domain: 'shop.acme.example' }, thresholds: { lookupWarn: null, lookupLimit: null, tempErrorChecks: 5, voidLimit: 0 }, types: {} },
      ],
      notificationChannels: [
        { name: 'Ops mailbox', kind: 'email', config: { recipients: ['ops@agency.example'] }, binding: {}, minSeverity: 'warning', events: ['alerts'], quietHours: null, enabled: true },
        {
          name: 'Acme SIEM',
          kind: 'webhook',
          config: { url: 'https://siem.acme.example/hook', timeoutMs: 5000 },
          binding: { client: 'Acme Corp' },
          minSeverity: 'warning',
          events: ['alerts', 'reports'],
          quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
          enabled: true,
        },
        {
          name: 'Globex Slack',
          kind: 'slack',
          config: { url: 'https://hooks.slack.com/services/T000/B000/SECRETPATH', timeoutMs: 10000 },
          binding: { domain: 'globex.example' },
          minSeverity: 'critical',
          events: ['alerts'],
          quietHours: null,
          enabled: false,
        },
      ],
      reportSchedule: { cron: '30 7 * * 1', enabled: false },
    } satisfies ConfigExport);
    // Never the signing secret, nor any id.
    const secret = (await t.prisma.notificationChannel.findFirstOrThrow({ where: { kind: 'webhook' } })).secret!;
    expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain('whsec_');
    expect(res.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });

  it('exports an empty organization with the default schedule', async () => {
    const doc = await exportOf(t.http);
    expect(comparable(doc)).toEqual({ format: 'spfwatch-config', version: 1, clients: [], alertPolicies: [], notificationChannels: [], reportSchedule: { cron: '0 8 * * 1', enabled: true } });
  });
});

describe('POST /api/organization/import', () => {
  it('round-trips into a second organization: the same clients, domains, policies, channels and schedule; new webhook secrets returned once', async () => {
    await seedSource();
    const source = await exportOf(t.http);
    const second = await secondOrganization();

    const report = (await second.owner.post('/api/organization/import').send(source).expect(200)).body as ConfigImportReport;
    expect(report).toEqual({
      dryRun: false,
      clients: { created: ['Acme Corp', 'Globex'], existing: [] },
      domains: { created: ['acme.example', 'shop.acme.example', 'globex.example'], existing: [], invalid: [] },
      policies: { created: [{}, { client: 'Acme Corp' }, { domain: 'shop.acme.example' }], updated: [], unchanged: [] },
      channels: { created: ['Ops mailbox', 'Acme SIEM', 'Globex Slack'], existing: [], secrets: [{ name: 'Acme SIEM', secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) }] },
      schedule: 'updated',
    } satisfies ConfigImportReport);

    // The new webhook signs with the secret in the report, not the source's.
    const [theirs, ours] = await Promise.all([
      t.prisma.notificationChannel.findFirstOrThrow({ where: { organizationId: second.orgId, kind: 'webhook' } }),
      t.prisma.notificationChannel.findFirstOrThrow({ where: { organizationId: t.orgId, kind: 'webhook' } }),
    ]);
    expect(theirs.secret).toBe(report.channels.secrets[0]!.secret);
    expect(theirs.secret).not.toBe(ours.secret);

    // Exported again from the second organization: the same configuration.
    const copy = await exportOf(second.owner);
    expect(comparable(copy)).toEqual(comparable(source));
    expect(copy.organization.name).toBe('Second agency second');
    // The bindings point at the second organization's own rows.
    const globex = await t.prisma.domain.findFirstOrThrow({ where: { organizationId: second.orgId, name: 'globex.example' } });
    expect(await t.prisma.notificationChannel.findFirstOrThrow({ where: { organizationId: second.orgId, kind: 'slack' } })).toMatchObject({ domainId: globex.id });
    expect(await t.prisma.domain.findFirstOrThrow({ where: { organizationId: second.orgId, name: 'acme.example' } })).toMatchObject({ nextCheckAt: new Date(NOW), checkIntervalMinutes: 30 });
    // The source is untouched.
    expect(await counts(t.orgId)).toEqual({ clients: 2, domains: 3, policies: 3, channels: 3, schedules: 1 });
  });

  it('creates nothing the second time', async () => {
    await seedSource();
    const source = await exportOf(t.http);
    const second = await secondOrganization();
    await second.owner.post('/api/organization/import').send(source).expect(200);
    const before = await counts(second.orgId);
    const updatedAt = (await t.prisma.alertPolicy.findMany({ where: { organizationId: second.orgId }, orderBy: { scopeKey: 'asc' } })).map((p) => p.updatedAt.getTime());

    const again = (await second.owner.post('/api/organization/import').send(source).expect(200)).body as ConfigImportReport;
    expect(again).toEqual({
      dryRun: false,
      clients: { created: [], existing: ['Acme Corp', 'Globex'] },
      domains: { created: [], existing: ['acme.example', 'shop.acme.example', 'globex.example'], invalid: [] },
      policies: { created: [], updated: [], unchanged: [{}, { client: 'Acme Corp' }, { domain: 'shop.acme.example' }] },
      channels: { created: [], existing: ['Ops mailbox', 'Acme SIEM', 'Globex Slack'], secrets: [] },
      schedule: 'unchanged',
    } satisfies ConfigImportReport);
    expect(await counts(second.orgId)).toEqual(before);
    expect((await t.prisma.alertPolicy.findMany({ where: { organizationId: second.orgId }, orderBy: { scopeKey: 'asc' } })).map((p) => p.updatedAt.getTime())).toEqual(updatedAt);
  });

  it('merges by name and never deletes: an existing domain is left as it is, a changed policy is updated', async () => {
    const acme = (await t.http.post('/api/clients').send({ name: 'ACME corp', notes: 'ours' }).expect(201)).body.id as string;
    const other = (await t.http.post('/api/clients').send({ name: 'Elsewhere' }).expect(201)).body.id as string;
    await t.http.post('/api/domains').send({ name: 'acme.example', clientId: other, tags: ['keep'] }).expect(201);
    await t.http.post('/api/domains').send({ name: 'untouched.example', clientId: acme }).expect(201);
    await t.http.put('/api/alert-policies').send({ scope: { clientId: acme }, thresholds: { lookupWarn: 6 } }).expect(200);
    await t.http.post('/api/notification-channels').send({ kind: 'email', name: 'ops mailbox', config: { recipients: ['keep@agency.example'] } }).expect(201);

    const doc: ConfigDocumentInput = {
      format: 'spfwatch-config',
      version: 1,
      clients: [{ name: 'Acme Corp', notes: 'theirs', domains: [{ name: 'ACME.example.', tags: ['new'] }, { name: 'new.acme.example' }, { name: 'localhost' }, { name: 'New.acme.example' }] }],
      alertPolicies: [{ scope: { client: 'acme corp' }, thresholds: { lookupWarn: 5 } }, { scope: { domain: 'acme.example' }, types: { permerror: { severity: 'warning' } } }],
      notificationChannels: [
        { kind: 'email', name: 'Ops mailbox', config: { recipients: ['theirs@agency.example'] } },
        { kind: 'email', name: 'Ops mailbox', config: { recipients: ['second@agency.example'] }, binding: { domain: 'new.acme.example' } },
      ],
    };
    const report = (await t.http.post('/api/organization/import').send(doc).expect(200)).body as ConfigImportReport;
    expect(report).toEqual({
      dryRun: false,
      clients: { created: [], existing: ['ACME corp'] },
      domains: {
        created: ['new.acme.example'],
        existing: ['acme.example'],
        invalid: [
          { name: 'localhost', reason: "'localhost' is not a fully qualified domain name (it has a single label)" },
          { name: 'new.acme.example', reason: 'listed twice in the document (first under client "Acme Corp")' },
        ],
      },
      policies: { created: [{ domain: 'acme.example' }], updated: [{ client: 'ACME corp' }], unchanged: [] },
      channels: { created: ['Ops mailbox'], existing: ['Ops mailbox'], secrets: [] },
      schedule: 'unchanged',
    } satisfies ConfigImportReport);

    const stored = await t.prisma.domain.findMany({ where: { organizationId: t.orgId }, orderBy: { name: 'asc' }, select: { name: true, tags: true, client: { select: { name: true, notes: true } } } });
    expect(stored).toEqual([
      { name: 'acme.example', tags: ['keep'], client: { name: 'Elsewhere', notes: null } },
      { name: 'new.acme.example', tags: [], client: { name: 'ACME corp', notes: 'ours' } },
      { name: 'untouched.example', tags: [], client: { name: 'ACME corp', notes: 'ours' } },
    ]);
    expect((await t.prisma.alertPolicy.findFirstOrThrow({ where: { clientId: acme } })).lookupWarn).toBe(5);
    const channels = await t.prisma.notificationChannel.findMany({ where: { organizationId: t.orgId }, orderBy: { createdAt: 'asc' }, select: { config: true, domainId: true } });
    expect(channels.map((c) => c.config)).toEqual([{ recipients: ['keep@agency.example'] }, { recipients: ['second@agency.example'] }]);
  });

  it('previews with dryRun=true and writes nothing', async () => {
    await seedSource();
    const source = await exportOf(t.http);
    const second = await secondOrganization();
    const preview = (await second.owner.post('/api/organization/import?dryRun=true').send(source).expect(200)).body as ConfigImportReport;
    expect(preview).toMatchObject({
      dryRun: true,
      clients: { created: ['Acme Corp', 'Globex'], existing: [] },
      domains: { created: ['acme.example', 'shop.acme.example', 'globex.example'], existing: [], invalid: [] },
      policies: { created: [{}, { client: 'Acme Corp' }, { domain: 'shop.acme.example' }] },
      channels: { created: ['Ops mailbox', 'Acme SIEM', 'Globex Slack'], existing: [], secrets: [] },
      schedule: 'updated',
    });
    expect(await counts(second.orgId)).toEqual(NOTHING);
    expect(await t.prisma.auditEvent.count({ where: { organizationId: second.orgId, action: 'organization.imported' } })).toBe(0);
    // The real import answers the same, plus the secrets.
    const real = (await second.owner.post('/api/organization/import').send(source).expect(200)).body as ConfigImportReport;
    expect({ ...real, dryRun: true, channels: { ...real.channels, secrets: [] } }).toEqual(preview);
  });

  it('answers 400 naming every bad field, and writes nothing', async () => {
    const doc = {
      format: 'spfwatch-config',
      version: 1,
      clients: [{ name: 'Fine client', domains: [{ name: 'fine.example' }] }, { name: 'Bad client', domains: [{ name: 'bad.example', checkIntervalMinutes: 1 }] }],
      notificationChannels: [{ kind: 'webhook', name: 'Hook', config: { url: 'ftp://nope' } }],
    };
    const res = await t.http.post('/api/organization/import').send(doc).expect(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.details.issues).toEqual([
      { path: 'clients.1.domains.0.checkIntervalMinutes', message: 'the check interval is at least 5 minutes' },
      { path: 'notificationChannels.0.config.url', message: 'Expected an http(s) URL' },
    ]);
    expect(res.body.message).toContain('clients.1.domains.0.checkIntervalMinutes');
    expect(await counts(t.orgId)).toEqual(NOTHING);
  });

  it('answers 400 for references and rules checked against the organization (missing names, inherited thresholds, cron), writing nothing', async () => {
    const acme = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    await t.http.put('/api/alert-policies').send({ thresholds: { lookupWarn: 4, lookupLimit: 6 } }).expect(200);
    const doc: ConfigDocumentInput = {
      format: 'spfwatch-config',
      version: 1,
      clients: [{ name: 'New client', domains: [{ name: 'new.example' }] }, { name: 'new CLIENT' }],
      alertPolicies: [{ scope: { client: 'Nobody' } }, { scope: { client: 'Acme' }, thresholds: { lookupWarn: 7 } }, { scope: { domain: 'nowhere.example' } }, { scope: { client: 'acme' } }],
      notificationChannels: [{ kind: 'email', name: 'Mail', config: { recipients: ['a@agency.example'] }, binding: { client: 'Ghost' } }],
      reportSchedule: { cron: 'every monday', enabled: true },
    };
    const res = await t.http.post('/api/organization/import').send(doc).expect(400);
    expect(res.body.details.issues).toEqual([
      { path: 'clients.1.name', message: '"new CLIENT" is listed twice (see clients.0)' },
      { path: 'alertPolicies.0.scope.client', message: 'No client "Nobody" in this document or this organization' },
      { path: 'alertPolicies.2.scope.domain', message: 'No domain "nowhere.example" in this document or this organization' },
      { path: 'alertPolicies.3.scope', message: 'A policy for this scope is already at alertPolicies.1' },
      { path: 'alertPolicies.1.thresholds.lookupWarn', message: 'must not exceed the effective lookupLimit 6' },
      { path: 'notificationChannels.0.binding.client', message: 'No client "Ghost" in this document or this organization' },
      { path: 'reportSchedule.cron', message: 'Expected 5 fields (minute hour day-of-month month day-of-week), e.g. "0 8 * * 1"' },
    ]);
    expect(await counts(t.orgId)).toEqual({ ...NOTHING, clients: 1, policies: 1 });
    expect((await t.prisma.client.findMany({ select: { id: true } })).map((c) => c.id)).toEqual([acme]);
  });

  it('answers 400 with one clear message for another file or version', async () => {
    const wrong = await t.http.post('/api/organization/import').send({ clients: [] }).expect(400);
    expect(wrong.body).toMatchObject({ error: 'validation_failed', message: 'Not a spfwatch configuration export: "format" must be "spfwatch-config" (it is missing)', details: { issues: [{ path: 'format' }] } });
    const newer = await t.http.post('/api/organization/import').send({ format: 'spfwatch-config', version: 2 }).expect(400);
    expect(newer.body.message).toBe('Version 2 of the spfwatch-config format is newer than this spfwatch reads (version 1): upgrade spfwatch first');
    const odd = await t.http.post('/api/organization/import').send({ format: 'spfwatch-config', version: '1' }).expect(400);
    expect(odd.body.message).toBe('Unsupported spfwatch-config version "1": this spfwatch reads version 1');
    const array = await t.http.post('/api/organization/import').send([1, 2]).expect(400);
    expect(array.body.message).toBe('Expected a JSON object: a spfwatch configuration export');
    const unknownField = await t.http.post('/api/organization/import').send({ format: 'spfwatch-config', version: 1, clientz: [] }).expect(400);
    expect(unknownField.body.details.issues).toEqual([{ path: '', message: 'Unknown field(s): clientz' }]);
  });

  it('answers 413 past BODY_LIMIT and past the domain import limit', async () => {
    const big = { format: 'spfwatch-config', version: 1, clients: [{ name: 'Big', notes: 'x'.repeat(9_000), domains: [] }], padding: 'x'.repeat(1_100_000) };
    const res = await t.http.post('/api/organization/import').send(big).expect(413);
    expect(res.body.error).toBe('payload_too_large');
    const many = { format: 'spfwatch-config', version: 1, clients: [{ name: 'Many', domains: Array.from({ length: 20_001 }, (_, i) => ({ name: `d${i}.example` })) }] };
    const tooMany = await t.http.post('/api/organization/import').send(many).expect(413);
    expect(tooMany.body.message).toContain('20,000');
    expect(await counts(t.orgId)).toEqual(NOTHING);
  });

  it('keeps nothing when a write fails midway (one transaction)', async () => {
    await seedSource();
    const source = await exportOf(t.http);
    const second = await secondOrganization();
    const channels = t.app.get(ChannelsService);
    const spy = jest.spyOn(channels, 'createMany').mockRejectedValueOnce(new Error('disk on fire'));
    try {
      await second.owner.post('/api/organization/import').send(source).expect(500);
    } finally {
      spy.mockRestore();
    }
    expect(await counts(second.orgId)).toEqual(NOTHING);
  });
});

describe('roles and tenants', () => {
  it('export: owner, admin and admin tokens; import: owner only; members 403; client viewers 404', async () => {
    const { acme } = await seedSource();
    const admin = await loginAs(t, 'admin');
    const member = await loginAs(t, 'member');
    const viewer = await loginAs(t, 'client_viewer', { clientIds: [acme] });
    const adminToken = tokenAgent(t.app, (await createApiToken(t.prisma, { organizationId: t.orgId, role: 'admin' })).token);
    const viewerToken = tokenAgent(t.app, (await createApiToken(t.prisma, { organizationId: t.orgId, role: 'client_viewer', clientIds: [acme] })).token);
    const doc = await exportOf(admin.agent);
    expect(doc.clients).toHaveLength(2);
    await adminToken.get('/api/organization/export').expect(200);
    await member.agent.get('/api/organization/export').expect(403);
    await viewer.agent.get('/api/organization/export').expect(404);
    await viewerToken.get('/api/organization/export').expect(404);

    const forbidden = await admin.agent.post('/api/organization/import').send(doc).expect(403);
    expect(forbidden.body.message).toContain('owner');
    await adminToken.post('/api/organization/import').send(doc).expect(403);
    await member.agent.post('/api/organization/import').send(doc).expect(403);
    await viewer.agent.post('/api/organization/import').send(doc).expect(404);
    await t.anonymous.get('/api/organization/export').expect(401);
    await t.anonymous.post('/api/organization/import').send(doc).expect(401);
  });

  it("another organization's owner exports and imports only their own", async () => {
    await seedSource();
    const second = await secondOrganization();
    const theirs = await exportOf(second.owner);
    expect(comparable(theirs)).toEqual({ format: 'spfwatch-config', version: 1, clients: [], alertPolicies: [], notificationChannels: [], reportSchedule: { cron: '0 8 * * 1', enabled: true } });
    // Their import names our clients: it creates theirs, ours stay as they are.
    const report = (await second.owner
      .post('/api/organization/import')
      .send({ format: 'spfwatch-config', version: 1, clients: [{ name: 'Acme Corp', domains: [{ name: 'acme.example' }] }], alertPolicies: [{ scope: { domain: 'acme.example' }, thresholds: { lookupWarn: 3 } }] } satisfies ConfigDocumentInput)
      .expect(200)).body as ConfigImportReport;
    expect(report.clients.created).toEqual(['Acme Corp']);
    expect(report.domains.created).toEqual(['acme.example']);
    expect(report.policies.created).toEqual([{ domain: 'acme.example' }]);
    expect(await counts(t.orgId)).toEqual({ clients: 2, domains: 3, policies: 3, channels: 3, schedules: 1 });
    expect(await counts(second.orgId)).toEqual({ clients: 1, domains: 1, policies: 1, channels: 0, schedules: 0 });
  });
});

describe('audit', () => {
  it('records organization.exported and organization.imported (counts, never secrets); a dry run records nothing', async () => {
    await seedSource();
    const source = await exportOf(t.http);
    const second = await secondOrganization();
    await second.owner.post('/api/organization/import?dryRun=true').send(source).expect(200);
    const report = (await second.owner.post('/api/organization/import').send(source).expect(200)).body as ConfigImportReport;

    const ours = (await t.http.get('/api/audit?action=organization.').expect(200)).body as AuditPage;
    expect(ours.items.map((e) => [e.action, e.actor.label, e.details])).toEqual([
      ['organization.exported', 'owner@spfwatch.test', { clients: 2, domains: 3, policies: 3, channels: 3 }],
    ]);
    const theirs = (await second.owner.get('/api/audit?action=organization.').expect(200)).body as AuditPage;
    expect(theirs.items.map((e) => e.action)).toEqual(['organization.imported']);
    expect(theirs.items[0]!.details).toEqual({
      clients: { created: 2, existing: 0 },
      domains: { created: 3, existing: 0, invalid: 0 },
      policies: { created: 3, updated: 0, unchanged: 0 },
      channels: { created: 3, existing: 0 },
      schedule: 'updated',
    });
    expect(JSON.stringify(theirs)).not.toContain(report.channels.secrets[0]!.secret);
  });
});
