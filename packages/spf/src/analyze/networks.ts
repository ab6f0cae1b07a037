import ipaddr from 'ipaddr.js';
import type { AuthorizedNetwork } from '../types/analysis';

/**
 * A network as an integer range, for containment and merging. Fleets are overwhelmingly IPv4,
 * so an IPv4 range is one number, start · 64 + prefix (exact: start < 2^32), which orders by
 * start then prefix; IPv6 uses BigInt. Ranges are objects, shared through the cache and the
 * run's memo, so their texts are formatted once and moving them around allocates nothing (a
 * bare double would be boxed again on every read from an array).
 */
interface V4Range {
  readonly family: 4;
  /** start · 64 + prefix, the sort order; start and prefix kept apart too, so no division on the way. */
  readonly key: number;
  readonly start: number;
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
  if (key !== NOT_DOTTED_QUAD) return Number.isNaN(key) ? undefined : v4Range((key - (key % 64)) / 64, key % 64);
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

const v4Range = (start: number, prefix: number): V4Range => ({ family: 4, key: start * 64 + prefix, start, prefix });
const v4Prefix = (r: V4Range): number => r.prefix;
const v4Start = (r: V4Range): number => r.start;
const prefixOf = (r: Range): number => (r.family === 4 ? v4Prefix(r) : r.prefix);

function v6Range(start: bigint, prefix: number): V6Range {
  const size = 1n << BigInt(128 - prefix);
  return { family: 6, start, end: start + size, prefix, lowerHalf: prefix > 0 && start % (size * 2n) === 0n };
}

function v4NamesOf(r: V4Range): NetworkNames {
  if (r.names === undefined) {
    const v = v4Start(r);
    const address = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    const cidr = v4Prefix(r) === 32 ? address : `${address}/${v4Prefix(r)}`;
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
  const prefix = v4Prefix(outer);
  if (prefix > v4Prefix(inner)) return false;
  const start = v4Start(outer);
  const innerStart = v4Start(inner);
  return innerStart >= start && innerStart < start + V4_SIZE[prefix]!;
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
  const prefix = v4Prefix(a);
  if (prefix !== v4Prefix(b) || prefix === 0) return undefined;
  const size = V4_SIZE[prefix]!;
  const start = v4Start(a);
  if (start % (size * 2) !== 0 || start + size !== v4Start(b)) return undefined;
  // The same merges recur for every domain with the same networks: keep their texts.
  const key = a.key - 1;
  let merged = mergedV4.get(key);
  if (merged === undefined) {
    merged = v4Range(start, prefix - 1);
    if (mergedV4.size > CACHE_LIMIT) mergedV4.clear();
    mergedV4.set(key, merged);
  }
  return merged;
}

const mergedV4 = new Map<number, V4Range>();

function mergeV6(a: V6Range, b: V6Range): V6Range | undefined {
  if (a.prefix !== b.prefix || !a.lowerHalf || a.end !== b.start) return undefined;
  return v6Range(a.start, a.prefix - 1);
}

function compareV6(a: V6Range, b: V6Range): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}

/** Ascending by key, in place. A domain has a few dozen networks: insertion sort beats sort()'s comparator calls there. */
function sortV4(list: V4Range[]): V4Range[] {
  if (list.length > 64) return list.sort((a, b) => a.key - b.key);
  for (let i = 1; i < list.length; i++) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]!.key > value.key) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = value;
  }
  return list;
}

/**
 * Sorted ranges to the smallest equivalent list: each range contained in the one before is
 * dropped, and aligned siblings are merged as long as the last two are siblings.
 */
function collapseV4(sorted: readonly V4Range[], out: V4Range[]): V4Range[] {
  for (const r of sorted) {
    if (out.length > 0 && v4Contains(out[out.length - 1]!, r)) continue;
    out.push(r);
    while (out.length >= 2) {
      const merged = mergeV4(out[out.length - 2]!, out[out.length - 1]!);
      if (merged === undefined) break;
      out.pop();
      out[out.length - 1] = merged;
    }
  }
  return out;
}

function collapseV6(sorted: readonly V6Range[]): V6Range[] {
  const out: V6Range[] = [];
  for (const r of sorted) {
    if (out.length > 0 && v6Contains(out[out.length - 1]!, r)) continue;
    out.push(r);
    while (out.length >= 2) {
      const merged = mergeV6(out[out.length - 2]!, out[out.length - 1]!);
      if (merged === undefined) break;
      out.pop();
      out[out.length - 1] = merged;
    }
  }
  return out;
}

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
  // Collapsing is synchronous, so every call can sort and stack in the same two arrays.
  const v4 = scratchSorted;
  v4.length = 0;
  scratchStack.length = 0;
  let v6: V6Range[] | undefined;
  for (const r of ranges) {
    if (r === null) continue;
    if (r.family === 4) v4.push(r);
    else (v6 ??= []).push(r);
  }
  const out: string[] = [];
  for (const r of collapseV4(sortV4(v4), scratchStack)) out.push(v4NamesOf(r)[as]);
  scratchSorted.length = 0;
  scratchStack.length = 0;
  if (v6) for (const r of collapseV6(v6.sort(compareV6))) out.push(v6NamesOf(r)[as]);
  return out;
}

const scratchSorted: V4Range[] = [];
const scratchStack: V4Range[] = [];

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
  return { v4: collapseV4(sortV4(v4), []), v6: collapseV6(v6.sort(compareV6)) };
}

/**
 * collapseRanges(loose + every range behind `sets`), without sorting those again. The result
 * is the same: collapsing gives the one list of largest aligned blocks covering the union of its
 * input (no block holds another, no two are siblings), so collapsing a part first changes nothing.
 */
export function collapseRangesWith(loose: readonly NetworkRange[], sets: readonly CollapsedRanges[], as: keyof NetworkNames = 'cidr'): string[] {
  if (sets.length === 0) return collapseRanges(loose, as);
  const v4 = scratchSorted;
  v4.length = 0;
  scratchStack.length = 0;
  let v6: V6Range[] | undefined;
  for (const r of loose) {
    if (r === null) continue;
    if (r.family === 4) v4.push(r);
    else (v6 ??= []).push(r);
  }
  sortV4(v4);
  const v4Lists: Array<readonly V4Range[]> = [v4];
  let v6Lists: Array<readonly V6Range[]> | undefined;
  for (const set of sets) {
    if (set.v4.length > 0) v4Lists.push(set.v4);
    if (set.v6.length > 0) (v6Lists ??= []).push(set.v6);
  }
  const out: string[] = [];
  for (const r of collapseV4(mergeSorted(v4Lists, byKey, scratchMerged), scratchStack)) out.push(v4NamesOf(r)[as]);
  scratchSorted.length = 0;
  scratchStack.length = 0;
  scratchMerged.length = 0;
  if (v6 || v6Lists) {
    const lists: Array<readonly V6Range[]> = v6 ? [v6.sort(compareV6)] : [];
    if (v6Lists) lists.push(...v6Lists);
    for (const r of collapseV6(mergeSorted(lists, compareV6, []))) out.push(v6NamesOf(r)[as]);
  }
  return out;
}

const scratchMerged: V4Range[] = [];
const byKey = (a: V4Range, b: V4Range): number => a.key - b.key;

/** Ascending lists into one ascending list (`out`): a few lists of a few dozen, so the smallest head is searched for. */
function mergeSorted<T>(lists: ReadonlyArray<readonly T[]>, compare: (a: T, b: T) => number, out: T[]): readonly T[] {
  if (lists.length === 1) return lists[0]!;
  const at = new Array<number>(lists.length).fill(0);
  for (;;) {
    let best = -1;
    let head: T | undefined;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      const i = at[l]!;
      if (i < list.length && (best < 0 || compare(list[i]!, head!) < 0)) {
        best = l;
        head = list[i];
      }
    }
    if (best < 0) return out;
    out.push(head!);
    at[best] = at[best]! + 1;
  }
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
      if (b.start > r.start) hi = mid - 1;
      else if (b.start + V4_SIZE[b.prefix]! <= r.start) lo = mid + 1;
      else return v4Contains(b, r);
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
