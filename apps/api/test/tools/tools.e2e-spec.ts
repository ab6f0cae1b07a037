/**
 * The tools over HTTP, resolving through the real resolver stack against the DNS fixture on
 * 127.0.0.1 (DNS_SERVERS points at it).
 */
import { type AnalyzeToolResponse, type CheckHostResponse, MAX_DRAFT_RECORD_LENGTH } from '@spfwatch/contracts';
import { type DnsFixture, startDnsFixture, type Zone } from '@spfwatch/dns-fixture';
import { analyze, createResolverStack } from '@spfwatch/spf';
import { DnsService } from '../../src/dns/dns.service';
import type { AnalyzeToolDto, CheckHostDto } from '../../src/modules/tools/dto/tools.dto';
import { createOtherOrganization, createClientRow, createSnapshotRow } from '../domains/helpers';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';

const RECORD = 'v=spf1 ip4:192.0.2.0/24 include:_spf.google.com -all';

function zone(exampleRecord = RECORD): Zone {
  return {
    ttl: 300,
    records: {
      'example.com': { TXT: [exampleRecord] },
      'mail.example.com': { A: ['192.0.2.25'], TXT: ['v=spf1 a -all'] },
      '_spf.google.com': { TXT: ['v=spf1 include:_netblocks.google.com ~all'] },
      '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all'] },
      'sendgrid.net': { TXT: ['v=spf1 ip4:167.89.0.0/17 ~all'] },
      'monitored.example': { TXT: ['v=spf1 ip4:203.0.113.0/24 include:_spf.google.com -all'] },
    },
  } as Zone;
}

let fixture: DnsFixture;
let t: TestApp;

beforeAll(async () => {
  fixture = await startDnsFixture({ zone: zone(), port: 0 });
  t = await createTestApp({ dnsServers: [fixture.address], env: { DNS_TIMEOUT_MS: 500 } });
  await resetDatabase(t.prisma);
});
afterAll(async () => {
  await t.close();
  await fixture.stop();
});

const checkHost = async (body: CheckHostDto) => (await t.http.post('/api/tools/check-host').send(body).expect(200)).body as CheckHostResponse;
const analyzeTool = async (body: AnalyzeToolDto) => (await t.http.post('/api/tools/analyze').send(body).expect(200)).body as AnalyzeToolResponse;
const issues = (body: { details: { issues: Array<{ path: string; message: string }> } }) => body.details.issues;

describe('POST /api/tools/check-host', () => {
  it('pass through an include, with where it matched in words and no trace unless asked', async () => {
    const r = await checkHost({ ip: '35.190.247.5', sender: 'alice@example.com', helo: 'mail.example.com' });
    expect(r).toMatchObject({
      result: 'pass',
      domain: 'example.com',
      identity: 'mailfrom',
      sender: 'alice@example.com',
      ip: '35.190.247.5',
      matchedTerm: 'include:_spf.google.com',
      matched: { term: 'ip4:35.190.247.0/24', domain: '_netblocks.google.com', path: ['example.com', '_spf.google.com', '_netblocks.google.com'] },
      problem: null,
      lookups: 2,
      voidLookups: 0,
      receivedSpf: expect.stringMatching(/^Received-SPF: pass/),
    } satisfies Partial<CheckHostResponse>);
    expect(r.reason).toBe(
      '35.190.247.5 is authorised for example.com: it matches ip4:35.190.247.0/24 in _netblocks.google.com, reached via include:_spf.google.com (example.com → _spf.google.com → _netblocks.google.com).',
    );
    expect(r).not.toHaveProperty('trace');
  });

  it('fail at -all lists what the record authorises', async () => {
    const r = await checkHost({ ip: '198.51.100.7', sender: 'bob@example.com', trace: true });
    expect(r).toMatchObject({ result: 'fail', matchedTerm: '-all' });
    expect(r.reason).toBe(
      '198.51.100.7 is not authorised for example.com: nothing before -all matched, so the result is fail (receivers may reject the message). ' +
        'The record authorises Google Workspace; 3 networks: 192.0.2.0/24, 35.190.247.0/24 (_netblocks.google.com), 64.233.160.0/19 (_netblocks.google.com); 198.51.100.7 is in none of them.',
    );
    expect(r.trace!.length).toBeGreaterThan(0);
    expect(r.trace![0]).toMatchObject({ depth: 0, domain: 'example.com', event: 'record' });
  });

  it('checks the HELO identity when the sender is empty, and a given domain instead of the sender’s', async () => {
    const helo = await checkHost({ ip: '192.0.2.25', sender: '', helo: 'mail.example.com' });
    expect(helo).toMatchObject({ result: 'pass', identity: 'helo', domain: 'mail.example.com', sender: 'postmaster@mail.example.com' });
    const byDomain = await checkHost({ ip: '203.0.113.5', domain: 'Monitored.Example.' });
    expect(byDomain).toMatchObject({ result: 'pass', domain: 'monitored.example', matchedTerm: 'ip4:203.0.113.0/24' });
  });

  it('none when the sender’s domain publishes no SPF record, with the reason', async () => {
    const r = await checkHost({ ip: '192.0.2.1', sender: 'x@nowhere.example' });
    expect(r.result).toBe('none');
    expect(r.reason).toMatch(/^No SPF policy applies: /);
  });

  it('400 naming the field: bad or missing ip, no sender/helo/domain, a bad domain, unknown fields', async () => {
    const bad = async (body: object) => (await t.http.post('/api/tools/check-host').send(body).expect(400)).body;
    expect(issues(await bad({ ip: '300.1.1.1', sender: 'a@example.com' }))).toEqual([{ path: 'ip', message: 'ip must be an IPv4 or IPv6 address' }]);
    expect(issues(await bad({ sender: 'a@example.com' })).map((i) => i.path)).toEqual(['ip']);
    expect(issues(await bad({ ip: '192.0.2.1', sender: '', helo: '  ' }))).toEqual([{ path: 'sender', message: 'give sender (the MAIL FROM address) or helo (the HELO/EHLO name)' }]);
    expect(issues(await bad({ ip: '192.0.2.1', domain: 'localhost' }))).toEqual([{ path: 'domain', message: "'localhost' is not a fully qualified domain name (it has a single label)" }]);
    expect(issues(await bad({ ip: '192.0.2.1', sender: 'a@example.com', port: 25 }))).toEqual([{ path: '', message: 'Unknown field(s): port' }]);
  });
});

describe('POST /api/tools/analyze', () => {
  beforeEach(async () => {
    await resetDatabase(t.prisma);
    fixture.setZone(zone());
  });

  it('analyses the live record without a draft', async () => {
    const r = await analyzeTool({ domain: 'Example.COM' });
    expect(r.comparison).toBeNull();
    expect(r.analysis).toMatchObject({ domain: 'example.com', record: RECORD, status: 'ok', lookupCount: 2, voidLookups: 0 });
    expect(r.analysis.services.map((s) => s.id)).toEqual(['google-workspace']);
    expect(r.analysis.networks.map((n) => n.cidr)).toEqual(['192.0.2.0/24', '35.190.247.0/24', '64.233.160.0/19']);
  });

  it('a draft for an unmonitored domain is compared with its live record', async () => {
    const r = await analyzeTool({ domain: 'example.com', record: 'v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:sendgrid.net -all' });
    expect(r.analysis).toMatchObject({ domain: 'example.com', record: 'v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:sendgrid.net -all', lookupCount: 3 });
    expect(r.comparison).toMatchObject({
      against: 'live',
      snapshotId: null,
      baseRecord: RECORD,
      lookupDelta: 1,
      voidDelta: 0,
      servicesAdded: ['sendgrid'],
      servicesRemoved: [],
      networksGained: [{ cidr: '167.89.0.0/17', family: 4, path: ['example.com', 'sendgrid.net'], term: 'ip4:167.89.0.0/17' }],
      networksLost: [],
    });
    expect(r.comparison!.changes.map((c) => c.kind)).toContain('service-added');
  });

  it('a wider network is a gain, what it covers is not lost, and a removed include loses its networks', async () => {
    const r = await analyzeTool({ domain: 'example.com', record: 'v=spf1 ip4:192.0.0.0/16 -all' });
    expect(r.comparison).toMatchObject({
      lookupDelta: -2,
      servicesAdded: [],
      servicesRemoved: ['google-workspace'],
      networksGained: [{ cidr: '192.0.0.0/16', path: ['example.com'], term: 'ip4:192.0.0.0/16' }],
      networksLost: [
        { cidr: '35.190.247.0/24', path: ['example.com', '_spf.google.com', '_netblocks.google.com'] },
        { cidr: '64.233.160.0/19', path: ['example.com', '_spf.google.com', '_netblocks.google.com'] },
      ],
    });
    // Splitting a network into its halves changes no authorisation.
    const split = await analyzeTool({ domain: 'example.com', record: 'v=spf1 ip4:192.0.2.0/25 ip4:192.0.2.128/25 include:_spf.google.com -all' });
    expect(split.comparison).toMatchObject({ networksGained: [], networksLost: [], lookupDelta: 0 });
  });

  it('a draft for a domain monitored here is compared with its current snapshot, not the live record', async () => {
    // The snapshot was taken when monitored.example published an older record.
    const OLD = 'v=spf1 ip4:198.51.100.0/24 -all';
    const stack = createResolverStack({ servers: [fixture.address], timeoutMs: 500 });
    fixture.setZone({ ...zone(), records: { ...zone().records, 'monitored.example': { TXT: [OLD] } } } as Zone);
    const snapshotAnalysis = await analyze('monitored.example', { resolver: stack.resolver });
    stack.close();
    fixture.setZone(zone());

    const client = await createClientRow(t.prisma, t.orgId, 'Acme');
    const domain = await t.prisma.domain.create({ data: { organizationId: t.orgId, clientId: client.id, name: 'monitored.example' } });
    const snapshotId = await createSnapshotRow(t.prisma, domain.id, { lookupCount: 0, status: 'ok', record: OLD, firstSeenAt: new Date(), analysis: snapshotAnalysis });
    await t.prisma.domain.update({ where: { id: domain.id }, data: { latestSnapshotId: snapshotId } });

    const r = await analyzeTool({ domain: 'monitored.example', record: 'v=spf1 ip4:198.51.100.0/24 include:sendgrid.net -all' });
    expect(r.comparison).toMatchObject({
      against: 'snapshot',
      snapshotId,
      baseRecord: OLD,
      lookupDelta: 1,
      servicesAdded: ['sendgrid'],
      servicesRemoved: [],
      networksGained: [{ cidr: '167.89.0.0/17' }],
      networksLost: [],
    });

    // Another organization's snapshot of the same name is not ours: compared with the live record.
    await t.prisma.domain.delete({ where: { id: domain.id } });
    const other = await createOtherOrganization(t.prisma);
    const theirs = await t.prisma.domain.create({ data: { organizationId: other.orgId, clientId: other.clientId, name: 'monitored.example' } });
    const theirSnapshot = await createSnapshotRow(t.prisma, theirs.id, { lookupCount: 0, status: 'ok', record: OLD, firstSeenAt: new Date(), analysis: snapshotAnalysis });
    await t.prisma.domain.update({ where: { id: theirs.id }, data: { latestSnapshotId: theirSnapshot } });
    const live = await analyzeTool({ domain: 'monitored.example', record: 'v=spf1 ip4:198.51.100.0/24 include:sendgrid.net -all' });
    expect(live.comparison).toMatchObject({ against: 'live', snapshotId: null, baseRecord: 'v=spf1 ip4:203.0.113.0/24 include:_spf.google.com -all', servicesRemoved: ['google-workspace'] });
  });

  it('a monitored domain not checked yet is compared with its live record', async () => {
    const client = await createClientRow(t.prisma, t.orgId, 'Acme');
    await t.prisma.domain.create({ data: { organizationId: t.orgId, clientId: client.id, name: 'example.com' } });
    const r = await analyzeTool({ domain: 'example.com', record: RECORD });
    expect(r.comparison).toMatchObject({ against: 'live', lookupDelta: 0, networksGained: [], networksLost: [], servicesAdded: [], servicesRemoved: [] });
  });

  it('400 naming the field: record over 4096 characters, an invalid or missing domain', async () => {
    const bad = async (body: object) => (await t.http.post('/api/tools/analyze').send(body).expect(400)).body;
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(400)}-all`;
    expect(long.length).toBeGreaterThan(MAX_DRAFT_RECORD_LENGTH);
    expect(issues(await bad({ domain: 'example.com', record: long }))).toEqual([{ path: 'record', message: 'the record is at most 4096 characters' }]);
    expect(issues(await bad({ domain: 'exa mple.com' }))).toEqual([{ path: 'domain', message: "'exa mple.com' has an invalid label 'exa mple'" }]);
    expect(issues(await bad({ record: 'v=spf1 -all' })).map((i) => i.path)).toEqual(['domain']);
    expect(issues(await bad({ domain: 'example.com', record: 42 })).map((i) => i.path)).toEqual(['record']);
  });
});

describe('resolver stacks', () => {
  it('each request makes one stack and closes it; invalid input opens none', async () => {
    const dns = t.app.get(DnsService);
    const original = dns.createStack.bind(dns);
    let opened = 0;
    let closed = 0;
    const spy = jest.spyOn(dns, 'createStack').mockImplementation((options) => {
      opened++;
      const stack = original(options);
      return {
        ...stack,
        close: () => {
          closed++;
          stack.close();
        },
      };
    });
    try {
      await checkHost({ ip: '192.0.2.1', sender: 'a@example.com' });
      await analyzeTool({ domain: 'example.com', record: 'v=spf1 -all' });
      await t.http.post('/api/tools/analyze').send({ domain: 'localhost' }).expect(400);
      expect([opened, closed]).toEqual([2, 2]);
    } finally {
      spy.mockRestore();
    }
  });
});
