import fc from 'fast-check';
import { analyze, createAnalysisRunCache } from '../src/analyze/analyze';
import type { AnalyzeOptions } from '../src/analyze/analyze';
import { createResolverStack } from '../src/dns/stack';
import type { FakeZone } from '../src/dns/zone-fake-resolver';
import { createZoneFakeResolver } from '../src/dns/zone-fake-resolver';

/**
 * The run cache shares walked include subtrees between the analyses of a run. Whatever it
 * reuses, every analysis must be exactly what a walk of its own would give.
 */
const now = () => new Date(0);

async function alone(zone: FakeZone, domain: string, extra: Partial<AnalyzeOptions> = {}) {
  return analyze(domain, { resolver: createZoneFakeResolver(zone), now, ...extra });
}

/** Analyses `domains` in order (or all at once) through one cached stack and one run cache. */
async function sharing(zone: FakeZone, domains: string[], extra: Partial<AnalyzeOptions> = {}, concurrent = false) {
  const stack = createResolverStack({ inner: createZoneFakeResolver(zone) });
  const runCache = createAnalysisRunCache();
  const run = (d: string) => analyze(d, { resolver: stack.resolver, runCache, now, ...extra });
  if (concurrent) return Promise.all(domains.map(run));
  const out = [];
  for (const d of domains) out.push(await run(d));
  return out;
}

const PROVIDER: FakeZone = {
  '_spf.provider.test': { TXT: ['v=spf1 include:_a.provider.test a:out.provider.test mx:provider.test ptr ~all'] },
  '_a.provider.test': { TXT: ['v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 exists:%{i}.x.provider.test ~all'] },
  'out.provider.test': { A: ['203.0.113.5'], AAAA: ['2001:db8:5::1'] },
  'provider.test': { MX: [{ priority: 10, exchange: 'out.provider.test' }] },
  'one.test': { TXT: ['v=spf1 ip4:192.0.2.1 include:_spf.provider.test include:_spf.provider.test -all'] },
  'two.test': { TXT: ['v=spf1 a include:spf.mailjet.com ~include:_spf.provider.test redirect=three.test'], A: ['192.0.2.2'] },
  'three.test': { TXT: ['v=spf1 include:_spf.provider.test -all'] },
  'spf.mailjet.com': { TXT: ['v=spf1 ip4:87.253.232.0/21 ~all'] },
};

describe('analyze with a run cache (memoised include subtrees)', () => {
  it('gives two domains sharing an include exactly what each gets alone: tree, costs, provenance, lint, services, flattening', async () => {
    const domains = ['one.test', 'two.test', 'three.test', 'one.test'];
    const shared = await sharing(PROVIDER, domains);
    for (const [i, d] of domains.entries()) expect(shared[i]).toEqual(await alone(PROVIDER, d));
    const [one] = shared;
    // a repeated include is counted (and listed) again, with the provenance of each domain
    expect(one!.lookupCount).toBe(12);
    expect(one!.networks.filter((n) => n.cidr === '198.51.100.0/24').map((n) => n.path)).toEqual([
      ['one.test', '_spf.provider.test', '_a.provider.test'],
      ['one.test', '_spf.provider.test', '_a.provider.test'],
    ]);
    expect(shared[2]!.networks.find((n) => n.cidr === '198.51.100.0/24')!.path).toEqual(['three.test', '_spf.provider.test', '_a.provider.test']);
    expect(shared[2]!.unresolvable.map((u) => u.path)).toEqual([['three.test', '_spf.provider.test', '_a.provider.test'], ['three.test', '_spf.provider.test']]);
  });

  it('gives the same results when the analyses run concurrently and meet subtrees still being walked', async () => {
    const domains = ['one.test', 'two.test', 'three.test', 'one.test', 'two.test', 'three.test'];
    const shared = await sharing(PROVIDER, domains, {}, true);
    for (const [i, d] of domains.entries()) expect(shared[i]).toEqual(await alone(PROVIDER, d));
  });

  it('shares memoised subtrees as frozen data', async () => {
    const [one, three] = await sharing(PROVIDER, ['one.test', 'three.test']);
    const provider = three!.tree.children[0]!;
    expect(one!.tree.children[0]).toBe(provider);
    expect(Object.isFrozen(provider) && Object.isFrozen(provider.children[0]!.terms)).toBe(true);
    expect(() => provider.children.push(provider)).toThrow(TypeError);
    // what belongs to one domain stays its own
    expect(Object.isFrozen(three!.tree)).toBe(false);
    expect(one!.networks[0]).not.toBe(three!.networks[0]);
  });

  it('still reports a loop through a shared include for every domain, each with its own chain (RFC 7208 §5.2)', async () => {
    const zone: FakeZone = {
      'shared.test': { TXT: ['v=spf1 include:back.test -all'] },
      'back.test': { TXT: ['v=spf1 include:shared.test -all'] },
      'x.test': { TXT: ['v=spf1 include:shared.test -all'] },
      'y.test': { TXT: ['v=spf1 ip4:192.0.2.9 include:shared.test -all'] },
    };
    const [x, y, back] = await sharing(zone, ['x.test', 'y.test', 'back.test']);
    for (const [a, d] of [[x, 'x.test'], [y, 'y.test'], [back, 'back.test']] as const) {
      expect(a).toEqual(await alone(zone, d));
      expect(a?.status).toBe('permerror');
      expect(a?.lint.map((l) => l.code)).toContain('include-loop');
    }
    expect(x!.lint.find((l) => l.code === 'include-loop')!.message).toContain('x.test → shared.test → back.test → shared.test');
    expect(y!.lint.find((l) => l.code === 'include-loop')!.message).toContain('y.test → shared.test → back.test → shared.test');
    expect(back!.lint.find((l) => l.code === 'include-loop')!.message).toContain('back.test → shared.test → back.test');
  });

  it('finds the own networks a shared include covers, in flattening and lint, wherever the include sits', async () => {
    const zone: FakeZone = {
      ...PROVIDER,
      'wide.provider.test': { TXT: ['v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 include:_a.provider.test -all'] },
      'four.test': { TXT: ['v=spf1 ip4:198.51.100.7 include:wide.provider.test ip4:203.0.113.9 ip6:2001:db8:1::9 ip4:192.0.2.1 -all'] },
      'five.test': { TXT: ['v=spf1 include:wide.provider.test ip4:198.51.100.0/25 ip4:203.0.112.0/23 ~all'] },
    };
    const domains = ['four.test', 'five.test', 'four.test', 'five.test'];
    const shared = await sharing(zone, domains);
    for (const [i, d] of domains.entries()) expect(shared[i]).toEqual(await alone(zone, d));
    const four = shared[2]!;
    expect(four.lint.filter((l) => l.code === 'redundant-network').map((l) => l.term)).toEqual(['ip4:198.51.100.7', 'ip4:203.0.113.9', 'ip6:2001:db8:1::9']);
    expect(four.lint.find((l) => l.term === 'ip4:198.51.100.7')!.message).toContain('ip4:198.51.100.0/24 in _a.provider.test (via wide.provider.test)');
    expect(shared[3]!.lint.filter((l) => l.code === 'redundant-network').map((l) => l.term)).toEqual(['ip4:198.51.100.0/25']);
    expect(shared[3]!.flattened.records.map((r) => r.text).join(' ')).toContain('ip4:203.0.112.0/23');
  });

  it('does not graft a subtree that holds an ancestor of the place it would go (a draft record of a domain inside it)', async () => {
    const zone: FakeZone = {
      'outer.test': { TXT: ['v=spf1 include:mid.test -all'] },
      'mid.test': { TXT: ['v=spf1 include:leaf.test -all'] },
      'leaf.test': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
    };
    // leaf.test's published record is innocent; its draft includes mid.test, which includes leaf.test.
    const draft = { draftRecord: 'v=spf1 include:mid.test -all' };
    const stack = createResolverStack({ inner: createZoneFakeResolver(zone) });
    const runCache = createAnalysisRunCache();
    await analyze('outer.test', { resolver: stack.resolver, runCache, now });
    const drafted = await analyze('leaf.test', { resolver: stack.resolver, runCache, now, ...draft });
    expect(drafted).toEqual(await alone(zone, 'leaf.test', draft));
    expect(drafted.tree.children[0]!.children[0]!.status).toBe('loop');
  });

  it('keeps subtrees walked under other limits apart (too-many-mx depends on maxMxNames)', async () => {
    const zone: FakeZone = {
      'inc.test': { TXT: ['v=spf1 mx -all'], MX: [1, 2, 3].map((i) => ({ priority: i, exchange: `mx${i}.inc.test` })) },
      'root.test': { TXT: ['v=spf1 include:inc.test -all'] },
    };
    const stack = createResolverStack({ inner: createZoneFakeResolver(zone) });
    const runCache = createAnalysisRunCache();
    const lax = await analyze('root.test', { resolver: stack.resolver, runCache, now });
    const strict = await analyze('root.test', { resolver: stack.resolver, runCache, now, maxMxNames: 2 });
    expect(lax).toEqual(await alone(zone, 'root.test'));
    expect(strict).toEqual(await alone(zone, 'root.test', { maxMxNames: 2 }));
    expect(strict.lint.map((l) => l.code)).toContain('too-many-mx');
  });

  it('reuses a subtree only where it fits the node and depth caps, as a fresh walk would truncate', async () => {
    const zone: FakeZone = {
      'deep.test': { TXT: ['v=spf1 include:d1.test -all'] },
      'd1.test': { TXT: ['v=spf1 include:d2.test include:d2.test -all'] },
      'd2.test': { TXT: ['v=spf1 ip4:192.0.2.1 -all'] },
      'wide.test': { TXT: [`v=spf1 ${Array.from({ length: 3 }, () => 'include:d1.test').join(' ')} -all`] },
    };
    for (const limits of [{ maxNodes: 6 }, { maxNodes: 7 }, { maxDepth: 2 }, { maxNodes: 400 }]) {
      const shared = await sharing(zone, ['deep.test', 'wide.test', 'deep.test'], limits);
      expect(shared[0]).toEqual(await alone(zone, 'deep.test', limits));
      expect(shared[1]).toEqual(await alone(zone, 'wide.test', limits));
      expect(shared[2]).toEqual(shared[0]);
    }
  });

  it('matches a walk of its own for random include graphs (loops, redirects, voids, errors, drafts, caps), in any order and concurrency', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `n${i}.test`);
    const term = fc.oneof(
      fc.tuple(fc.constantFrom('', '~', '-', '?', '+'), fc.constantFrom(...names)).map(([q, n]) => `${q}include:${n}`),
      fc.constantFrom('ip4:192.0.2.0/24', 'ip4:198.51.100.7', 'ip6:2001:db8::/48', 'a:h.test', 'a:gone.test', 'mx', 'exists:%{i}.x.test', 'include:missing.test', 'include:err.test', 'ptr', 'bogus:x', 'a:%{d}'),
    );
    const record = fc.tuple(fc.array(term, { maxLength: 4 }), fc.oneof(fc.constantFrom('-all', '~all', '?all', ''), fc.constantFrom(...names).map((n) => `redirect=${n}`))).map(([terms, end]) => ['v=spf1', ...terms, end].filter(Boolean).join(' '));
    const scenario = fc.record({
      records: fc.array(record, { minLength: names.length, maxLength: names.length }),
      drafts: fc.array(fc.option(record, { nil: undefined }), { minLength: names.length, maxLength: names.length }),
      order: fc.shuffledSubarray([...names, ...names.map((n) => `draft:${n}`), ...names], { minLength: 6 }),
      limits: fc.oneof(fc.constant({}), fc.record({ maxNodes: fc.integer({ min: 2, max: 25 }), maxDepth: fc.integer({ min: 1, max: 6 }) })),
      concurrent: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ records, drafts, order, limits, concurrent }) => {
        const zone: FakeZone = { 'h.test': { A: ['192.0.2.50'], AAAA: ['2001:db8::50'] }, 'err.test': { error: 'servfail' } };
        names.forEach((n, i) => (zone[n] = { TXT: [records[i]!], MX: [{ priority: 10, exchange: 'h.test' }] }));
        const jobs = order.map((key) => {
          const domain = key.replace(/^draft:/, '');
          const draft = key.startsWith('draft:') ? drafts[names.indexOf(domain)] : undefined;
          return { domain, extra: { ...limits, ...(draft !== undefined ? { draftRecord: draft } : {}) } };
        });
        const stack = createResolverStack({ inner: createZoneFakeResolver(zone) });
        const runCache = createAnalysisRunCache();
        const run = (j: (typeof jobs)[number]) => analyze(j.domain, { resolver: stack.resolver, runCache, now, ...j.extra });
        const shared = concurrent ? await Promise.all(jobs.map(run)) : await jobs.reduce<Promise<Awaited<ReturnType<typeof run>>[]>>(async (acc, j) => [...(await acc), await run(j)], Promise.resolve([]));
        for (const [i, j] of jobs.entries()) expect(shared[i]).toEqual(await alone(zone, j.domain, j.extra));
      }),
      { numRuns: 150 },
    );
  });
});
