import { isResolverConfigError } from '../../src/errors';
import { createNodeResolver } from '../../src/dns/node-resolver';
import { invalidNameReason, normalizeName, parseDnsServer, parseDnsServers } from '../../src/dns/options';
import { createWireResolver } from '../../src/dns/wire-resolver';
import fc from 'fast-check';

describe('parseDnsServer', () => {
  it.each([
    ['1.2.3.4', { host: '1.2.3.4', port: 53, family: 4 }],
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353, family: 4 }],
    ['[::1]:53', { host: '::1', port: 53, family: 6 }],
    ['[::1]', { host: '::1', port: 53, family: 6 }],
    ['::1', { host: '::1', port: 53, family: 6 }],
    ['2001:DB8:0:0::1', { host: '2001:db8::1', port: 53, family: 6 }],
    ['[0:0:0:0:0:0:0:1]:5300', { host: '::1', port: 5300, family: 6 }],
  ])('reads %s', (spec, expected) => {
    expect(parseDnsServer(spec)).toEqual(expected);
  });

  it.each(['', ' 1.2.3.4', 'dns.google', '1.2.3.4:', '1.2.3.4:0', '1.2.3.4:65536', '1.2.3.4:53x', '[1.2.3.4]:53', '[::1', '999.1.1.1', '::1:53:x'])(
    'rejects %j with a clear ResolverConfigError',
    (spec) => {
      let thrown: unknown;
      try {
        parseDnsServer(spec);
      } catch (err) {
        thrown = err;
      }
      expect(isResolverConfigError(thrown)).toBe(true);
      expect((thrown as Error).message).toContain('Invalid DNS server');
    },
  );

  it('rejects an empty list (omit the option for the system servers)', () => {
    expect(() => parseDnsServers([])).toThrow(/at least one server/);
  });
});

describe.each([
  ['node', createNodeResolver],
  ['wire', createWireResolver],
] as const)('%s resolver options', (_label, create) => {
  it('throws on a malformed server before any query', () => {
    expect(() => create({ servers: ['127.0.0.1', 'localhost'] })).toThrow(/Invalid DNS server "localhost"/);
  });

  it.each([{ timeoutMs: 0 }, { timeoutMs: 1.5 }, { timeoutMs: NaN }, { tries: 0 }, { tries: 2.5 }])('rejects %j', (bad) => {
    expect(() => create({ servers: ['127.0.0.1'], ...bad })).toThrow(/Invalid (timeoutMs|tries)/);
  });
});

describe('names', () => {
  it('normalizes case and the trailing dot', () => {
    expect(normalizeName('Example.COM.')).toBe('example.com');
    expect(normalizeName('.')).toBe('');
  });

  // RFC 1035 §2.3.4: 63 octets per label, 255 per name (253 in text form).
  it.each([
    ['', 'empty name'],
    ['.', 'empty name'],
    ['a..b', 'empty label'],
    [`${'a'.repeat(64)}.com`, 'label longer than 63 octets'],
    [`${'a.'.repeat(127)}ab`, 'longer than 253 octets'],
  ])('refuses %j: %s', (name, reason) => {
    expect(invalidNameReason(name)).toBe(reason);
  });

  it('accepts the longest legal name, with or without the trailing dot', () => {
    const longest = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(longest).toHaveLength(253);
    expect(invalidNameReason(longest)).toBeUndefined();
    expect(invalidNameReason(`${longest}.`)).toBeUndefined();
  });
});

describe('normalizeName fast path', () => {
  it('equals lower-casing and dropping one trailing dot, for any name', () => {
    const reference = (name: string): string => {
      const lower = name.toLowerCase();
      return lower.endsWith('.') ? lower.slice(0, -1) : lower;
    };
    fc.assert(fc.property(fc.oneof(fc.string(), fc.domain(), fc.constantFrom('', '.', '..', 'BÜCHER.example.', 'İ.test', 'a.b.', 'ß.TEST')), (name) => expect(normalizeName(name)).toBe(reference(name))), { numRuns: 2000 });
  });
});
