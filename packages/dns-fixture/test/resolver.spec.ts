import { type DnsFixture, startDnsFixture, type Zone } from '../src';
import { errorCode, nodeResolver } from './helpers';

// Everything here goes through Node's own resolver (c-ares), the way the SPF engine's
// node-resolver and most users will talk to the fixture.

const LONG_INCLUDES = Array.from({ length: 40 }, (_, i) => `include:_spf${i}.example.net`).join(' ');
const LONG_SPF = `v=spf1 ${LONG_INCLUDES} -all`; // ~1080 octets: more than 512, split into 255-octet strings

const ZONE: Zone = {
  ttl: 300,
  records: {
    'example.com': {
      TXT: ['v=spf1 mx -all', ['v=spf1 ip4:192.0.2.1', ' -all']],
      A: ['192.0.2.1', '192.0.2.2'],
      AAAA: ['2001:db8::1'],
      MX: [{ priority: 10, exchange: 'mx.example.com' }, '20 mx2.example.com'],
    },
    '1.2.0.192.in-addr.arpa': { PTR: ['mail.example.com'] },
    'deep.sub.example.com': { A: '192.0.2.9' },
    'alias.example.com': { CNAME: 'hop.example.net' },
    'hop.example.net': { CNAME: 'example.com' },
    'dangling.example.com': { CNAME: 'missing.example.net' },
    'servfail.example.com': { TXT: 'x', behaviour: 'servfail' },
    'refused.example.com': { TXT: 'x', behaviour: 'refused' },
    'timeout.example.com': { TXT: 'x', behaviour: 'timeout' },
    'forced-nx.example.com': { TXT: 'x', behaviour: 'nxdomain' },
    'per-type.example.com': { TXT: 'x', A: '192.0.2.3', behaviour: { TXT: 'timeout', A: 'servfail' }, AAAA: '2001:db8::3' },
    'slow.example.com': { TXT: 'slow', behaviour: { delayMs: 300 } },
    'long.example.com': { TXT: LONG_SPF },
    '*.wild.example.com': { TXT: 'v=spf1 -all' },
    'named.wild.example.com': { A: '192.0.2.4' },
  },
};

let fixture: DnsFixture;

beforeAll(async () => {
  fixture = await startDnsFixture({ zone: ZONE });
});
afterAll(() => fixture.stop());
beforeEach(() => fixture.setZone(ZONE));

describe('answers through Node dns.promises.Resolver', () => {
  it('serves a single-string and a multi-string TXT RR', async () => {
    const txt = await nodeResolver(fixture.address).resolveTxt('example.com');
    expect(txt).toEqual([['v=spf1 mx -all'], ['v=spf1 ip4:192.0.2.1', ' -all']]);
  });

  it('serves A, AAAA, MX (both spellings) and PTR; names are case-insensitive', async () => {
    const resolver = nodeResolver(fixture.address);
    expect((await resolver.resolve4('EXAMPLE.com.')).sort()).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(await resolver.resolve6('example.com')).toEqual(['2001:db8::1']);
    expect((await resolver.resolveMx('example.com')).sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx.example.com' },
      { priority: 20, exchange: 'mx2.example.com' },
    ]);
    expect(await resolver.reverse('192.0.2.1')).toEqual(['mail.example.com']);
  });

  // RFC 8482 §4.1 allows a subset; the fixture sends every RRset that fits.
  it('answers ANY with every RRset of the name', async () => {
    const any = await nodeResolver(fixture.address).resolveAny('example.com');
    expect(any.map((record) => record.type).sort()).toEqual(['A', 'A', 'AAAA', 'MX', 'MX', 'TXT', 'TXT']);
  });

  it('gives the zone TTL', async () => {
    const records = await nodeResolver(fixture.address).resolve4('example.com', { ttl: true });
    expect(records.map((record) => record.ttl)).toEqual([300, 300]);
  });

  // RFC 2308 §2.1 / §2.2
  it('answers NXDOMAIN (ENOTFOUND) for an unknown name and NODATA (ENODATA) for a missing type', async () => {
    const resolver = nodeResolver(fixture.address);
    expect(await errorCode(resolver.resolveTxt('nope.example.com'))).toBe('ENOTFOUND');
    expect(await errorCode(resolver.resolveTxt('deep.sub.example.com'))).toBe('ENODATA');
  });

  it('treats an empty non-terminal as existing (NODATA, not NXDOMAIN)', async () => {
    // RFC 4592 §2.2.2: sub.example.com has no records but deep.sub.example.com exists.
    expect(await errorCode(nodeResolver(fixture.address).resolveTxt('sub.example.com'))).toBe('ENODATA');
  });

  it('answers SERVFAIL and REFUSED when the name says so', async () => {
    const resolver = nodeResolver(fixture.address);
    expect(await errorCode(resolver.resolveTxt('servfail.example.com'))).toBe('ESERVFAIL');
    expect(await errorCode(resolver.resolveTxt('refused.example.com'))).toBe('EREFUSED');
  });

  it('never answers a timeout name', async () => {
    expect(await errorCode(nodeResolver(fixture.address, 200).resolveTxt('timeout.example.com'))).toBe('ETIMEOUT');
  });

  it('answers NXDOMAIN for a name forced to nxdomain although it has records', async () => {
    expect(await errorCode(nodeResolver(fixture.address).resolveTxt('forced-nx.example.com'))).toBe('ENOTFOUND');
  });

  it('applies behaviours per type and answers the other types normally', async () => {
    const resolver = nodeResolver(fixture.address, 200);
    expect(await errorCode(resolver.resolveTxt('per-type.example.com'))).toBe('ETIMEOUT');
    expect(await errorCode(resolver.resolve4('per-type.example.com'))).toBe('ESERVFAIL');
    expect(await resolver.resolve6('per-type.example.com')).toEqual(['2001:db8::3']);
  });

  it('delays an answer by delayMs', async () => {
    const started = Date.now();
    expect(await nodeResolver(fixture.address, 2000).resolveTxt('slow.example.com')).toEqual([['slow']]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  // RFC 1035 §4.2.1: UDP carries 512 octets; the resolver must retry over TCP (RFC 7766).
  it('serves a TXT answer of more than 512 octets: truncated over UDP, whole over TCP', async () => {
    const txt = await nodeResolver(fixture.address).resolveTxt('long.example.com');
    expect(txt).toHaveLength(1);
    expect(txt[0]?.join('')).toBe(LONG_SPF);
    const octets = Buffer.byteLength(LONG_SPF);
    expect(octets).toBeGreaterThan(512);
    const expected = [...Array.from({ length: Math.floor(octets / 255) }, () => 255), octets % 255].filter((n) => n > 0);
    expect(txt[0]?.map((part) => Buffer.byteLength(part))).toEqual(expected);
    const stats = fixture.stats();
    expect(stats.byNameType['long.example.com TXT']).toBe(2);
    expect(stats.tcp).toBeGreaterThanOrEqual(1);
  });

  // RFC 1034 §4.3.2 step 3a: the server follows the chain inside its data.
  it('follows a CNAME chain and includes the target records', async () => {
    const resolver = nodeResolver(fixture.address);
    expect(await resolver.resolveTxt('alias.example.com')).toEqual([['v=spf1 mx -all'], ['v=spf1 ip4:192.0.2.1', ' -all']]);
    expect(await resolver.resolveCname('alias.example.com')).toEqual(['hop.example.net']);
  });

  it('answers NXDOMAIN for a CNAME whose target does not exist (RFC 6604 §2.1)', async () => {
    expect(await errorCode(nodeResolver(fixture.address).resolveTxt('dangling.example.com'))).toBe('ENOTFOUND');
  });

  // RFC 4592 §3.3.1
  it('synthesizes wildcard answers, but not for names that exist', async () => {
    const resolver = nodeResolver(fixture.address);
    expect(await resolver.resolveTxt('anything.wild.example.com')).toEqual([['v=spf1 -all']]);
    expect(await resolver.resolveTxt('a.b.wild.example.com')).toEqual([['v=spf1 -all']]);
    expect(await errorCode(resolver.resolveTxt('named.wild.example.com'))).toBe('ENODATA');
    expect(await errorCode(resolver.resolveTxt('x.named.wild.example.com'))).toBe('ENOTFOUND');
  });
});

describe('setZone', () => {
  it('replaces every record at once', async () => {
    const resolver = nodeResolver(fixture.address);
    expect(await resolver.resolveTxt('example.com')).toHaveLength(2);
    fixture.setZone({ records: { 'other.test': { TXT: 'v=spf1 +all' } } });
    expect(await errorCode(resolver.resolveTxt('example.com'))).toBe('ENOTFOUND');
    expect(await resolver.resolveTxt('other.test')).toEqual([['v=spf1 +all']]);
  });

  it('keeps the old zone when the new one is invalid', async () => {
    expect(() => fixture.setZone({ records: { 'example.com': { A: 'not-an-ip' } } })).toThrow(/records\["example.com"\]\.A: expected an IPv4 address/);
    expect(await nodeResolver(fixture.address).resolveTxt('example.com')).toHaveLength(2);
  });
});

describe('stats', () => {
  it('counts queries per transport and per name and type, and resets', async () => {
    fixture.resetStats();
    const resolver = nodeResolver(fixture.address);
    await resolver.resolveTxt('example.com');
    await resolver.resolveTxt('Example.COM');
    await errorCode(resolver.resolve4('nope.example.com'));
    expect(fixture.stats()).toEqual({
      queries: 3,
      udp: 3,
      tcp: 0,
      byNameType: { 'example.com TXT': 2, 'nope.example.com A': 1 },
    });
    fixture.resetStats();
    expect(fixture.stats()).toEqual({ queries: 0, udp: 0, tcp: 0, byNameType: {} });
  });

  it('counts a query that is never answered', async () => {
    fixture.resetStats();
    await errorCode(nodeResolver(fixture.address, 150).resolveTxt('timeout.example.com'));
    expect(fixture.stats().byNameType['timeout.example.com TXT']).toBe(1);
  });
});
