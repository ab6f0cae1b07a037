import fc from 'fast-check';
import { parseRecordCached } from '../src/eval/parse-cache';
import { parseRecord } from '../src/parser/record';
import type { MechanismTerm } from '../src/parser/types';

const mechanismOf = (text: string, i: number): MechanismTerm => {
  const parsed = parseRecordCached(text);
  return (parsed.ok ? parsed.record : parsed.partial).mechanisms[i]!;
};

describe('parseRecordCached (RFC 7208 §4.6 parse results, memoised for a run)', () => {
  it('gives exactly what parseRecord gives, for any record', () => {
    const term = fc.oneof(
      fc.constantFrom('include:_spf.google.com', '~include:_spf.google.com', 'a', 'mx/24', '-all', '~all', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'exists:%{i}.x.test', 'ptr', 'redirect=x.test', 'exp=e.test', 'INCLUDE:Spf.Example', 'a:%{d}', 'bogus', 'x=y'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 12 }), fc.boolean(), (terms, prefix) => {
        const text = (prefix ? ['v=spf1', ...terms] : terms).join(' ');
        expect(parseRecordCached(text)).toEqual(parseRecord(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('shares one mechanism between records with the same term, whatever its qualifier, but not an own network', () => {
    const a = 'v=spf1 ip4:198.51.100.7 include:_spf.google.com -all';
    const b = 'v=spf1 ip4:198.51.100.7/32 ?include:_spf.google.com ~all';
    expect(mechanismOf(a, 1).mechanism).toBe(mechanismOf(b, 1).mechanism);
    expect(mechanismOf(a, 2).mechanism).toBe(mechanismOf(b, 2).mechanism);
    expect(mechanismOf(a, 0).mechanism).not.toBe(mechanismOf('v=spf1 ip4:198.51.100.7 -all', 0).mechanism);
    expect(mechanismOf(b, 1).qualifier).toBe('?');
  });
});
