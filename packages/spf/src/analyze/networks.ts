import ipaddr from 'ipaddr.js';
import type { AuthorizedNetwork } from '../types/analysis';

/**
 * A network as an integer range, for containment and merging. Fleets are overwhelmingly IPv4,
 * so an IPv4 range is two small integers (V8 keeps them unboxed; a start ≥ 2^31, or start · 64,
 * would be a heap number in every object and every result computed from it); IPv6 uses BigInt.
 * Ranges are objects, shared through the cache and the run's memo, so their texts are formatted
 * once and moving them around allocates nothing.
 */
interface V4Range {
  readonly family: 4;
  /** The start address as a 32-bit pattern (start | 0): masks and sibling tests work on it as is. */
  readonly bits: number;
  /** bits with the top bit flipped: signed order of `ord` is the unsigned order of the starts. */
  readonly ord: number;
  readonly prefix: number;
  names?: NetworkNames;
}
interface V6Range {
  readonly family: 6;
  start: bigint;
  /** First address after the range, and whether the range is the lower half of its parent: set once, so comparisons allocate no BigInt. */
  end: bigint;
  prefix: number;
  lowerHalf: boolean;
  /** Formatted once: parsed ranges are cached, so the same objects come back for every domain. */
  names?: NetworkNames;
}
type Range = V4Range | V6Range;
/** A network's range, or null for a text that is not a network. */
export type NetworkRange = Range | null;

/** A network as text ("192.0.2.0/24") and as the term that authorises it ("ip4:192.0.2.0/24"). */
interface NetworkNames {
  cidr: string;
  term: string;
}

/** Fleets repeat the same provider networks thousands of times: parse each text once (null: not a network). */
const rangeCache = new Map<string, NetworkRange>();
const CACHE_LIMIT = 100_000;
/** Addresses in an IPv4 network of each prefix length. */
const V4_SIZE = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

function toRange(cidr: string): NetworkRange {
  let r = rangeCache.get(cidr);
  if (r === undefined) {
    r = parseNetwork(cidr);
    if (rangeCache.size > CACHE_LIMIT) rangeCache.clear();
    rangeCache.set(cidr, r);
  }
  return r;
}

/** Uncached: for a network met once (the cache is for texts repeated across a fleet). */
export function parseNetwork(cidr: string): NetworkRange {
  return parseRange(cidr) ?? null;
}

const NOT_DOTTED_QUAD = -1;

/**
 * /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/ without the match array and its substrings (most networks of a walk are parsed
 * here): start · 64 + prefix, NOT_DOTTED_QUAD when the text has another shape, NaN when it
 * has this shape but an octet > 255 or a prefix > 32.
 */
function scanDottedQuad(cidr: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let invalid = false;
  let i = 0;
  for (; i < cidr.length; i++) {
    const c = cidr.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (++digits > 3) return NOT_DOTTED_QUAD;
      octet = octet * 10 + (c - 0x30);
    } else if (c === 0x2e /* . */ && digits > 0 && dots < 3) {
      if (octet > 255) invalid = true;
      value = value * 256 + octet;
      dots++;
      octet = 0;
      digits = 0;
    } else break;
  }
  if (dots !== 3 || digits === 0) return NOT_DOTTED_QUAD;
  if (octet > 255) invalid = true;
  value = value * 256 + octet;
  let prefix = 32;
  if (i < cidr.length) {
    const prefixDigits = cidr.length - i - 1;
    if (cidr.charCodeAt(i) !== 0x2f /* / */ || prefixDigits < 1 || prefixDigits > 2) return NOT_DOTTED_QUAD;
    prefix = 0;
    for (let j = i + 1; j < cidr.length; j++) {
      const c = cidr.charCodeAt(j);
      if (c < 0x30 || c > 0x39) return NOT_DOTTED_QUAD;
      prefix = prefix * 10 + (c - 0x30);
    }
  }
  if (invalid || prefix > 32) return NaN;
  const hostSize = V4_SIZE[prefix]!;
  return Math.floor(value / hostSize) * hostSize * 64 + prefix;
}

function parseRange(cidr: string): Range | undefined {
  const key = scanDottedQuad(cidr);
  if (key !== NOT_DOTTED_QUAD) return Number.isNaN(key) ? undefined : v4Range(((key - (key % 64)) / 64) | 0, key % 64);
  try {
    const [addrText, prefixText] = cidr.split('/');
    const addr = ipaddr.parse(addrText!);
    if (addr.kind() === 'ipv4') {
      const dotted = `${addr.toString()}${prefixText === undefined ? '' : `/${prefixText}`}`;
      // The same text again would only recurse until the stack overflows (and end undefined).
      return dotted === cidr ? undefined : parseRange(dotted);
    }
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    if (!(prefix >= 0 && prefix <= 128)) return undefined;
    let value = 0n;
    for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
    const hostBits = BigInt(128 - prefix);
    return v6Range((value >> hostBits) << hostBits, prefix);
  } catch {
    return undefined;
  }
}

/** `bits`: the start address | 0. */
const v4Range = (bits: number, prefix: number): V4Range => ({ family: 4, bits, ord: (bits ^ 0x80000000) | 0, prefix });
const prefixOf = (r: Range): number => r.prefix;

/** a before b: by start, then the wider first (the order collapsing needs). */
function v4Before(a: V4Range, b: V4Range): boolean {
  return a.ord < b.ord || (a.ord === b.ord && a.prefix < b.prefix);
}

function compareV4(a: V4Range, b: V4Range): number {
  return v4Before(a, b) ? -1 : v4Before(b, a) ? 1 : 0;
}

/** Whether inner's start lies in outer. */
function v4StartsIn(outer: V4Range, inner: V4Range): boolean {
  return outer.prefix === 0 || ((outer.bits ^ inner.bits) >>> (32 - outer.prefix)) === 0;
}

function v6Range(start: bigint, prefix: number): V6Range {
  const size = 1n << BigInt(128 - prefix);
  return { family: 6, start, end: start + size, prefix, lowerHalf: prefix > 0 && start % (size * 2n) === 0n };
}

function v4NamesOf(r: V4Range): NetworkNames {
  if (r.names === undefined) {
    const v = r.bits;
    const address = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    const cidr = r.prefix === 32 ? address : `${address}/${r.prefix}`;
    r.names = { cidr, term: `ip4:${cidr}` };
  }
  return r.names;
}

function v6NamesOf(r: V6Range): NetworkNames {
  if (r.names === undefined) {
    const bytes: number[] = [];
    let v = r.start;
    for (let i = 0; i < 16; i++) {
      bytes.unshift(Number(v & 255n));
      v >>= 8n;
    }
    const text = (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
    const cidr = r.prefix === 128 ? text : `${text}/${r.prefix}`;
    r.names = { cidr, term: `ip6:${cidr}` };
  }
  return r.names;
}

function v4Contains(outer: V4Range, inner: V4Range): boolean {
  return outer.prefix <= inner.prefix && v4StartsIn(outer, inner);
}

function v6Contains(outer: V6Range, inner: V6Range): boolean {
  return outer.prefix <= inner.prefix && inner.start >= outer.start && inner.start < outer.end;
}

/** True when `inner` lies entirely within `outer`. */
function rangeContains(outer: Range, inner: Range): boolean {
  if (outer.family === 4) return inner.family === 4 && v4Contains(outer, inner);
  return inner.family === 6 && v6Contains(outer, inner);
}

/** The parent of two aligned sibling ranges, or undefined when they are not siblings. */
function mergeV4(a: V4Range, b: V4Range): V4Range | undefined {
  const prefix = a.prefix;
  if (prefix !== b.prefix || prefix === 0) return undefined;
  // The bit that tells the halves of the parent apart: 0 in a (the lower half), 1 in b.
  const half = 1 << (32 - prefix);
  if ((a.bits & half) !== 0 || b.bits !== (a.bits | half)) return undefined;
  // The same merges recur for every domain with the same networks: keep their texts.
  const cache = mergedV4[prefix - 1]!;
  let merged = cache.get(a.bits);
  if (merged === undefined) {
    merged = v4Range(a.bits, prefix - 1);
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(a.bits, merged);
  }
  return merged;
}

/** Merged ranges by prefix, then by start bits (small integers: no key to build). */
const mergedV4 = Array.from({ length: 32 }, () => new Map<number, V4Range>());

function mergeV6(a: V6Range, b: V6Range): V6Range | undefined {
  if (a.prefix !== b.prefix || !a.lowerHalf || a.end !== b.start) return undefined;
  return v6Range(a.start, a.prefix - 1);
}

function compareV6(a: V6Range, b: V6Range): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}

/**
 * Buffers for collapsing, which is synchronous: filled by index with a count beside them and
 * never shrunk (`length = 0` would drop their storage), so a collapse allocates its result only.
 */
const v4Loose: V4Range[] = [];
const v4Merged: V4Range[] = [];
/** The other buffer of the merge (a merge never writes into the list it reads). */
const v4MergedToo: V4Range[] = [];
const v4Stack: V4Range[] = [];

/** The first n entries ascending, in place. A domain has a few dozen networks: insertion sort beats sort()'s comparator calls there. */
function sortV4(list: V4Range[], n: number): void {
  if (n > 64) {
    const sorted = list.slice(0, n).sort(compareV4);
    for (let i = 0; i < n; i++) list[i] = sorted[i]!;
    return;
  }
  for (let i = 1; i < n; i++) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && v4Before(value, list[j]!)) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = value;
  }
}

/**
 * The first n sorted ranges to the smallest equivalent list, on v4Stack (returns its size): each
 * range contained in the one before is dropped, and aligned siblings are merged as long as the
 * last two are siblings.
 */
function collapseV4(sorted: readonly V4Range[], n: number): number {
  const out = v4Stack;
  let top = 0;
  for (let i = 0; i < n; i++) {
    const r = sorted[i]!;
    if (top > 0 && v4Contains(out[top - 1]!, r)) continue;
    out[top++] = r;
    while (top >= 2) {
      const merged = mergeV4(out[top - 2]!, out[top - 1]!);
      if (merged === undefined) break;
      top--;
      out[top - 1] = merged;
    }
  }
  return top;
}

/** collapseV4 for IPv6, on v6Stack. */
function collapseV6(sorted: readonly V6Range[], n: number): number {
  const out = v6Stack;
  let top = 0;
  for (let i = 0; i < n; i++) {
    const r = sorted[i]!;
    if (top > 0 && v6Contains(out[top - 1]!, r)) continue;
    out[top++] = r;
    while (top >= 2) {
      const merged = mergeV6(out[top - 2]!, out[top - 1]!);
      if (merged === undefined) break;
      top--;
      out[top - 1] = merged;
    }
  }
  return top;
}

const v6Loose: V6Range[] = [];
const v6Merged: V6Range[] = [];
const v6MergedToo: V6Range[] = [];
const v6Stack: V6Range[] = [];

/**
 * The smallest equivalent list of networks: contained ones dropped, aligned siblings merged
 * (192.0.2.0/25 + 192.0.2.128/25 → 192.0.2.0/24). IPv4 first, then IPv6, each ascending.
 * Texts that are not networks are left out.
 */
export function collapseNetworks(cidrs: readonly string[]): string[] {
  return collapseRanges(cidrs.map(toRange));
}

/**
 * collapseNetworks for ranges already parsed (the analyser carries one per network), as
 * network texts or as the ip4:/ip6: terms that authorise them.
 */
export function collapseRanges(ranges: readonly NetworkRange[], as: keyof NetworkNames = 'cidr'): string[] {
  return collapseRangesWith(ranges, [], as);
}

/**
 * A set of ranges already collapsed (IPv4 and IPv6, each ascending): a memoised subtree's
 * networks, collapsed once per run instead of once per domain that includes the subtree.
 */
export interface CollapsedRanges {
  readonly v4: readonly V4Range[];
  readonly v6: readonly V6Range[];
}

export const NO_RANGES: CollapsedRanges = { v4: [], v6: [] };

export function precollapse(ranges: readonly NetworkRange[]): CollapsedRanges {
  const v4: V4Range[] = [];
  const v6: V6Range[] = [];
  for (const r of ranges) {
    if (r === null) continue;
    if (r.family === 4) v4.push(r);
    else v6.push(r);
  }
  if (v4.length === 0 && v6.length === 0) return NO_RANGES;
  sortV4(v4, v4.length);
  const v4Out = v4Stack.slice(0, collapseV4(v4, v4.length));
  return { v4: v4Out, v6: v6Stack.slice(0, collapseV6(v6.sort(compareV6), v6.length)) };
}

/**
 * collapseRanges(loose + every range behind `sets`), without sorting those again. The result
 * is the same: collapsing gives the one list of largest aligned blocks covering the union of its
 * input (no block holds another, no two are siblings), so collapsing a part first changes nothing.
 */
export function collapseRangesWith(loose: readonly NetworkRange[], sets: readonly CollapsedRanges[], as: keyof NetworkNames = 'cidr'): string[] {
  let n = 0;
  let n6 = 0;
  for (let i = 0; i < loose.length; i++) {
    const r = loose[i]!;
    if (r === null) continue;
    if (r.family === 4) v4Loose[n++] = r;
    else v6Loose[n6++] = r;
  }
  sortV4(v4Loose, n);
  // Merge each set's sorted list into the sorted loose ranges, list by list (a few lists of a few dozen).
  let sorted: readonly V4Range[] = v4Loose;
  let count = n;
  let v6Sets = 0;
  for (const set of sets) {
    if (set.v6.length > 0) v6Sets++;
    const other = set.v4;
    if (other.length === 0) continue;
    if (count === 0) {
      sorted = other;
      count = other.length;
      continue;
    }
    const into = sorted === v4Merged ? v4MergedToo : v4Merged;
    let a = 0;
    let b = 0;
    let k = 0;
    while (a < count && b < other.length) into[k++] = v4Before(other[b]!, sorted[a]!) ? other[b++]! : sorted[a++]!;
    while (a < count) into[k++] = sorted[a++]!;
    while (b < other.length) into[k++] = other[b++]!;
    sorted = into;
    count = k;
  }
  const top = collapseV4(sorted, count);
  let top6 = 0;
  if (n6 > 0 || v6Sets > 0) {
    let list: readonly V6Range[] = v6Loose;
    let count6 = n6;
    if (n6 > 1) {
      const sorted6 = v6Loose.slice(0, n6).sort(compareV6);
      for (let i = 0; i < n6; i++) v6Loose[i] = sorted6[i]!;
    }
    for (const set of sets) {
      const other = set.v6;
      if (other.length === 0) continue;
      if (count6 === 0) {
        list = other;
        count6 = other.length;
        continue;
      }
      const into = list === v6Merged ? v6MergedToo : v6Merged;
      let a = 0;
      let b = 0;
      let k = 0;
      while (a < count6 && b < other.length) into[k++] = compareV6(other[b]!, list[a]!) < 0 ? other[b++]! : list[a++]!;
      while (a < count6) into[k++] = list[a++]!;
      while (b < other.length) into[k++] = other[b++]!;
      list = into;
      count6 = k;
    }
    top6 = collapseV6(list, count6);
  }
  const out = new Array<string>(top + top6);
  for (let i = 0; i < top; i++) out[i] = v4NamesOf(v4Stack[i]!)[as];
  for (let i = 0; i < top6; i++) out[top + i] = v6NamesOf(v6Stack[i]!)[as];
  return out;
}

/** /^[+]?ip[46]:/i without a regex call per network. */
function isOwnIpTerm(term: string): boolean {
  const at = term.charCodeAt(0) === 0x2b /* + */ ? 1 : 0;
  const i = term.charCodeAt(at) | 0x20;
  const p = term.charCodeAt(at + 1) | 0x20;
  const family = term.charCodeAt(at + 2);
  return i === 0x69 && p === 0x70 && (family === 0x34 || family === 0x36) && term.charCodeAt(at + 3) === 0x3a;
}

/**
 * The root record's own networks that another network of the tree already covers: a wider own
 * network, or anything an include brings in. Only the root's terms are the owner's to remove.
 */
export function findCoveredNetworks(
  all: readonly AuthorizedNetwork[],
  /** The range of each network (same index), when known; parsed from the texts otherwise. */
  known?: readonly NetworkRange[],
  /** Runs of `all` from memoised subtrees with their collapsed ranges (needs `known`): searched only when they cover the network. */
  blocks: readonly { start: number; end: number; collapsed: CollapsedRanges }[] = [],
): Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> {
  const found: Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> = [];
  let ranges = known;
  if (ranges === undefined) blocks = [];
  let block = 0;
  for (let i = 0; i < all.length; i++) {
    // A block's networks are never the root's own (their path is longer than one).
    while (block < blocks.length && blocks[block]!.end <= i) block++;
    if (block < blocks.length && blocks[block]!.start <= i) {
      i = blocks[block]!.end - 1;
      continue;
    }
    const x = all[i]!;
    if (x.path.length !== 1 || !isOwnIpTerm(x.term)) continue;
    ranges ??= all.map((n) => toRange(n.cidr));
    const xr = ranges[i] ?? null;
    if (xr === null) continue;
    let next = 0;
    for (let j = 0; j < all.length; j++) {
      // Skip a block whose union does not hold x: none of its networks can.
      while (next < blocks.length && blocks[next]!.end <= j) next++;
      if (next < blocks.length && blocks[next]!.start === j && !setCovers(blocks[next]!.collapsed, xr)) {
        j = blocks[next]!.end - 1;
        continue;
      }
      const y = all[j]!;
      if (x === y) continue;
      const yr = ranges[j] ?? null;
      if (yr === null || !rangeContains(yr, xr)) continue;
      // Two identical own terms are reported as duplicates elsewhere; here only wider or foreign cover.
      if (y.path.length === 1 && prefixOf(yr) === prefixOf(xr)) continue;
      found.push({ network: x, coveredBy: y });
      break;
    }
  }
  return found;
}

/**
 * Whether a collapsed set holds all of `r`. Its blocks are the largest aligned ones covering
 * their union, so `r` lies in the union exactly when it lies in the one block around its start.
 */
function setCovers(set: CollapsedRanges, r: Range): boolean {
  if (r.family === 4) {
    const list = set.v4;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = list[mid]!;
      if (r.ord < b.ord) hi = mid - 1;
      else if (!v4StartsIn(b, r)) lo = mid + 1;
      else return b.prefix <= r.prefix;
    }
    return false;
  }
  const list = set.v6;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = list[mid]!;
    if (b.start > r.start) hi = mid - 1;
    else if (b.end <= r.start) lo = mid + 1;
    else return v6Contains(b, r);
  }
  return false;
}
