import type { AnalysisNode, AuthorizedNetwork, FlattenSuggestion, UnresolvableTerm } from '../types/analysis';
import type { Qualifier } from '../parser/types';
import type { NetworkRange } from './networks';
import { collapseRanges } from './networks';
import { measureTxtAnswer, splitIntoStrings } from './wire-size';

/** Record text one TXT answer can carry with room for a domain's other TXT records (§3.4). */
const TARGET_RECORD_OCTETS = 450;
const UDP_LIMIT = 512;
const MAX_LOOKUPS = 10;
/** a or mx terms (a regex literal in a callback is a new RegExp object per call). */
const ADDRESS_TERM = /^[+]?(a|mx)\b/i;

/**
 * A suggested flattened policy: every statically known network written out as ip4/ip6, terms
 * that cannot be resolved ahead of time (macros, exists, ptr) kept as they are — with the
 * top-level include that holds them — and the original "all". Split over include names
 * (_spf1.<domain> …) when one record would not fit a 512-octet answer.
 */
export function suggestFlattened(
  domain: string,
  tree: AnalysisNode,
  networks: AuthorizedNetwork[],
  /** The range of each network (same index). */
  ranges: NetworkRange[],
  unresolvable: UnresolvableTerm[],
  allQualifier: Qualifier | null,
): FlattenSuggestion {
  const notes: string[] = [];
  if (tree.record === null) {
    return { records: [], lookupCount: 0, withinLimits: true, notes: ['There is no SPF record to flatten.'] };
  }
  // Top-level terms that must stay dynamic: the root's own unresolvable terms, and root-level
  // includes (or redirects) whose subtree holds one.
  const keep: Array<{ term: string; cost: number }> = [];
  const keptIncludeDomains = new Set<string>();
  for (const u of unresolvable) {
    if (u.path.length === 1) {
      if (!keep.some((k) => k.term === u.term)) keep.push({ term: u.term, cost: 1 });
      continue;
    }
    const top = u.path[1]!;
    const child = tree.children.find((c) => c.domain === top);
    if (child?.term && !keptIncludeDomains.has(top)) {
      keptIncludeDomains.add(top);
      const term = child.via === 'redirect' ? `include:${top}` : child.term;
      keep.push({ term, cost: child.totalCost + 1 });
      notes.push(`Kept ${term}: it uses ${u.reason === 'macro' ? 'macros' : u.reason} that can only be evaluated at check time.`);
    }
  }
  const flat = keptIncludeDomains.size === 0 ? ranges : ranges.filter((_, i) => !(networks[i]!.path.length > 1 && keptIncludeDomains.has(networks[i]!.path[1]!)));
  const ipTerms = collapseRanges(flat, 'term');
  const allTerm = allQualifier ? `${allQualifier === '+' ? '' : allQualifier}all` : '';
  const tail = [...keep.map((k) => k.term), allTerm].filter(Boolean);
  const keptCost = keep.reduce((s, k) => s + k.cost, 0);

  const records: FlattenSuggestion['records'] = [];
  // The single record's length without building it: most fleet records need the split.
  let singleLength = 'v=spf1'.length;
  for (const t of ipTerms) singleLength += 1 + t.length;
  for (const t of tail) singleLength += 1 + t.length;
  if (singleLength <= TARGET_RECORD_OCTETS) {
    const single = ['v=spf1'].concat(ipTerms, tail).join(' ');
    records.push({ name: domain, text: single, strings: splitIntoStrings(single) });
  } else {
    const chunks: string[][] = [];
    let current: string[] = [];
    let length = 'v=spf1 -all'.length;
    for (const t of ipTerms) {
      if (length + t.length + 1 > TARGET_RECORD_OCTETS && current.length > 0) {
        chunks.push(current);
        current = [];
        length = 'v=spf1 -all'.length;
      }
      current.push(t);
      length += t.length + 1;
    }
    if (current.length > 0) chunks.push(current);
    const names = chunks.map((_, i) => `_spf${i + 1}.${domain}`);
    const root = ['v=spf1'].concat(names.map((n) => `include:${n}`), tail).join(' ');
    records.push({ name: domain, text: root, strings: splitIntoStrings(root) });
    chunks.forEach((chunk, i) => {
      // "-all" inside an include only makes that include not match; the root's "all" decides.
      const text = `v=spf1 ${chunk.join(' ')} -all`;
      records.push({ name: names[i]!, text, strings: splitIntoStrings(text) });
    });
    notes.push(`The networks do not fit one 512-octet DNS answer, so they are split over ${chunks.length} include names.`);
  }
  const lookupCount = records.length - 1 + keptCost;
  const sizesOk = records.every((r) => r.strings.every((s) => s.length <= 255) && measureTxtAnswer(r.name, [r.strings]) <= UDP_LIMIT);
  const withinLimits = lookupCount <= MAX_LOOKUPS && sizesOk;
  if (lookupCount > MAX_LOOKUPS) notes.push(`Even flattened, the policy needs ${lookupCount} lookups; remove unused services.`);
  if (networks.some((n) => ADDRESS_TERM.test(n.term))) {
    notes.push('a/mx terms were replaced by the addresses they resolve to today; spfwatch re-checks them on every run so you see when they move.');
  }
  if (tree.children.length > 0) {
    notes.push('Flattened include contents are a snapshot: providers change their ranges, so keep the flattened record monitored.');
  }
  return { records, lookupCount, withinLimits, notes };
}
