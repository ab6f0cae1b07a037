import fc from 'fast-check';
import { analyze } from '../src/analyze/analyze';
import { checkHost } from '../src/eval/check-host';
import { createZoneFakeResolver } from '../src/dns/zone-fake-resolver';
import { parseRecord } from '../src/parser/record';
import { SPF_RESULTS } from '../src/types/result';

/** Pieces real records are made of, so generated records reach deep into the parser. */
const termArb = fc.oneof(
  fc.constantFrom('all', '-all', '~all', '?all', '+all', 'a', 'mx', 'ptr', 'a/24', 'mx//64', 'a:%{d}', 'exists:%{i}.%{d}', 'include:inc.example.com', 'redirect=inc.example.com', 'exp=exp.example.com', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'ptr:example.com', 'include:loop.example.com'),
  fc.string({ maxLength: 30 }),
  fc.tuple(fc.constantFrom('include:', 'a:', 'mx:', 'exists:', 'ip4:', 'ip6:', 'redirect=', 'exp=', 'x='), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('%{', '%', '%{l', '%{ir', '%{d2r-', '%{p}'), fc.string({ maxLength: 8 })).map(([a, b]) => `exists:${a}${b}.example.com`),
);
const recordArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(termArb, { maxLength: 25 }).map((terms) => ['v=spf1', ...terms].join(' ')),
);
const domainArb = fc.oneof(fc.string({ maxLength: 80 }), fc.domain(), fc.constantFrom('', '.', 'a..b', '[1.2.3.4]', 'xn--bcher-kva.example', 'bücher.example', 'example.com.', 'x'.repeat(300)));
const ipArb = fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 40 }), fc.constantFrom('::ffff:192.0.2.1', '1.2.3', '', '::'));

function zoneWith(record: string) {
  return createZoneFakeResolver({
    'example.com': { TXT: [record], A: ['192.0.2.1'], MX: [{ priority: 10, exchange: 'mx.example.com' }] },
    'mx.example.com': { A: ['192.0.2.2'] },
    'inc.example.com': { TXT: [record] },
    'loop.example.com': { TXT: ['v=spf1 include:loop.example.com'] },
    'exp.example.com': { TXT: ['%{c} %{r} %{t} %{x}'] },
  });
}

describe('robustness: any input gives a result, never an exception', () => {
  it('parseRecord never throws', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const r = parseRecord(record);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('checkHost returns one of the seven results for any record, sender and IP', async () => {
    await fc.assert(
      fc.asyncProperty(recordArb, ipArb, fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (record, ip, local, helo) => {
        const r = await checkHost({ ip, sender: `${local}@example.com`, helo, resolver: zoneWith(record) });
        expect(SPF_RESULTS).toContain(r.result);
        expect(r.lookups).toBeLessThanOrEqual(11);
        expect(r.receivedSpf).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 1500 },
    );
  });

  it('checkHost handles any domain', async () => {
    await fc.assert(
      fc.asyncProperty(domainArb, fc.string({ maxLength: 20 }), async (domain, local) => {
        const r = await checkHost({ ip: '192.0.2.1', sender: `${local}@${domain}`, resolver: zoneWith('v=spf1 -all') });
        expect(SPF_RESULTS).toContain(r.result);
      }),
      { numRuns: 1000 },
    );
  });

  it('analyze returns an analysis for any domain and any draft record', async () => {
    await fc.assert(
      fc.asyncProperty(domainArb, recordArb, async (domain, record) => {
        const a = await analyze(domain, { resolver: zoneWith(record) });
        expect(['ok', 'none', 'permerror', 'temperror']).toContain(a.status);
        const draft = await analyze('example.com', { resolver: zoneWith('v=spf1 -all'), draftRecord: record });
        expect(draft.lookupCount).toBeGreaterThanOrEqual(0);
        expect(Array.isArray(draft.lint)).toBe(true);
      }),
      { numRuns: 800 },
    );
  });
});
