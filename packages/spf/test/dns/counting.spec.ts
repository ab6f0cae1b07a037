import { createCountingResolver } from '../../src/dns/counting';
import { createZoneFakeResolver } from '../../src/dns/zone-fake-resolver';
import { createHeldResolver } from './helpers';

describe('createCountingResolver', () => {
  it('counts queries, error answers and distinct (name, type) pairs', async () => {
    const inner = createZoneFakeResolver({
      'example.com': { TXT: ['v=spf1 -all'] },
      'bad.example.com': { error: 'timeout' },
    });
    const dns = createCountingResolver(inner);
    await dns.resolve('example.com', 'TXT');
    await dns.resolve('Example.COM.', 'TXT');
    await dns.resolve('example.com', 'A');
    await dns.resolve('bad.example.com', 'TXT');
    expect(dns.stats()).toEqual({ queriesSent: 4, cacheHits: 0, inflightMerged: 0, errors: 1 });
    expect(dns.distinctQueries()).toBe(3);
    expect(inner.queries).toHaveLength(4);
  });

  it('counts a rejection as an error and passes it on', async () => {
    const inner = createHeldResolver();
    const dns = createCountingResolver(inner);
    const answer = dns.resolve('example.com', 'A');
    inner.held[0]?.fail(new Error('boom'));
    await expect(answer).rejects.toThrow('boom');
    expect(dns.stats().errors).toBe(1);
  });
});
