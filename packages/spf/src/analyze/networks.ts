import ipaddr from 'ipaddr.js';
import type { AuthorizedNetwork } from '../types/analysis';

/**
 * A network as an integer range, for containment and merging. Fleets are overwhelmingly IPv4,
 * so an IPv4 range is one number, start · 64 + prefix (exact: start < 2^32), which orders by
 * start then prefix and sorts in a typed array without a comparator; IPv6 uses BigInt.
 */
type V4Range = number;
interface V6Range {
  start: bigint;
  prefix: number;
  /** Formatted once: parsed ranges are cached, so the same objects come back for every domain. */
  text?: string;
}
type Range = V4Range | V6Range;

/** Fleets repeat the same provider networks thousands of times: parse each text once (null: not a network). */
const rangeCache = new Map<string, Range | null>();
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
const CACHE_LIMIT = 100_000;
/** Addresses in an IPv4 network of each prefix length. */
const V4_SIZE = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

function toRange(cidr: string): Range | null {
  let r = rangeCache.get(cidr);
  if (r === undefined) {
    r = parseRange(cidr) ?? null;
    if (rangeCache.size > CACHE_LIMIT) rangeCache.clear();
    rangeCache.set(cidr, r);
  }
  return r;
}

function parseRange(cidr: string): Range | undefined {
  const v4 = IPV4_CIDR.exec(cidr);
  if (v4) {
    const octets = [v4[1], v4[2], v4[3], v4[4]].map(Number);
    const prefix = v4[5] === undefined ? 32 : Number(v4[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const value = ((octets[0]! * 256 + octets[1]!) * 256 + octets[2]!) * 256 + octets[3]!;
    const hostSize = V4_SIZE[prefix]!;
    return v4Range(Math.floor(value / hostSize) * hostSize, prefix);
  }
  try {
    const [addrText, prefixText] = cidr.split('/');
    const addr = ipaddr.parse(addrText!);
    if (addr.kind() === 'ipv4') return parseRange(`${addr.toString()}${prefixText === undefined ? '' : `/${prefixText}`}`);
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    if (!(prefix >= 0 && prefix <= 128)) return undefined;
    let value = 0n;
    for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
    const hostBits = BigInt(128 - prefix);
    return { start: (value >> hostBits) << hostBits, prefix };
  } catch {
    return undefined;
  }
}

const v4Range = (start: number, prefix: number): V4Range => start * 64 + prefix;
const v4Prefix = (r: V4Range): number => r % 64;
const v4Start = (r: V4Range): number => (r - (r % 64)) / 64;
const prefixOf = (r: Range): number => (typeof r === 'number' ? v4Prefix(r) : r.prefix);

const v4Texts = new Map<V4Range, string>();

function v4Text(r: V4Range): string {
  let text = v4Texts.get(r);
  if (text === undefined) {
    const v = v4Start(r);
    const address = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
    text = v4Prefix(r) === 32 ? address : `${address}/${v4Prefix(r)}`;
    if (v4Texts.size > CACHE_LIMIT) v4Texts.clear();
    v4Texts.set(r, text);
  }
  return text;
}

function v6Text(r: V6Range): string {
  r.text ??= formatV6(r);
  return r.text;
}

function formatV6(r: V6Range): string {
  const bytes: number[] = [];
  let v = r.start;
  for (let i = 0; i < 16; i++) {
    bytes.unshift(Number(v & 255n));
    v >>= 8n;
  }
  const text = (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
  return r.prefix === 128 ? text : `${text}/${r.prefix}`;
}

function compareV6(a: V6Range, b: V6Range): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}

function v4Contains(outer: V4Range, inner: V4Range): boolean {
  const prefix = v4Prefix(outer);
  if (prefix > v4Prefix(inner)) return false;
  const start = v4Start(outer);
  const innerStart = v4Start(inner);
  return innerStart >= start && innerStart < start + V4_SIZE[prefix]!;
}

function v6Contains(outer: V6Range, inner: V6Range): boolean {
  if (outer.prefix > inner.prefix) return false;
  const size = 1n << BigInt(128 - outer.prefix);
  return inner.start >= outer.start && inner.start < outer.start + size;
}

/** True when `inner` lies entirely within `outer`. */
function rangeContains(outer: Range, inner: Range): boolean {
  if (typeof outer === 'number') return typeof inner === 'number' && v4Contains(outer, inner);
  return typeof inner !== 'number' && v6Contains(outer, inner);
}

/** The parent of two aligned sibling ranges, or undefined when they are not siblings. */
function mergeV4(a: V4Range, b: V4Range): V4Range | undefined {
  const prefix = v4Prefix(a);
  if (prefix !== v4Prefix(b) || prefix === 0) return undefined;
  const size = V4_SIZE[prefix]!;
  const start = v4Start(a);
  if (start % (size * 2) !== 0 || start + size !== v4Start(b)) return undefined;
  return v4Range(start, prefix - 1);
}

function mergeV6(a: V6Range, b: V6Range): V6Range | undefined {
  if (a.prefix !== b.prefix || a.prefix === 0) return undefined;
  const size = 1n << BigInt(128 - a.prefix);
  if (a.start % (size * 2n) !== 0n || a.start + size !== b.start) return undefined;
  return { start: a.start, prefix: a.prefix - 1 };
}

/** Ascending, in place. A domain has a few dozen networks: insertion sort beats sort()'s comparator calls there. */
function sortNumbers(list: number[]): number[] {
  if (list.length > 64) return list.sort((a, b) => a - b);
  for (let i = 1; i < list.length; i++) {
    const value = list[i]!;
    let j = i - 1;
    while (j >= 0 && list[j]! > value) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = value;
  }
  return list;
}

/**
 * Sorted ranges of one family to the smallest equivalent list: each range contained in the one
 * before is dropped, and aligned siblings are merged as long as the last two are siblings.
 */
function collapseSorted<R extends Range>(sorted: readonly R[], contains: (outer: R, inner: R) => boolean, merge: (a: R, b: R) => R | undefined): R[] {
  const out: R[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && contains(last, r)) continue;
    out.push(r);
    while (out.length >= 2) {
      const merged = merge(out[out.length - 2]!, out[out.length - 1]!);
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
  const v4: V4Range[] = [];
  let v6: V6Range[] | undefined;
  for (const cidr of cidrs) {
    const r = toRange(cidr);
    if (typeof r === 'number') v4.push(r);
    else if (r !== null) (v6 ??= []).push(r);
  }
  const out = collapseSorted(sortNumbers(v4), v4Contains, mergeV4).map(v4Text);
  if (v6) for (const r of collapseSorted(v6.sort(compareV6), v6Contains, mergeV6)) out.push(v6Text(r));
  return out;
}

const OWN_IP_TERM = /^[+]?ip[46]:/i;

/**
 * The root record's own networks that another network of the tree already covers: a wider own
 * network, or anything an include brings in. Only the root's terms are the owner's to remove.
 */
export function findCoveredNetworks(all: readonly AuthorizedNetwork[]): Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> {
  const found: Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> = [];
  let ranges: Array<Range | null> | undefined;
  for (const x of all) {
    if (x.path.length !== 1 || !OWN_IP_TERM.test(x.term)) continue;
    const xr = toRange(x.cidr);
    if (xr === null) continue;
    ranges ??= all.map((n) => toRange(n.cidr));
    for (let j = 0; j < all.length; j++) {
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
