import { createResolverStack } from '../../src/dns/stack';
import { createZoneFakeResolver } from '../../src/dns/zone-fake-resolver';
import { createHeldResolver, createScriptedResolver, TIMEOUT } from './helpers';

describe('createResolverStack', () => {
  it('cache → retry → counting → implementation: queriesSent is what reached the implementation', async () => {
    const inner = createZoneFakeResolver({ 'example.com': { TXT: ['v=spf1 -all'] } });
    const stack = createResolverStack({ inner });
    const names = ['example.com', 'EXAMPLE.com', 'example.com.', 'missing.example.com', 'missing.example.com'];
    await Promise.all(names.map((name) => stack.resolver.resolve(name, 'TXT')));
    await stack.resolver.resolve('example.com', 'TXT');
    expect(inner.queries).toHaveLength(2);
    expect(stack.stats()).toEqual({ queriesSent: 2, cacheHits: 1, inflightMerged: 3, errors: 0, distinctQueries: 2, retries: 0 });
    stack.close();
  });

  it('counts retried attempts as sent queries, so a benchmark sees every packet', async () => {
    const inner = createScriptedResolver([TIMEOUT, { kind: 'ok', records: ['192.0.2.1'] }]);
    const stack = createResolverStack({ inner, retries: 1 });
    expect(await stack.resolver.resolve('example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1'] });
    expect(stack.stats()).toMatchObject({ queriesSent: 2, errors: 1, distinctQueries: 1, retries: 1 });
  });

  it('without the cache, every question reaches the implementation', async () => {
    const inner = createHeldResolver();
    const stack = createResolverStack({ inner, cache: false });
    void stack.resolver.resolve('example.com', 'TXT');
    void stack.resolver.resolve('example.com', 'TXT');
    await Promise.resolve();
    expect(inner.held).toHaveLength(2);
    expect(stack.stats()).toMatchObject({ queriesSent: 2, distinctQueries: 1, cacheHits: 0, inflightMerged: 0 });
  });

  it('validates its options', () => {
    expect(() => createResolverStack({ implementation: 'bind' as never })).toThrow(/Invalid implementation/);
    expect(() => createResolverStack({ servers: ['nope'] })).toThrow(/Invalid DNS server/);
    expect(() => createResolverStack({ servers: ['127.0.0.1'], retries: -1 })).toThrow(/Invalid retries/);
    expect(() => createResolverStack({ servers: ['127.0.0.1'], implementation: 'wire', transport: 'quic' as never })).toThrow(/Invalid transport "quic"/);
    expect(() => createResolverStack({ servers: ['127.0.0.1'], transport: 'tcp' })).toThrow(/c-ares only does "udp"/);
  });
});
