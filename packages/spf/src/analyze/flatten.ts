import type { AnalysisNode, AuthorizedNetwork, FlattenSuggestion, UnresolvableTerm } from '../types/analysis';
import type { Qualifier } from '../parser/types';
import type { CollapsedRanges, NetworkRange } from './networks';
import { collapseRanges, collapseRangesWith } from './networks';
import type { RangeBlock } from './walk';
import { asciiTxtAnswerSize, isAscii, measureTxtAnswer, splitAsciiIntoStrings, splitIntoStrings } from './wire-size';

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
  /** Runs of `ranges` from memoised subtrees, whose collapse is already known. */
  blocks: readonly RangeBlock[] = [],
): FlattenSuggestion {
  const notes: string[] = [];
  if (tree.record === null) {
    return { records: [], lookupCount: 0, withinLimits: true, notes: ['There is no SPF record to flatten.'] };
  }
  // Top-level terms that must stay dynamic: the root's own unresolvable terms, and root-level
  // includes (or redirects) whose subtree holds one.
  const keep: Array<{ term: string; cost: number }> = [];
  let keptIncludeDomains: Set<string> | undefined;
  for (const u of unresolvable) {
    if (u.path.length === 1) {
      if (!keep.some((k) => k.term === u.term)) keep.push({ term: u.term, cost: 1 });
      continue;
    }
    const top = u.path[1]!;
    const child = tree.children.find((c) => c.domain === top);
    if (child?.term && !keptIncludeDomains?.has(top)) {
      (keptIncludeDomains ??= new Set()).add(top);
      const term = child.via === 'redirect' ? `include:${top}` : child.term;
      keep.push({ term, cost: child.totalCost + 1 });
      notes.push(`Kept ${term}: it uses ${u.reason === 'macro' ? 'macros' : u.reason} that can only be evaluated at check time.`);
    }
  }
  const ipTerms = flattenedNetworkTerms(networks, ranges, blocks, keptIncludeDomains ?? NONE_KEPT);
  const allTerm = allQualifier ? ALL_TERMS[allQualifier] : '';
  const tail: string[] = [];
  let keptCost = 0;
  for (const k of keep) {
    if (k.term) tail.push(k.term);
    keptCost += k.cost;
  }
  if (allTerm) tail.push(allTerm);

  const records: FlattenSuggestion['records'] = [];
  // Every ip4/ip6 term and the domain are ASCII (octets = string length): only the kept terms
  // need a look, and then no string of the suggestion has to be scanned again.
  const ascii = isAscii(domain) && tail.every(isAscii);
  let sizesOk = true;
  const add = (name: string, text: string): void => {
    const strings = ascii ? splitAsciiIntoStrings(text) : splitIntoStrings(text);
    records.push({ name, text, strings });
    if (sizesOk) {
      for (let i = 0; i < strings.length; i++) if (strings[i]!.length > 255) sizesOk = false;
      if ((ascii ? asciiTxtAnswerSize(name, strings) : measureTxtAnswer(name, [strings])) > UDP_LIMIT) sizesOk = false;
    }
  };
  // The single record's length without building it: most fleet records need the split.
  let singleLength = 'v=spf1'.length;
  // Indexed loops: for-of allocates per step until V8 has optimized the function (a first fleet run).
  for (let i = 0; i < ipTerms.length; i++) singleLength += 1 + ipTerms[i]!.length;
  for (let i = 0; i < tail.length; i++) singleLength += 1 + tail[i]!.length;
  if (singleLength <= TARGET_RECORD_OCTETS) {
    add(domain, ['v=spf1'].concat(ipTerms, tail).join(' '));
  } else {
    // Where each include record's terms start, then one join per record: no list per chunk.
    const starts: number[] = [];
    let length = 'v=spf1 -all'.length;
    for (let i = 0; i < ipTerms.length; i++) {
      const t = ipTerms[i]!;
      if (i === 0 || (length + t.length + 1 > TARGET_RECORD_OCTETS && i > starts[starts.length - 1]!)) {
        starts.push(i);
        length = 'v=spf1 -all'.length;
      }
      length += t.length + 1;
    }
    const root = ['v=spf1'];
    for (let c = 0; c < starts.length; c++) root.push(`include:_spf${c + 1}.${domain}`);
    add(domain, root.concat(tail).join(' '));
    for (let c = 0; c < starts.length; c++) {
      // "-all" inside an include only makes that include not match; the root's "all" decides.
      const parts = ['v=spf1'];
      const end = c + 1 < starts.length ? starts[c + 1]! : ipTerms.length;
      for (let i = starts[c]!; i < end; i++) parts.push(ipTerms[i]!);
      parts.push('-all');
      add(`_spf${c + 1}.${domain}`, parts.join(' '));
    }
    notes.push(splitNote(starts.length));
  }
  const lookupCount = records.length - 1 + keptCost;
  const withinLimits = lookupCount <= MAX_LOOKUPS && sizesOk;
  if (lookupCount > MAX_LOOKUPS) notes.push(`Even flattened, the policy needs ${lookupCount} lookups; remove unused services.`);
  if (hasAddressTerm(networks)) {
    notes.push('a/mx terms were replaced by the addresses they resolve to today; spfwatch re-checks them on every run so you see when they move.');
  }
  if (tree.children.length > 0) {
    notes.push('Flattened include contents are a snapshot: providers change their ranges, so keep the flattened record monitored.');
  }
  return { records, lookupCount, withinLimits, notes };
}

const NONE_KEPT: ReadonlySet<string> = new Set();
const ALL_TERMS: Record<Qualifier, string> = { '+': 'all', '-': '-all', '~': '~all', '?': '?all' };
const splitNotes: string[] = [];

/** The same few counts come back for every domain: word each once. */
function splitNote(count: number): string {
  return (splitNotes[count] ??= `The networks do not fit one 512-octet DNS answer, so they are split over ${count} include names.`);
}

/** networks.some(ADDRESS_TERM), without the regex for the ip4/ip6 terms that most networks come from. */
function hasAddressTerm(networks: readonly AuthorizedNetwork[]): boolean {
  for (let i = 0; i < networks.length; i++) {
    const n = networks[i]!;
    // "i" (ip4:, ip6:) can never start an a or mx term.
    if ((n.term.charCodeAt(0) | 0x20) !== 0x69 && ADDRESS_TERM.test(n.term)) return true;
  }
  return false;
}

/**
 * The ip4/ip6 terms of every network outside the kept includes, collapsed. A block (a memoised
 * subtree's run of networks) brings its collapsed ranges instead of its networks one by one; all
 * networks of a block share path[1], so one test keeps or drops the whole block.
 */
function flattenedNetworkTerms(networks: readonly AuthorizedNetwork[], ranges: readonly NetworkRange[], blocks: readonly RangeBlock[], kept: ReadonlySet<string>): string[] {
  const excluded = (i: number): boolean => kept.size > 0 && networks[i]!.path.length > 1 && kept.has(networks[i]!.path[1]!);
  if (blocks.length === 0) return collapseRanges(kept.size === 0 ? ranges : ranges.filter((_, i) => !excluded(i)), 'term');
  const loose: NetworkRange[] = [];
  const sets: CollapsedRanges[] = [];
  let i = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    for (; i < block.start; i++) if (!excluded(i)) loose.push(ranges[i]!);
    if (block.end > block.start && !excluded(block.start)) sets.push(block.collapsed);
    i = block.end;
  }
  for (; i < ranges.length; i++) if (!excluded(i)) loose.push(ranges[i]!);
  return collapseRangesWith(loose, sets, 'term');
}
