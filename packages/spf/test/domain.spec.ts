import { toQueryName } from '../src/domain';

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
