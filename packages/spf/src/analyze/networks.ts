import ipaddr from 'ipaddr.js';
import type { AuthorizedNetwork } from '../types/analysis';

/** A network as integer range, for containment and merging. */
interface Range {
  family: 4 | 6;
  start: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

export function toRange(cidr: string): Range | undefined {
  try {
    const [addrText, prefixText] = cidr.split('/');
    const addr = ipaddr.parse(addrText!);
    const family = addr.kind() === 'ipv4' ? 4 : 6;
    const prefix = prefixText === undefined ? BITS[family] : Number(prefixText);
    let value = 0n;
    for (const byte of addr.toByteArray()) value = (value << 8n) | BigInt(byte);
    const hostBits = BigInt(BITS[family] - prefix);
    const start = (value >> hostBits) << hostBits;
    return { family, start, prefix };
  } catch {
    return undefined;
  }
}

function rangeText(r: Range): string {
  const bytes: number[] = [];
  let v = r.start;
  for (let i = 0; i < BITS[r.family] / 8; i++) {
    bytes.unshift(Number(v & 255n));
    v >>= 8n;
  }
  const addr = r.family === 4 ? new ipaddr.IPv4(bytes) : (ipaddr.fromByteArray(bytes) as ipaddr.IPv6);
  const text = r.family === 4 ? addr.toString() : (addr as ipaddr.IPv6).toRFC5952String();
  return r.prefix === BITS[r.family] ? text : `${text}/${r.prefix}`;
}

function size(r: Range): bigint {
  return 1n << BigInt(BITS[r.family] - r.prefix);
}

/** True when `inner` lies entirely within `outer`. */
export function rangeContains(outer: Range, inner: Range): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && inner.start >= outer.start && inner.start < outer.start + size(outer);
}

/**
 * The smallest equivalent list of networks: contained ones dropped, aligned siblings merged
 * (192.0.2.0/25 + 192.0.2.128/25 → 192.0.2.0/24). IPv4 first, then IPv6, each ascending.
 */
export function collapseNetworks(cidrs: string[]): string[] {
  const ranges = cidrs.map(toRange).filter((r): r is Range => r !== undefined);
  ranges.sort((a, b) => a.family - b.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.prefix - b.prefix));
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && rangeContains(last, r)) continue;
    out.push(r);
    // Merge aligned siblings as long as possible.
    while (out.length >= 2) {
      const b = out[out.length - 1]!;
      const a = out[out.length - 2]!;
      if (a.family !== b.family || a.prefix !== b.prefix || a.prefix === 0) break;
      const parentSize = size(a) * 2n;
      if (a.start % parentSize !== 0n || a.start + size(a) !== b.start) break;
      out.splice(out.length - 2, 2, { family: a.family, start: a.start, prefix: a.prefix - 1 });
    }
  }
  return out.map(rangeText);
}

/**
 * The root record's own networks that another network of the tree already covers: a wider own
 * network, or anything an include brings in. Only the root's terms are the owner's to remove.
 */
export function findCoveredNetworks(all: AuthorizedNetwork[]): Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> {
  const parsed = all.map((n) => ({ n, r: toRange(n.cidr) })).filter((x): x is { n: AuthorizedNetwork; r: Range } => x.r !== undefined);
  const found: Array<{ network: AuthorizedNetwork; coveredBy: AuthorizedNetwork }> = [];
  for (const x of parsed) {
    if (x.n.path.length !== 1 || !/^[+]?ip[46]:/i.test(x.n.term)) continue;
    for (const y of parsed) {
      if (x === y || !rangeContains(y.r, x.r)) continue;
      const ownDuplicate = y.n.path.length === 1 && y.r.prefix === x.r.prefix;
      // Two identical own terms are reported as duplicates elsewhere; here only wider or foreign cover.
      if (ownDuplicate) continue;
      found.push({ network: x.n, coveredBy: y.n });
      break;
    }
  }
  return found;
}
