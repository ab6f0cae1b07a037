/**
 * Both Resolver implementations (the wire one over each transport) against a real authoritative
 * DNS server on 127.0.0.1
 * (@spfwatch/dns-fixture). Nothing here leaves the loopback interface.
 */
import { promises as dnsPromises } from 'node:dns';
import * as net from 'node:net';
import { type DnsFixture, startDnsFixture, type Zone, type ZoneName } from '@spfwatch/dns-fixture';
import { createNodeResolver } from '../../src/dns/node-resolver';
import type { ResolverOptions } from '../../src/dns/options';
import { createResolverStack } from '../../src/dns/stack';
import type { DnsAnswer, RecordByType, Resolver, RRType } from '../../src/dns/types';
import { createWireResolver } from '../../src/dns/wire-resolver';

/** Eight 200-octet TXT RRs: about 1,700 octets, more than 512 (plain DNS) and 1232 (EDNS0 as we ask it). */
const BIG_TXT = Array.from({ length: 8 }, (_, i) => `v=spf1 ip4:192.0.2.${i} ${'x'.repeat(180)} ~all`.slice(0, 200));

const ZONE: Zone = {
  ttl: 300,
  negativeTtl: 60,
  records: {
    'example.com': {
      TXT: ['v=spf1 -all', ['v=spf1 ip4:192.0.2.1 ', 'include:_spf.example.net -all']],
      SPF: ['v=spf1 -all'],
      A: ['192.0.2.1', '192.0.2.2'],
      AAAA: ['2001:db8::1'],
      MX: [
        { priority: 10, exchange: 'MX1.Example.com' },
        { priority: 20, exchange: 'mx2.example.com.' },
      ],
    },
    'short.example.com': { A: ['192.0.2.3'], ttl: 42 },
    '1.2.0.192.in-addr.arpa': { PTR: ['Host.Example.com'] },
    'deep.empty.example.com': { A: ['192.0.2.9'] },
    'alias.example.com': { CNAME: 'example.com', ttl: 30 },
    'big.example.com': { TXT: BIG_TXT },
    'forced-tc.example.com': { TXT: ['v=spf1 -all'], behaviour: 'truncate' },
    'timeout.example.com': { TXT: ['v=spf1 -all'], behaviour: 'timeout' },
    'txt-timeout.example.com': { TXT: ['v=spf1 -all'], A: ['192.0.2.5'], behaviour: { TXT: 'timeout' } },
    'servfail.example.com': { behaviour: 'servfail' },
    'refused.example.com': { behaviour: 'refused' },
    'flaky.example.com': { TXT: ['v=spf1 -all'], behaviour: 'timeout' },
    // RFC 7208 §7.3 / OpenSPF suite: names built by macros hold any visible character.
    'foo:bar/baz.example.com': { TXT: ['v=spf1 -all'], A: ['192.0.2.20'] },
    'macro%percent  space%20url-space.example.com': { TXT: ['v=spf1 ?all'] },
    'jumpin%27%20jupiter.example.com': { A: ['192.0.2.21'] },
    "x!#$&'()+,;=?@[]^`{|}~\"<>.example.com": { A: ['192.0.2.22'] },
    'back\\slash.example.com': { TXT: ['v=spf1 +all'] },
  },
};

let fixture: DnsFixture;

beforeAll(async () => {
  fixture = await startDnsFixture({ zone: ZONE, port: 0 });
});

afterAll(async () => {
  await fixture.stop();
});

beforeEach(() => {
  fixture.setZone(ZONE);
  fixture.resetStats();
});

type Closable = Resolver & { close?(): void };

const IMPLEMENTATIONS: Array<[name: 'node' | 'wire' | 'wire over tcp', create: (opts: ResolverOptions) => Closable]> = [
  ['node', createNodeResolver],
  ['wire', createWireResolver],
  ['wire over tcp', (opts) => createWireResolver({ ...opts, transport: 'tcp' })],
];

describe.each(IMPLEMENTATIONS)('%s resolver against the loopback fixture', (label, create) => {
  const implementation = label === 'node' ? 'node' : 'wire';
  const transport = label === 'wire over tcp' ? 'tcp' : 'udp';
  const opened: Closable[] = [];
  const open = (opts: Omit<ResolverOptions, 'servers'> = {}): Closable => {
    const dns = create({ servers: [fixture.address], timeoutMs: 1000, tries: 1, ...opts });
    opened.push(dns);
    return dns;
  };
  const hasTtl = implementation === 'wire';
  const ttl = (value: number) => (hasTtl ? { ttl: value } : {});

  afterEach(() => {
    for (const dns of opened.splice(0)) dns.close?.();
  });

  // RFC 7208 §3.3: the strings of one RR are concatenated by the SPF layer, not by DNS.
  it('answers TXT with the strings of each RR apart', async () => {
    expect(await open().resolve('example.com', 'TXT')).toEqual({
      kind: 'ok',
      records: [['v=spf1 -all'], ['v=spf1 ip4:192.0.2.1 ', 'include:_spf.example.net -all']],
      ...ttl(300),
    });
  });

  it('answers A and AAAA with the minimum TTL', async () => {
    const dns = open();
    expect(await dns.resolve('example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1', '192.0.2.2'], ttl: 300 });
    expect(await dns.resolve('short.example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.3'], ttl: 42 });
    expect(await dns.resolve('example.com', 'AAAA')).toEqual({ kind: 'ok', records: ['2001:db8::1'], ttl: 300 });
  });

  it('answers MX and PTR with lower-case names and no trailing dot', async () => {
    const dns = open();
    const mx = await dns.resolve('example.com', 'MX');
    expect(mx.kind === 'ok' && [...mx.records].sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx1.example.com' },
      { priority: 20, exchange: 'mx2.example.com' },
    ]);
    // RFC 7208 §5.5: the caller builds the reverse name.
    expect(await dns.resolve('1.2.0.192.in-addr.arpa', 'PTR')).toEqual({ kind: 'ok', records: ['host.example.com'], ...ttl(300) });
  });

  // RFC 7208 §3.1 / §14.1: type 99 is obsolete; the analyser's lint still asks for it.
  it(implementation === 'wire' ? 'answers type 99 (SPF)' : 'says type 99 (SPF) is unsupported', async () => {
    const answer = await open().resolve('example.com', 'SPF');
    if (implementation === 'wire') expect(answer).toEqual({ kind: 'ok', records: [['v=spf1 -all']], ttl: 300 });
    else expect(answer).toMatchObject({ kind: 'error', error: 'unsupported' });
  });

  // RFC 7208 §4.6.4: both are void lookups, but a monitor must tell them apart.
  it('tells nxdomain from nodata (and an empty non-terminal is nodata)', async () => {
    const dns = open();
    expect(await dns.resolve('nope.example.com', 'TXT')).toEqual({ kind: 'nxdomain', ...ttl(60) });
    expect(await dns.resolve('short.example.com', 'TXT')).toEqual({ kind: 'nodata', ...ttl(60) });
    expect(await dns.resolve('empty.example.com', 'TXT')).toEqual({ kind: 'nodata', ...ttl(60) });
  });

  it('is case-insensitive and accepts the trailing dot', async () => {
    expect(await open().resolve('EXAMPLE.Com.', 'A')).toMatchObject({ kind: 'ok', records: ['192.0.2.1', '192.0.2.2'] });
  });

  it('follows a CNAME to the records of the asked type', async () => {
    expect(await open().resolve('alias.example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1', '192.0.2.2'], ttl: 30 });
  });

  // RFC 7208 §2.6.6 / §5: a server that does not answer is a temperror, not a void lookup.
  it('reports a timeout after timeoutMs with tries: 1, and asks exactly once', async () => {
    const dns = open({ timeoutMs: 200, tries: 1 });
    const started = Date.now();
    expect(await dns.resolve('timeout.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'timeout' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(1500);
    expect(fixture.stats().byNameType['timeout.example.com TXT']).toBe(1);
  });

  it('asks `tries` times before answering timeout', async () => {
    expect(await open({ timeoutMs: 100, tries: 3 }).resolve('timeout.example.com', 'TXT')).toMatchObject({ error: 'timeout' });
    expect(fixture.stats().byNameType['timeout.example.com TXT']).toBe(3);
  });

  it('times out per type: TXT hangs while A answers', async () => {
    const dns = open({ timeoutMs: 200, tries: 1 });
    const [txt, a] = await Promise.all([dns.resolve('txt-timeout.example.com', 'TXT'), dns.resolve('txt-timeout.example.com', 'A')]);
    expect(txt).toMatchObject({ kind: 'error', error: 'timeout' });
    expect(a).toMatchObject({ kind: 'ok', records: ['192.0.2.5'] });
  });

  it('reports SERVFAIL and REFUSED as their own kinds', async () => {
    const dns = open();
    expect(await dns.resolve('servfail.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'servfail' });
    expect(await dns.resolve('refused.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'refused' });
  });

  // RFC 7766 §5 / RFC 1035 §4.2.1: a truncated UDP answer is asked again over TCP.
  // Over TCP from the start (RFC 7766 §6.2.1), nothing is ever truncated.
  const overUdp = transport === 'udp' ? 1 : 0;
  it('gets a >1232-octet TXT answer over TCP after a truncated UDP answer', async () => {
    const answer = await open().resolve('big.example.com', 'TXT');
    expect(answer).toEqual({ kind: 'ok', records: BIG_TXT.map((s) => [s]), ...ttl(300) });
    expect(BIG_TXT.join('').length).toBeGreaterThan(1232);
    expect(fixture.stats()).toMatchObject({ udp: overUdp, tcp: 1 });
  });

  it('retries over TCP whenever the TC bit is set, even for a small answer', async () => {
    expect(await open().resolve('forced-tc.example.com', 'TXT')).toMatchObject({ kind: 'ok', records: [['v=spf1 -all']] });
    expect(fixture.stats()).toMatchObject({ udp: overUdp, tcp: 1 });
  });

  // RFC 7208 §4.8 / §7.3: a domain-spec may hold any visible character; c-ares refuses most of
  // them (EBADNAME) and reads '\\' as an escape, so the node resolver sends those through the wire.
  it.each([
    ['foo:bar/baz.example.com', 'TXT', { kind: 'ok', records: [['v=spf1 -all']] }],
    ['foo:bar/baz.example.com', 'A', { kind: 'ok', records: ['192.0.2.20'] }],
    ['Macro%percent  space%20url-space.example.com', 'TXT', { kind: 'ok', records: [['v=spf1 ?all']] }],
    ['JUMPIN%27%20JUPITER.example.com', 'A', { kind: 'ok', records: ['192.0.2.21'] }],
    ["x!#$&'()+,;=?@[]^`{|}~\"<>.example.com", 'A', { kind: 'ok', records: ['192.0.2.22'] }],
    ['back\\slash.example.com', 'TXT', { kind: 'ok', records: [['v=spf1 +all']] }],
    ['no such:name with spaces.example.com', 'TXT', { kind: 'nxdomain' }],
  ] as const)('queries %j/%s as it is spelled', async (name, type, answer) => {
    expect(await open().resolve(name, type)).toMatchObject(answer);
    expect(fixture.stats().byNameType).toEqual({ [`${name.toLowerCase()} ${type}`]: 1 });
  });

  // RFC 1035 §2.3.4 lengths; RFC 7208 §4.3 treats such a name as one that does not exist.
  it.each([['a..example.com'], [`${'x'.repeat(64)}.example.com`], [`${'abc.'.repeat(64)}com`], ['.']])('answers nxdomain for %j without a query', async (name) => {
    expect(await open().resolve(name, 'TXT')).toEqual({ kind: 'nxdomain' });
    expect(fixture.stats().queries).toBe(0);
  });

  it('answers an error once closed, for names either path would send', async () => {
    const dns = open();
    expect(await dns.resolve('a b.example.com', 'A')).toMatchObject({ kind: 'nxdomain' });
    dns.close?.();
    expect(await dns.resolve('example.com', 'A')).toEqual({ kind: 'error', error: 'error', message: 'resolver closed' });
    expect(await dns.resolve('a b.example.com', 'A')).toEqual({ kind: 'error', error: 'error', message: 'resolver closed' });
  });

  describe('in a resolver stack', () => {
    const stackFor = (opts: Parameters<typeof createResolverStack>[0] = {}) => {
      const stack = createResolverStack({ implementation, transport, servers: [fixture.address], timeoutMs: 1000, tries: 1, ...opts });
      opened.push({ resolve: stack.resolver.resolve, close: stack.close });
      return stack;
    };

    it('sends one query for 100 concurrent identical questions, then serves from the cache', async () => {
      const stack = stackFor();
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => stack.resolver.resolve(i % 2 ? 'Example.com' : 'example.com.', 'TXT')));
      expect(answers.every((a) => a === answers[0] && a.kind === 'ok')).toBe(true);
      await stack.resolver.resolve('example.com', 'TXT');
      expect(fixture.stats().queries).toBe(1);
      expect(fixture.stats().byNameType['example.com TXT']).toBe(1);
      expect(stack.stats()).toMatchObject({ queriesSent: 1, inflightMerged: 99, cacheHits: 1, errors: 0 });
    });

    it('counts distinct (name, type) pairs: with the cache, sent == distinct == what the server saw', async () => {
      const stack = stackFor();
      const questions: Array<[string, RRType]> = [
        ['example.com', 'TXT'],
        ['example.com', 'A'],
        ['nope.example.com', 'TXT'],
        ['short.example.com', 'TXT'],
      ];
      await Promise.all([...questions, ...questions, ...questions].map(([name, type]) => stack.resolver.resolve(name, type)));
      await Promise.all(questions.map(([name, type]) => stack.resolver.resolve(name.toUpperCase(), type)));
      const stats = stack.stats();
      expect(stats.queriesSent).toBe(4);
      expect(stats.distinctQueries).toBe(4);
      expect(fixture.stats().queries).toBe(4);
      expect(stats.cacheHits + stats.inflightMerged).toBe(12);
    });

    it('does not cache a timeout: the next run of the question asks again', async () => {
      const stack = stackFor({ timeoutMs: 100 });
      expect(await stack.resolver.resolve('timeout.example.com', 'TXT')).toMatchObject({ error: 'timeout' });
      expect(await stack.resolver.resolve('timeout.example.com', 'TXT')).toMatchObject({ error: 'timeout' });
      expect(fixture.stats().byNameType['timeout.example.com TXT']).toBe(2);
      expect(stack.stats()).toMatchObject({ queriesSent: 2, errors: 2, cacheHits: 0 });
    });

    // RFC 7208 §5: a temperror may be transient; the retry layer asks again.
    it('retries a timeout and returns the answer that follows', async () => {
      const impl = create({ servers: [fixture.address], timeoutMs: 200, tries: 1 });
      opened.push(impl);
      const healed = afterFirstTimeout(impl, () => fixture.setZone({ ...ZONE, records: { ...ZONE.records, 'flaky.example.com': { TXT: ['v=spf1 -all'] } } }));
      const stack = createResolverStack({ inner: healed, retries: 2 });
      expect(await stack.resolver.resolve('flaky.example.com', 'TXT')).toMatchObject({ kind: 'ok', records: [['v=spf1 -all']] });
      expect(fixture.stats().byNameType['flaky.example.com TXT']).toBe(2);
      expect(stack.stats()).toMatchObject({ queriesSent: 2, errors: 1, retries: 1, distinctQueries: 1 });
    });
  });
});

describe('node resolver and names c-ares refuses', () => {
  it('sends a query c-ares refuses with EBADNAME through the wire, even for a name it usually takes', async () => {
    const refuse = jest.spyOn(dnsPromises.Resolver.prototype, 'resolve4').mockRejectedValue(Object.assign(new Error('queryA EBADNAME example.com'), { code: 'EBADNAME' }));
    const dns = createNodeResolver({ servers: [fixture.address], timeoutMs: 1000, tries: 1 });
    try {
      expect(await dns.resolve('example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1', '192.0.2.2'], ttl: 300 });
      expect(refuse).toHaveBeenCalledTimes(1);
      expect(fixture.stats()).toMatchObject({ queries: 1, udp: 1 });
    } finally {
      refuse.mockRestore();
      dns.close();
    }
  });
});

// RFC 7766 §6.2.1.1: one connection, queries pipelined, answers matched by id and question.
describe('wire resolver over tcp against the loopback fixture', () => {
  it('answers 1,000 concurrent questions over one connection', async () => {
    const records: Record<string, ZoneName> = {};
    for (let i = 0; i < 1000; i++) records[`d${i}.example.com`] = { TXT: [`v=spf1 ip4:192.0.2.${i % 256} -all`], A: [`192.0.2.${i % 256}`] };
    fixture.setZone({ records });
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const dns = createWireResolver({ servers: [fixture.address], timeoutMs: 5000, tries: 1, transport: 'tcp', maxInFlight: 1000 });
    try {
      const questions = Array.from({ length: 1000 }, (_, i): [string, 'TXT' | 'A'] => [`d${i >> 1}.example.com`, i % 2 ? 'A' : 'TXT']);
      const answers = await Promise.all(questions.map(([name, type]) => dns.resolve(name, type)));
      answers.forEach((answer, i) => {
        const n = (i >> 1) % 256;
        expect(answer).toEqual({ kind: 'ok', records: [i % 2 ? `192.0.2.${n}` : [`v=spf1 ip4:192.0.2.${n} -all`]], ttl: 300 });
      });
      expect(fixture.stats()).toMatchObject({ queries: 1000, tcp: 1000, udp: 0 });
      expect(connect).toHaveBeenCalledTimes(1);
    } finally {
      connect.mockRestore();
      dns.close();
    }
  });
});

/** Calls `heal` once, after the first timeout answer from `inner` (the fixture answers from then on). */
function afterFirstTimeout(inner: Resolver, heal: () => void): Resolver {
  let healed = false;
  return {
    async resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      const answer = await inner.resolve(name, type);
      if (!healed && answer.kind === 'error' && answer.error === 'timeout') {
        healed = true;
        heal();
      }
      return answer;
    },
  };
}
