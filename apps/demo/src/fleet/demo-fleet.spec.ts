/**
 * The demo fleet tells the stories it claims: each day's zone is served by the real DNS fixture
 * on 127.0.0.1 and analysed by the real engine, and the numbers the README and the dashboard
 * show (10 → 9 lookups, 11, void lookups, two records …) are asserted here.
 */
import { startDnsFixture, type DnsFixture } from '@spfwatch/dns-fixture';
import { analyze, createResolverStack, normalizeDomain } from '@spfwatch/spf';
import { DEMO_CLIENTS, DEMO_DAYS, DEMO_DOMAINS } from './demo-fleet';
import { changeDays, versionOn, zoneOnDay } from './demo-zone';
import { loadProviderVersions, PROVIDER_CHANGE_DAYS, providerVersionOn } from './providers';

const providers = loadProviderVersions();

describe('the demo fleet', () => {
  let dns: DnsFixture;

  beforeAll(async () => {
    dns = await startDnsFixture({ zone: zoneOnDay(0, providers), host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await dns?.stop();
  });

  /** The engine's analysis of `domain` as the fleet's DNS was on `day`. */
  async function analysisOn(domain: string, day: number) {
    dns.setZone(zoneOnDay(day, providers));
    const stack = createResolverStack({ servers: [dns.address], timeoutMs: 300, implementation: 'wire' });
    try {
      return await analyze(domain, { resolver: stack.resolver });
    } finally {
      stack.close();
    }
  }
  const lint = (a: Awaited<ReturnType<typeof analysisOn>>) => a.lint.map((l) => l.code);
  const services = (a: Awaited<ReturnType<typeof analysisOn>>) => a.services.map((s) => s.id);

  it('has about fifty valid, unique domains of six clients, each with a story', () => {
    expect(DEMO_DOMAINS).toHaveLength(50);
    expect(new Set(DEMO_DOMAINS.map((d) => d.name)).size).toBe(DEMO_DOMAINS.length);
    const clients = new Set(DEMO_CLIENTS.map((c) => c.name));
    expect(clients.size).toBe(6);
    for (const d of DEMO_DOMAINS) {
      expect({ name: d.name, normalized: normalizeDomain(d.name) }).toEqual({ name: d.name, normalized: { ok: true, domain: d.name } });
      expect(clients.has(d.client)).toBe(true);
      expect(d.story.length).toBeGreaterThan(10);
      expect(d.versions[0]!.day).toBe(0);
      expect(d.versions.every((v) => v.day >= 0 && v.day <= DEMO_DAYS)).toBe(true);
    }
  });

  it('gives every provider record of providers.yaml with several versions a day for each change', () => {
    for (const [name, versions] of providers) {
      expect({ name, changes: (PROVIDER_CHANGE_DAYS[name] ?? []).length }).toEqual({ name, changes: versions.length - 1 });
    }
    expect(providerVersionOn('sendgrid.net', providers.get('sendgrid.net')!, 17)).toMatch(/include:sendgrid\.biz/);
    expect(providerVersionOn('sendgrid.net', providers.get('sendgrid.net')!, 18)).not.toMatch(/include:sendgrid\.biz/);
  });

  it('serves a valid zone on every day of the timeline', () => {
    for (let day = 0; day <= DEMO_DAYS; day++) expect(() => dns.setZone(zoneOnDay(day, providers))).not.toThrow();
    expect(changeDays().length).toBeGreaterThan(15);
    expect(versionOn(DEMO_DOMAINS.find((d) => d.name === 'northwind.example')!, 23).day).toBe(0);
    expect(versionOn(DEMO_DOMAINS.find((d) => d.name === 'northwind.example')!, 24).day).toBe(24);
  });

  it('seed 000: mx covers only Google’s inbound servers until the owner adds include:_spf.google.com on day 24', async () => {
    const before = await analysisOn('northwind.example', 23);
    expect(lint(before)).toContain('mx-covers-inbound-only');
    expect(services(before)).toEqual(['mailjet']);
    const after = await analysisOn('northwind.example', 24);
    expect(services(after).sort()).toEqual(['google-workspace', 'mailjet']);
    expect(after.record).toMatch(/~all$/);
  });

  it('acme-logistics.example needs exactly 10 lookups, and 9 once SendGrid drops sendgrid.biz on day 18', async () => {
    expect((await analysisOn('acme-logistics.example', 17)).lookupCount).toBe(10);
    expect((await analysisOn('acme-logistics.example', 18)).lookupCount).toBe(9);
  });

  it('lookup creep and the domains over the limit', async () => {
    expect((await analysisOn('tracking.acme-logistics.example', 9)).lookupCount).toBe(5);
    expect((await analysisOn('tracking.acme-logistics.example', 10)).lookupCount).toBe(8);
    const over = await analysisOn('tracking.acme-logistics.example', 16);
    expect(over.lookupCount).toBe(11);
    expect(lint(over)).toContain('too-many-lookups');
    expect((await analysisOn('acme-freight.example', 0)).lookupCount).toBe(11);
  });

  it('Microsoft 365 domains need one lookup fewer after Microsoft’s change on day 14', async () => {
    expect((await analysisOn('library.smyrna-town.example', 13)).lookupCount).toBe(2);
    expect((await analysisOn('library.smyrna-town.example', 14)).lookupCount).toBe(1);
  });

  it('two records, a removed record, void lookups, +all, ptr, a typo and a missing space', async () => {
    expect(lint(await analysisOn('acme-hr.example', 19))).toContain('multiple-records');
    expect(lint(await analysisOn('acme-hr.example', 23))).not.toContain('multiple-records');
    expect((await analysisOn('acme-cargo.example', 26)).record).toBeNull();
    expect((await analysisOn('acme-cargo.example', 29)).record).toMatch(/^v=spf1 /);
    expect((await analysisOn('acme-intl.example', 0)).voidLookups).toBe(3);
    expect(lint(await analysisOn('bluebird-dental.example', 0))).toContain('plus-all');
    expect(lint(await analysisOn('bluebird-smiles.example', 0))).toContain('ptr-deprecated');
    expect(lint(await analysisOn('topel-copy.example', 0))).toContain('typo-mechanism');
    expect(lint(await analysisOn('topelprint.example', 0))).toContain('missing-space');
    expect(lint(await analysisOn('topel.example', 0))).toContain('no-spf-record');
  });

  it('Salesforce’s macro and the HubSpot and Campaign Monitor services', async () => {
    const globex = await analysisOn('globex.example', 0);
    expect(services(globex).sort()).toEqual(['microsoft-365', 'salesforce']);
    expect(lint(globex)).toContain('not-statically-resolvable');
    expect(services(await analysisOn('careers.northwind.example', 0))).toContain('hubspot');
    expect(services(await analysisOn('news.globex.example', 0))).toEqual(['campaign-monitor']);
  });

  it('acme-parcel.example’s DNS times out on its timeout days only', async () => {
    expect((await analysisOn('acme-parcel.example', 20)).status).toBe('temperror');
    expect((await analysisOn('acme-parcel.example', 21)).status).toBe('ok');
  });
});
