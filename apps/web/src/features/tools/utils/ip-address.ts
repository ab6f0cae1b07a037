/** Strict dotted-quad IPv4 (no leading zeros beyond "0"). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** IPv6 in any RFC 4291 text form, including "::" and an embedded IPv4 tail. */
export function isIPv6(text: string): boolean {
  if (!text.includes(':') || /[^0-9a-f:.]/i.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | null => {
    if (half === '') return [];
    const parts = half.split(':');
    const last = parts[parts.length - 1] ?? '';
    const out: string[] = [];
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1 && last.includes('.')) {
        if (!isIPv4(last)) return null;
        out.push('0', '0');
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(p);
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return false;
  const total = head.length + tail.length;
  return halves.length === 2 ? total < 8 : total === 8;
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/**
 * Addresses that never reach a receiver from the Internet (private, loopback, link-local,
 * unspecified): the receiver's SPF check saw some other, public address.
 * Documentation ranges (192.0.2.0/24 …) stay usable: examples and tests use them.
 */
export function isNonPublicIp(ip: string): boolean {
  if (isIPv4(ip)) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  return lower === '::' || lower === '::1' || /^fe[89ab]/.test(lower) || /^f[cd]/.test(lower);
}

/** ip4:/ip6: value with an optional prefix: "192.0.2.0/24", "2001:db8::/32", "192.0.2.1". */
export function isCidr(text: string, family: 4 | 6): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  if (family === 4 ? !isIPv4(address) : !isIPv6(address)) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
