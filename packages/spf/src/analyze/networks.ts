import ipaddr from 'ipaddr.js';
import type { AuthorizedNetwork } from '../types/analysis';

/**
 * A network as an integer range, for containment and merging. IPv4 uses plain numbers (exact
 * up to 2^53) because fleets are overwhelmingly IPv4 and BigInt is slow; IPv6 uses BigInt.
 */
type Range =
  | { family: 4; start: number; prefix: number; text?: string }
  | { family: 6; start: bigint; prefix: number; text?: string };

/** Fleets repeat the same provider networks thousands of times: parse each text once. */
const rangeCache = new Map<string, Range | undefined>();
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

export function toRange(cidr: string): Range | undefined {
  let r = rangeCache.get(cidr);
  if (r === undefined && !rangeCache.has(cidr)) {
    r = parseRange(cidr);
    if (rangeCache.size > 100_000) rangeCache.clear();
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
    const hostSize = 2 ** (32 - prefix);
    return { family: 4, start: Math.floor(value / hostSize) * hostSize, prefix };
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
    return { family: 6, start: (value >> hostBits) << hostBits, prefix };
  } catch {
    return undefined;
  }
}

function rangeText(r: Range): string {
  if (r.text === undefined) r.text = formatRange(r);
  return r.text;
}

function formatRange(r: Range): string {
  if (r.family === 4) {
    const v = r.start;
    const text = [Math.floor(v / 16777216) % 256, Math.floor(v / 65536) % 256, Math.floor(v / 256) % 256, v % 256].join('.');
    return r.prefix === 32 ? text : `${text}/${r.prefix}`;
  }
  const bytes: number[] = [];
  let v = r.start;
  for (let i = 0; i < 16; i++) {
    bytes.unshift(Number(v & 255n));
    v >>= 8n;
  }
  const text = (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
  return r.prefix === 128 ? text : `${text}/${r.prefix}`;
}

function compare(a: Range, b: Range): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.prefix - b.prefix;
}

/** True when `inner` lies entirely within `outer`. */
export function rangeContains(outer: Range, inner: Range): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  if (outer.family === 4) {
    const size = 2 ** (32 - outer.prefix);
    return (inner.start as number) >= outer.start && (inner.start as number) < outer.start + size;
  }
  const size = 1n << BigInt(128 - outer.prefix);
  return (inner.start as bigint) >= outer.start && (inner.start as bigint) < outer.start + size;
}

/** The parent of two aligned sibling ranges, or undefined when they are not siblings. */
function mergeSiblings(a: Range, b: Range): Range | undefined {
  if (a.family !== b.family || a.prefix !== b.prefix || a.prefix === 0) return undefined;
  if (a.family === 4) {
    const size = 2 ** (32 - a.prefix);
    if (a.start % (size * 2) !== 0 || a.start + size !== b.start) return undefined;
    return { family: 4, start: a.start, prefix: a.prefix - 1 };
  }
  const size = 1n << BigInt(128 - a.prefix);
  if (a.start % (size * 2n) !== 0n || a.start + size !== (b.start as bigint)) return undefined;
  return { family: 6, start: a.start, prefix: a.prefix - 1 };
}

/**
 * The smallest equivalent list of networks: contained ones dropped, aligned siblings merged
 * (192.0.2.0/25 + 192.0.2.128/25 → 192.0.2.0/24). IPv4 first, then IPv6, each ascending.
 */
export function collapseNetworks(cidrs: string[]): string[] {
  const ranges: Range[] = [];
  for (const c of cidrs) {
    const r = toRange(c);
    if (r) ranges.push(r);
  }
  ranges.sort(compare);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && rangeContains(last, r)) continue;
    out.push(r);
    while (out.length >= 2) {
      const merged = mergeSiblings(out[out.length - 2]!, out[out.length - 1]!);
      if (!merged) break;
      out.splice(out.length - 2, 2, merged);
    }
  }
  return out.map(rangeText);
}

/**
 * The root record's own networks that another network of the tree already covers: a wider own
 * network, or anything an include brings in. Only the root's terms are the owner's to remove.
 */
export function findCoveredNetworks(all: AuthorizedNetwork[]): Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> {
  const found: Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> = [];
  for (const x of all) {
    if (x.path.length !== 1 || !/^[+]?ip[46]:/i.test(x.term)) continue;
    const xr = toRange(x.cidr);
    if (!xr) continue;
    for (const y of all) {
      if (x === y) continue;
      const yr = toRange(y.cidr);
      if (!yr || !rangeContains(yr, xr)) continue;
      // Two identical own terms are reported as duplicates elsewhere; here only wider or foreign cover.
      if (y.path.length === 1 && yr.prefix === xr.prefix) continue;
      found.push({ network: x, coveredBy: y });
      break;
    }
  }
  return found;
}
