import ipaddr from 'ipaddr.js';

/** ip4-network: four decimal octets, no leading zeros (RFC 7208 §12 qnum). */
const STRICT_IPV4 = /^(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

export function isStrictIPv4(text: string): boolean {
  return STRICT_IPV4.test(text);
}

export function isStrictIPv6(text: string): boolean {
  // ipaddr.js accepts zone ids ("fe80::1%eth0"); SPF's ip6-network does not.
  return text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text);
}

/** A parsed connecting address. IPv4-mapped IPv6 is treated as IPv4 (RFC 7208 §5). */
export type ClientIp =
  | { family: 4; text: string; bytes: number[]; value: number }
  | { family: 6; text: string; bytes: number[]; parts: number[] };

export function parseClientIp(input: string): ClientIp | undefined {
  const text = input.trim();
  if (isStrictIPv4(text)) {
    const bytes = text.split('.').map(Number);
    return { family: 4, text, bytes, value: toUint32(bytes) };
  }
  if (!isStrictIPv6(text)) return undefined;
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.isIPv4MappedAddress()) {
    const bytes = v6.toIPv4Address().octets.slice();
    return { family: 4, text: bytes.join('.'), bytes, value: toUint32(bytes) };
  }
  return { family: 6, text: v6.toRFC5952String(), bytes: v6.toByteArray(), parts: v6.parts.slice() };
}

function toUint32(bytes: number[]): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

/** An address literal from DNS or a record, in the compact form the matcher needs. */
export type Network = { family: 4; value: number; prefix: number } | { family: 6; parts: number[]; prefix: number };

export function toNetwork(address: string, prefix?: number): Network | undefined {
  if (isStrictIPv4(address)) {
    return { family: 4, value: toUint32(address.split('.').map(Number)), prefix: prefix ?? 32 };
  }
  if (!ipaddr.IPv6.isValid(address)) return undefined;
  return { family: 6, parts: ipaddr.IPv6.parse(address).parts.slice(), prefix: prefix ?? 128 };
}

export function ipInNetwork(ip: ClientIp, net: Network): boolean {
  if (ip.family === 4) {
    if (net.family !== 4) return false;
    if (net.prefix === 0) return true;
    const mask = net.prefix === 32 ? 0xffffffff : (~0 << (32 - net.prefix)) >>> 0;
    return ((ip.value & mask) >>> 0) === ((net.value & mask) >>> 0);
  }
  if (net.family !== 6) return false;
  let bits = net.prefix;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((ip.parts[i]! & mask) !== (net.parts[i]! & mask)) return false;
  }
  return true;
}

/** Reverse-lookup name of an address (in-addr.arpa / ip6.arpa), §5.5. */
export function reverseName(ip: ClientIp): string {
  if (ip.family === 4) return `${ip.bytes.slice().reverse().join('.')}.in-addr.arpa`;
  return `${nibbles(ip).reverse().join('.')}.ip6.arpa`;
}

/** The 32 hex nibbles of an IPv6 address, most significant first (upper-case as in RFC 7208 §7.4). */
export function nibbles(ip: ClientIp): string[] {
  const out: string[] = [];
  for (const b of ip.bytes) out.push((b >> 4).toString(16).toUpperCase(), (b & 15).toString(16).toUpperCase());
  return out;
}

/** Canonical text of a network ("192.0.2.0/24", "2001:db8::/32") with host bits kept as written. */
export function networkText(address: string, prefix: number | undefined, family: 4 | 6): string {
  const full = family === 4 ? 32 : 128;
  const addr = family === 6 && ipaddr.IPv6.isValid(address) ? ipaddr.IPv6.parse(address).toRFC5952String() : address;
  return prefix === undefined || prefix === full ? addr : `${addr}/${prefix}`;
}

/** True when the address has bits set beyond the prefix (e.g. ip4:192.0.2.1/24). */
export function hasHostBits(address: string, prefix: number): boolean {
  const net = toNetwork(address, prefix);
  if (!net) return false;
  if (net.family === 4) {
    if (prefix >= 32) return false;
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return ((net.value & ~mask) >>> 0) !== 0;
  }
  let bits = prefix;
  for (let i = 0; i < 8; i++, bits -= 16) {
    const keep = bits >= 16 ? 0xffff : bits <= 0 ? 0 : (0xffff << (16 - bits)) & 0xffff;
    if ((net.parts[i]! & ~keep & 0xffff) !== 0) return true;
  }
  return false;
}
