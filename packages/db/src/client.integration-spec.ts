import { randomUUID } from 'node:crypto';
import { createPrismaClient } from './client';
import type { PrismaClient } from './generated/prisma/client';
import { alertPolicyScopeKey, openAlertKey } from './keys';

describe('Prisma client over the migrated schema', () => {
  let prisma: PrismaClient;
  const slug = `agency-${randomUUID().slice(0, 8)}`;

  beforeAll(() => {
    prisma = createPrismaClient(process.env.DATABASE_URL!);
  });
  afterAll(async () => {
    await prisma.organization.deleteMany({ where: { slug: { startsWith: slug } } });
    await prisma.$disconnect();
  });

  async function seed(suffix: string) {
    const organization = await prisma.organization.create({ data: { name: 'Agency', slug: `${slug}-${suffix}` } });
    const client = await prisma.client.create({ data: { organizationId: organization.id, name: 'Acme' } });
    const domain = await prisma.domain.create({
      data: { organizationId: organization.id, clientId: client.id, name: 'acme.example', tags: ['vip', 'eu'] },
    });
    return { organization, client, domain };
  }

  it('creates org → client → domain → snapshot → check run → alert, with defaults', async () => {
    const { organization, client, domain } = await seed('crud');
    expect(organization.timeZone).toBe('UTC');
    expect(domain).toMatchObject({
      status: 'unknown',
      checkIntervalMinutes: 60,
      paused: false,
      lookupCount: null,
      consecutiveTempErrors: 0,
    });
    expect(domain.nextCheckAt).toBeInstanceOf(Date);

    const snapshot = await prisma.snapshot.create({
      data: {
        domainId: domain.id,
        analysis: { terms: ['include:_spf.google.com'], findings: [] },
        recordText: 'v=spf1 include:_spf.google.com ~all',
        contentHash: 'a'.repeat(64),
        lookupCount: 4,
        voidLookups: 0,
        status: 'ok',
        services: ['Google Workspace'],
        networks: { ip4: ['192.0.2.0/24'], ip6: [] },
      },
    });
    const checkedAt = new Date();
    await prisma.domain.update({
      where: { id: domain.id },
      data: { latestSnapshotId: snapshot.id, status: 'ok', lookupCount: 4, lastCheckedAt: checkedAt, lastChangedAt: checkedAt },
    });
    await prisma.checkRun.create({
      data: { domainId: domain.id, snapshotId: snapshot.id, startedAt: checkedAt, durationMs: 42, outcome: 'changed', tick: 't1' },
    });
    const alert = await prisma.alert.create({
      data: {
        organizationId: organization.id,
        domainId: domain.id,
        type: 'lookup_warning',
        severity: 'warning',
        title: '8 of 10 DNS lookups',
        detail: { lookupCount: 8 },
        toSnapshotId: snapshot.id,
        dedupeKey: 'lookup_warning:8',
        openKey: openAlertKey(domain.id, 'lookup_warning'),
      },
    });
    expect(alert.state).toBe('open');

    const loaded = await prisma.domain.findUniqueOrThrow({
      where: { organizationId_name: { organizationId: organization.id, name: 'acme.example' } },
      include: { latestSnapshot: true, client: true, _count: { select: { checkRuns: true, alerts: true } } },
    });
    expect(loaded.latestSnapshot?.services).toEqual(['Google Workspace']);
    expect(loaded.latestSnapshot?.networks).toEqual({ ip4: ['192.0.2.0/24'], ip6: [] });
    expect(loaded.client.id).toBe(client.id);
    expect(loaded._count).toEqual({ checkRuns: 1, alerts: 1 });

    // Tags (GIN index) and the dashboard filters.
    const tagged = await prisma.domain.findMany({
      where: { organizationId: organization.id, tags: { has: 'vip' }, status: 'ok' },
      select: { name: true },
    });
    expect(tagged).toEqual([{ name: 'acme.example' }]);
  });

  it('allows one unresolved alert per (domain, type) through openKey', async () => {
    const { organization, domain } = await seed('alerts');
    const openKey = openAlertKey(domain.id, 'permerror');
    const open = (dedupeKey: string) =>
      prisma.alert.create({
        data: {
          organizationId: organization.id,
          domainId: domain.id,
          type: 'permerror',
          severity: 'critical',
          title: 'SPF permerror',
          detail: {},
          dedupeKey,
          openKey,
        },
      });

    const first = await open('permerror:1');
    await expect(open('permerror:2')).rejects.toMatchObject({ code: 'P2002' });

    // Acknowledged is still unresolved: the key stays.
    await prisma.alert.update({
      where: { id: first.id },
      data: { state: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: 'ops@agency.example' },
    });
    await expect(open('permerror:3')).rejects.toMatchObject({ code: 'P2002' });

    // Opening is an upsert on openKey: a repeat finding updates the open alert.
    const upserted = await prisma.alert.upsert({
      where: { openKey },
      create: {
        organizationId: organization.id,
        domainId: domain.id,
        type: 'permerror',
        severity: 'critical',
        title: 'SPF permerror',
        detail: {},
        dedupeKey: 'permerror:4',
        openKey,
      },
      update: { detail: { seenAgain: true } },
    });
    expect(upserted.id).toBe(first.id);

    // Resolving clears the key, so the next occurrence opens a new alert.
    await prisma.alert.update({ where: { id: first.id }, data: { state: 'resolved', resolvedAt: new Date(), openKey: null } });
    const second = await open('permerror:5');
    expect(second.id).not.toBe(first.id);
    // Another type on the same domain is independent.
    await prisma.alert.create({
      data: {
        organizationId: organization.id,
        domainId: domain.id,
        type: 'temperror',
        severity: 'warning',
        title: 'DNS timeouts',
        detail: {},
        dedupeKey: 'temperror',
        openKey: openAlertKey(domain.id, 'temperror'),
      },
    });
    const openAlerts = await prisma.alert.findMany({
      where: { organizationId: organization.id, state: { in: ['open', 'acknowledged'] } },
      orderBy: { openedAt: 'desc' },
    });
    expect(openAlerts.map((a) => a.type).sort()).toEqual(['permerror', 'temperror']);
  });

  it('never records two checks of a domain in one scheduler tick (NULL ticks are free)', async () => {
    const { domain } = await seed('ticks');
    const run = (tick: string | null) =>
      prisma.checkRun.create({ data: { domainId: domain.id, startedAt: new Date(), durationMs: 5, outcome: 'unchanged', tick } });
    await run('2026-11-22T10:00');
    await expect(run('2026-11-22T10:00')).rejects.toMatchObject({ code: 'P2002' });
    await run('2026-11-22T11:00');
    await run(null);
    await run(null);
    expect(await prisma.checkRun.count({ where: { domainId: domain.id } })).toBe(4);
  });

  it("keeps a domain's organization equal to its client's organization", async () => {
    const { client } = await seed('scope-a');
    const other = await prisma.organization.create({ data: { name: 'Other', slug: `${slug}-scope-b` } });
    await expect(
      prisma.domain.create({ data: { organizationId: other.id, clientId: client.id, name: 'sneaky.example' } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  it('has one alert policy per scope', async () => {
    const { organization, client, domain } = await seed('policies');
    const policy = (scope: { clientId?: string; domainId?: string }) =>
      prisma.alertPolicy.create({
        data: { organizationId: organization.id, ...scope, scopeKey: alertPolicyScopeKey(scope) },
      });
    const orgPolicy = await policy({});
    // Unset thresholds are NULL: they inherit from the wider scope (the API merges them).
    expect(orgPolicy).toMatchObject({ lookupWarn: null, lookupLimit: null, tempErrorChecks: null, voidLimit: null, overrides: {} });
    await policy({ clientId: client.id });
    await policy({ domainId: domain.id });
    await expect(policy({})).rejects.toMatchObject({ code: 'P2002' });
    await expect(policy({ clientId: client.id })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('links provider events to the affected domains', async () => {
    const { domain } = await seed('provider');
    const event = await prisma.providerEvent.create({
      data: {
        includeDomain: '_spf.google.com',
        service: 'Google Workspace',
        diff: { removed: ['ip4:192.0.2.0/24'] },
        beforeHash: 'b'.repeat(64),
        afterHash: 'c'.repeat(64),
        affectedDomainCount: 1,
        domains: { create: [{ domainId: domain.id }] },
      },
    });
    const linked = await prisma.domain.findMany({
      where: { providerEvents: { some: { providerEventId: event.id } } },
      select: { id: true },
    });
    expect(linked).toEqual([{ id: domain.id }]);
    await prisma.providerEvent.delete({ where: { id: event.id } });
  });

  it('finds due domains through the partial index and cascades deletes from the organization', async () => {
    const { organization, domain } = await seed('due');
    await prisma.domain.create({
      data: {
        organizationId: organization.id,
        clientId: domain.clientId,
        name: 'paused.example',
        paused: true,
        nextCheckAt: new Date(0),
      },
    });
    const snapshot = await prisma.snapshot.create({
      data: {
        domainId: domain.id,
        analysis: {},
        contentHash: 'd'.repeat(64),
        lookupCount: 1,
        voidLookups: 0,
        status: 'ok',
        networks: [],
      },
    });
    await prisma.domain.update({ where: { id: domain.id }, data: { latestSnapshotId: snapshot.id } });

    const due = await prisma.$queryRaw<Array<{ name: string }>>`
      SELECT name FROM domains
       WHERE NOT paused AND next_check_at <= now() AND organization_id = ${organization.id}::uuid
       ORDER BY next_check_at`;
    expect(due.map((d) => d.name)).toEqual(['acme.example']);

    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
        'EXPLAIN SELECT id FROM domains WHERE NOT paused AND next_check_at <= now() ORDER BY next_check_at LIMIT 100',
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('domains_due_idx');

    await prisma.organization.delete({ where: { id: organization.id } });
    expect(await prisma.domain.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await prisma.snapshot.count({ where: { id: snapshot.id } })).toBe(0);
  });
});
