import { createCachingResolver } from '../../src/dns/cache';
import { createZoneFakeResolver } from '../../src/dns/zone-fake-resolver';
import { createHeldResolver, SERVFAIL, TIMEOUT } from './helpers';

const zone = {
  'example.com': { TXT: ['v=spf1 include:_spf.example.net -all'], A: ['192.0.2.1'] },
  '_spf.example.net': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
};

describe('createCachingResolver', () => {
  it('serves a repeated question from the cache, keyed by lower-cased name and type', async () => {
    const inner = createZoneFakeResolver(zone);
    const dns = createCachingResolver(inner);
    const first = await dns.resolve('example.com', 'TXT');
    expect(await dns.resolve('EXAMPLE.com.', 'TXT')).toEqual(first);
    await dns.resolve('example.com', 'A');
    expect(inner.queries).toEqual([
      { name: 'example.com', type: 'TXT' },
      { name: 'example.com', type: 'A' },
    ]);
    expect(dns.stats()).toEqual({ queriesSent: 2, cacheHits: 1, inflightMerged: 0, errors: 0 });
  });

  // RFC 7208 §4.6.4: void answers are answers; a run asks each of them once.
  it('caches nxdomain and nodata', async () => {
    const inner = createZoneFakeResolver(zone);
    const dns = createCachingResolver(inner);
    for (let i = 0; i < 3; i++) {
      expect(await dns.resolve('missing.example.com', 'TXT')).toEqual({ kind: 'nxdomain' });
      expect(await dns.resolve('example.com', 'MX')).toEqual({ kind: 'nodata' });
    }
    expect(inner.queries).toHaveLength(2);
    expect(dns.stats().cacheHits).toBe(4);
  });

  it('merges identical questions in flight: the second caller awaits the first query', async () => {
    const inner = createHeldResolver();
    const dns = createCachingResolver(inner);
    const answers = Array.from({ length: 100 }, () => dns.resolve('Example.com', 'TXT'));
    expect(inner.held).toHaveLength(1);
    inner.held[0]?.answer({ kind: 'ok', records: [['v=spf1 -all']] });
    const settled = await Promise.all(answers);
    expect(new Set(settled).size).toBe(1);
    expect(dns.stats()).toEqual({ queriesSent: 1, cacheHits: 0, inflightMerged: 99, errors: 0 });
  });

  // RFC 7208 §5: a temperror may clear up; only the waiters of the failing query share it.
  it('shares an error with the callers in flight, but does not keep it', async () => {
    const inner = createHeldResolver();
    const dns = createCachingResolver(inner);
    const a = dns.resolve('example.com', 'TXT');
    const b = dns.resolve('example.com', 'TXT');
    inner.held[0]?.answer(TIMEOUT);
    expect(await a).toMatchObject({ kind: 'error', error: 'timeout' });
    expect(await b).toMatchObject({ kind: 'error', error: 'timeout' });

    const c = dns.resolve('example.com', 'TXT');
    expect(inner.held).toHaveLength(2);
    inner.held[1]?.answer(SERVFAIL);
    expect(await c).toMatchObject({ error: 'servfail' });
    expect(dns.stats()).toEqual({ queriesSent: 2, cacheHits: 0, inflightMerged: 1, errors: 2 });
  });

  it('passes a rejection to every waiter and forgets it', async () => {
    const inner = createHeldResolver();
    const dns = createCachingResolver(inner);
    const a = dns.resolve('example.com', 'A');
    const b = dns.resolve('example.com', 'A');
    inner.held[0]?.fail(new Error('bug in inner'));
    await expect(a).rejects.toThrow('bug in inner');
    await expect(b).rejects.toThrow('bug in inner');
    void dns.resolve('example.com', 'A');
    expect(inner.held).toHaveLength(2);
  });

  it('stays bounded, dropping the oldest inserted entry (hits do not refresh it)', async () => {
    const inner = createZoneFakeResolver(zone);
    const dns = createCachingResolver(inner, { maxEntries: 2 });
    await dns.resolve('a.example.com', 'A');
    await dns.resolve('b.example.com', 'A');
    await dns.resolve('a.example.com', 'A'); // hit; a stays the oldest
    await dns.resolve('c.example.com', 'A'); // evicts a
    await dns.resolve('b.example.com', 'A'); // hit
    await dns.resolve('a.example.com', 'A'); // miss again
    expect(inner.queries.map((q) => q.name)).toEqual(['a.example.com', 'b.example.com', 'c.example.com', 'a.example.com']);
    expect(dns.stats().cacheHits).toBe(2);
  });

  it('keeps one insertion order across record types, and names case- and dot-insensitively', async () => {
    const inner = createZoneFakeResolver(zone);
    const dns = createCachingResolver(inner, { maxEntries: 2 });
    await dns.resolve('a.example.com', 'A');
    await dns.resolve('a.example.com', 'TXT');
    await dns.resolve('A.Example.COM.', 'A'); // hit
    await dns.resolve('b.example.com', 'MX'); // evicts a/A, the oldest of any type
    await dns.resolve('a.example.com', 'TXT'); // hit
    await dns.resolve('a.example.com', 'A'); // miss again, evicts a/TXT
    await dns.resolve('a.example.com', 'TXT'); // miss again
    expect(inner.queries.map((q) => `${q.name} ${q.type}`)).toEqual(['a.example.com A', 'a.example.com TXT', 'b.example.com MX', 'a.example.com A', 'a.example.com TXT']);
    expect(dns.stats().cacheHits).toBe(2);
  });

  it('hands out frozen answers, so one caller cannot change what the next one reads', async () => {
    const dns = createCachingResolver(createZoneFakeResolver(zone));
    const answer = await dns.resolve('example.com', 'TXT');
    if (answer.kind !== 'ok') throw new Error('expected ok');
    expect(() => answer.records.push(['x'])).toThrow(TypeError);
    expect(() => answer.records[0]?.push('x')).toThrow(TypeError);
  });
});
