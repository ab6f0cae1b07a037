import { normalizeDomain, toQueryName } from '../src/domain';

describe('toQueryName (RFC 7208 §4.8, §7.3)', () => {
  it.each([
    ['Example.COM.', 'example.com'],
    ['a.b', 'a.b'],
    ['', undefined],
    ['.', undefined],
    ['a..b', undefined],
    ['.a.b', undefined],
    ['a.b..', undefined],
    [`${'x'.repeat(63)}.test`, `${'x'.repeat(63)}.test`],
    [`${'x'.repeat(64)}.test`, undefined],
    ['%{i} with space.example', '%{i} with space.example'],
  ])('%j → %j', (input, expected) => {
    expect(toQueryName(input)).toBe(expected);
  });

  it('drops whole labels from the left of names over 253 octets (§4.6.4 by §7.3)', () => {
    const long = `${Array.from({ length: 40 }, (_, i) => `label${i}`).join('.')}.example.com`;
    expect(long.length).toBeGreaterThan(253);
    const name = toQueryName(long)!;
    expect(name.length).toBeLessThanOrEqual(253);
    expect(long.endsWith(name)).toBe(true);
    expect(long[long.length - name.length - 1]).toBe('.');
  });
});

describe('normalizeDomain (RFC 7208 §4.3)', () => {
  it.each([
    ['Example.COM.', { ok: true, domain: 'example.com' }],
    ['  _spf.example.com ', { ok: true, domain: '_spf.example.com' }],
    ['bücher.example', { ok: true, domain: 'xn--bcher-kva.example' }],
    [`${'a'.repeat(63)}.example`, { ok: true, domain: `${'a'.repeat(63)}.example` }],
    ['a.b1', { ok: true, domain: 'a.b1' }],
    ['', { ok: false, reason: 'the domain is empty' }],
    ['example', { ok: false, reason: "'example' is not a fully qualified domain name (it has a single label)" }],
    ['a..example', { ok: false, reason: "'a..example' has an empty label" }],
    ['-a.example', { ok: false, reason: "'-a.example' has an invalid label '-a'" }],
    ['a-.example', { ok: false, reason: "'a-.example' has an invalid label 'a-'" }],
    [`${'a'.repeat(64)}.example`, { ok: false, reason: `'${'a'.repeat(64)}.example' has a label longer than 63 octets` }],
    ['192.0.2.1', { ok: false, reason: "'192.0.2.1' looks like an IP address, not a domain name" }],
    ['[192.0.2.1]', { ok: false, reason: "'[192.0.2.1]' is an address literal, not a domain name" }],
    [`${'a.'.repeat(127)}com`, { ok: false, reason: 'the domain is longer than 253 octets' }],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDomain(input)).toEqual(expected);
  });
});
