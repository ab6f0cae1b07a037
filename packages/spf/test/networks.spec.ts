import fc from 'fast-check';
import { collapseNetworks, collapseRanges, collapseRangesWith, findCoveredNetworks, parseNetwork, precollapse } from '../src/analyze/networks';
import type { AuthorizedNetwork } from '../src/types/analysis';

/** [start, end) of a network text, by family; the reference the collapse is checked against. */
function interval(cidr: string): { family: 4 | 6; start: bigint; end: bigint } {
  const [address, prefixText] = cidr.split('/') as [string, string | undefined];
  if (address.includes(':')) {
    const [head, tail = ''] = address.split('::') as [string, string | undefined];
    const h = head === '' ? [] : head.split(':');
    const t = tail === '' ? [] : tail.split(':');
    const groups = address.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
    const size = 1n << BigInt(128 - Number(prefixText ?? 128));
    return { family: 6, start: (value / size) * size, end: (value / size) * size + size };
  }
  const value = address.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
  const size = 1n << BigInt(32 - Number(prefixText ?? 32));
  return { family: 4, start: (value / size) * size, end: (value / size) * size + size };
}

/** The address set as disjoint, sorted, non-touching intervals per family. */
function union(cidrs: string[]): string[] {
  const out: string[] = [];
  for (const family of [4, 6]) {
    const list = cidrs.map(interval).filter((i) => i.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let current: { start: bigint; end: bigint } | undefined;
    for (const i of list) {
      if (current && i.start <= current.end) current.end = i.end > current.end ? i.end : current.end;
      else {
        if (current) out.push(`${family}:${current.start}-${current.end}`);
        current = { start: i.start, end: i.end };
      }
    }
    if (current) out.push(`${family}:${current.start}-${current.end}`);
  }
  return out;
}

const v4 = fc
  .tuple(fc.constantFrom(10, 192, 198), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 33 }))
  .map(([a, b, c, d, p]) => (p === 33 ? `${a}.${b}.${c}.${d}` : `${a}.${b}.${c}.${d}/${p}`));
const v6 = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 30, max: 129 }))
  .map(([a, b, p]) => (p === 129 ? `2001:db8:${a}:${b.toString(16)}::1` : `2001:db8:${a}:${b.toString(16)}::/${p}`));

describe('collapseNetworks', () => {
  it('gives the canonical cover: same addresses, ascending, IPv4 first, no block whose parent is covered', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: v4 }, { weight: 1, arbitrary: v6 }), { maxLength: 60 }), (cidrs) => {
        const out = collapseNetworks(cidrs);
        expect(union(out)).toEqual(union(cidrs));
        const intervals = out.map(interval);
        for (let i = 1; i < intervals.length; i++) {
          const [a, b] = [intervals[i - 1]!, intervals[i]!];
          expect(a.family < b.family || (a.family === b.family && a.end <= b.start)).toBe(true);
        }
        // Maximal blocks: the aligned parent of each output block is not entirely authorised.
        const cover = union(cidrs);
        for (const block of intervals) {
          const size = block.end - block.start;
          if (size === 1n << (block.family === 4 ? 32n : 128n)) continue;
          const parentStart = (block.start / (size * 2n)) * (size * 2n);
          const inside = cover.some((u) => {
            const [family, range] = u.split(':') as [string, string];
            const [s, e] = range.split('-').map(BigInt) as [bigint, bigint];
            return Number(family) === block.family && s <= parentStart && parentStart + size * 2n <= e;
          });
          expect(inside).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('formats like the engine writes networks and skips what is not a network', () => {
    expect(collapseNetworks(['192.0.2.1/32', '192.0.2.0/31', 'not-a-network', '2001:DB8:0:0::1', '0.0.0.0/0', '2001:db8::/128'])).toEqual(['0.0.0.0/0', '2001:db8::/127']);
    expect(collapseNetworks(['255.255.255.255', '255.255.255.254'])).toEqual(['255.255.255.254/31']);
  });
});

describe('collapseRangesWith (memoised subtrees collapsed once per run)', () => {
  it('gives exactly what collapsing every range at once gives, however the ranges are split into collapsed sets', () => {
    const part = fc.array(fc.oneof({ weight: 4, arbitrary: v4 }, { weight: 1, arbitrary: v6 }, { weight: 1, arbitrary: fc.constant('not-a-network') }), { maxLength: 25 });
    fc.assert(
      fc.property(part, fc.array(part, { maxLength: 4 }), (loose, sets) => {
        const all = [...loose, ...sets.flat()].map(parseNetwork);
        expect(collapseRangesWith(loose.map(parseNetwork), sets.map((s) => precollapse(s.map(parseNetwork))), 'term')).toEqual(collapseRanges(all, 'term'));
      }),
      { numRuns: 500 },
    );
  });

  it('merges siblings across sets and drops what another set covers', () => {
    const sets = [precollapse(['192.0.2.0/25', '2001:db8::/33'].map(parseNetwork)), precollapse(['192.0.2.128/25', '2001:db8:8000::/33', '10.0.0.1'].map(parseNetwork))];
    expect(collapseRangesWith(['10.0.0.0/8', '192.0.2.7'].map(parseNetwork), sets)).toEqual(['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32']);
  });
});

describe('findCoveredNetworks', () => {
  const net = (cidr: string, path: string[], term = `ip4:${cidr}`): AuthorizedNetwork => ({ cidr, family: cidr.includes(':') ? 6 : 4, path, term });

  it('reports the root’s own networks covered by a wider own one or by an include, not equal own duplicates', () => {
    const own = net('192.0.2.7', ['example.com']);
    const wide = net('192.0.2.0/24', ['example.com']);
    const twin = net('192.0.2.0/24', ['example.com']);
    const foreign = net('198.51.100.0/24', ['example.com', 'spf.provider.test']);
    const ownInForeign = net('198.51.100.9', ['example.com']);
    const six = net('2001:db8::1', ['example.com'], 'ip6:2001:db8::1');
    const found = findCoveredNetworks([own, wide, twin, foreign, ownInForeign, six, net('2001:db8::/32', ['example.com', 'x.test'], 'ip6:2001:db8::/32')]);
    expect(found.map((f) => [f.network.cidr, f.coveredBy.cidr])).toEqual([
      ['192.0.2.7', '192.0.2.0/24'],
      ['198.51.100.9', '198.51.100.0/24'],
      ['2001:db8::1', '2001:db8::/32'],
    ]);
  });
});
