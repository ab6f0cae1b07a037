import { toASCII } from 'punycode/';

export const MAX_DOMAIN_LENGTH = 253;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const NON_ASCII = /[^\x00-\x7f]/;
const NUMERIC = /^[0-9]+$/;

export type DomainCheck = { ok: true; domain: string } | { ok: false; reason: string };

/**
 * Normalises a domain given by a user or an SMTP identity (RFC 7208 §4.3): IDN U-labels become
 * A-labels, trailing dot and case are dropped, and it must be a valid multi-label name.
 */
export function normalizeDomain(input: string): DomainCheck {
  let name = input.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  const plain = plainHostName(name);
  if (plain !== undefined) return { ok: true, domain: plain };
  if (name === '') return { ok: false, reason: 'the domain is empty' };
  if (name.startsWith('[')) return { ok: false, reason: `'${input}' is an address literal, not a domain name` };
  if (NON_ASCII.test(name)) {
    try {
      name = toASCII(name);
    } catch {
      return { ok: false, reason: `'${input}' is not a valid internationalised domain name` };
    }
  }
  name = name.toLowerCase();
  if (name.length > MAX_DOMAIN_LENGTH) return { ok: false, reason: `the domain is longer than ${MAX_DOMAIN_LENGTH} octets` };
  const labels = name.split('.');
  if (labels.length < 2) return { ok: false, reason: `'${input}' is not a fully qualified domain name (it has a single label)` };
  for (const label of labels) {
    if (label === '') return { ok: false, reason: `'${input}' has an empty label` };
    if (label.length > 63) return { ok: false, reason: `'${input}' has a label longer than 63 octets` };
    if (!LABEL.test(label)) return { ok: false, reason: `'${input}' has an invalid label '${label}'` };
  }
  if (NUMERIC.test(labels[labels.length - 1]!)) return { ok: false, reason: `'${input}' looks like an IP address, not a domain name` };
  return { ok: true, domain: name };
}

/**
 * The common case of normalizeDomain in one scan: an ASCII name the checks below accept
 * (labels of letters, digits, '_' and inner '-', 1-63 long, at least two, at most 253 octets,
 * a last label that is not all digits), lower-cased; undefined sends anything else through
 * them, for the same answer and the same reason.
 */
function plainHostName(name: string): string | undefined {
  if (name.length > MAX_DOMAIN_LENGTH) return undefined;
  let labels = 0;
  let start = 0;
  let digitsOnly = true;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0x2e;
    if (c === 0x2e /* . */) {
      const length = i - start;
      if (length === 0 || length > 63 || name.charCodeAt(start) === 0x2d || name.charCodeAt(i - 1) === 0x2d) return undefined;
      labels++;
      start = i + 1;
      if (i < name.length) digitsOnly = true;
      continue;
    }
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit) digitsOnly = false;
    if (!(digit || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x2d)) return undefined;
  }
  if (labels < 2 || digitsOnly) return undefined;
  return name.toLowerCase();
}

/**
 * Prepares an expanded target name for a DNS query (§4.8, §7.3): drops a trailing dot, truncates
 * over-long names from the left by whole labels, and rejects names no query can carry
 * (empty or > 63-octet labels), which then simply do not match (§4.3 by analogy).
 */
export function toQueryName(expanded: string): string | undefined {
  let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  if (name.length > MAX_DOMAIN_LENGTH) {
    const labels = name.split('.');
    while (labels.length > 1 && labels.join('.').length > MAX_DOMAIN_LENGTH) labels.shift();
    name = labels.join('.');
    if (name.length > MAX_DOMAIN_LENGTH) return undefined;
  }
  if (name === '') return undefined;
  // Label lengths by scanning for dots: splitting cost an array per target of every term.
  for (let start = 0; ; ) {
    const dot = name.indexOf('.', start);
    const length = (dot < 0 ? name.length : dot) - start;
    if (length === 0 || length > 63) return undefined;
    if (dot < 0) break;
    start = dot + 1;
  }
  return name.toLowerCase();
}
