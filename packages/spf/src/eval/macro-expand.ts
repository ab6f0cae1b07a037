import type { ClientIp } from '../ip';
import { nibbles } from '../ip';
import type { MacroPart, MacroString } from '../parser/types';

/** Values the macro letters expand to (RFC 7208 §7.2). `p` is resolved lazily by the caller. */
export interface MacroValues {
  sender: string;
  localPart: string;
  senderDomain: string;
  domain: string;
  ip: ClientIp;
  helo: string;
  receiver: string;
  validatedName?: string;
  now: () => number;
}

export function needsValidatedName(ms: MacroString): boolean {
  return ms.parts.some((p) => p.type === 'macro' && p.letter === 'p');
}

/** Expands a parsed macro-string; the result for a domain still needs toQueryName(). */
export function expandMacroString(ms: MacroString, v: MacroValues): string {
  if (!ms.hasMacros) {
    let out = '';
    for (const part of ms.parts) out += (part as { text: string }).text;
    return out;
  }
  let out = '';
  for (const part of ms.parts) out += part.type === 'literal' ? part.text : expandMacro(part, v);
  return out;
}

function letterValue(letter: string, v: MacroValues): string {
  switch (letter) {
    case 's':
      return v.sender;
    case 'l':
      return v.localPart;
    case 'o':
      return v.senderDomain;
    case 'd':
      return v.domain;
    case 'i':
      return v.ip.family === 4 ? v.ip.bytes.join('.') : nibbles(v.ip).join('.');
    case 'p':
      return v.validatedName ?? 'unknown';
    case 'v':
      return v.ip.family === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return v.helo;
    case 'c':
      return v.ip.text;
    case 'r':
      return v.receiver;
    case 't':
      return String(Math.floor(v.now() / 1000));
    default:
      return '';
  }
}

function expandMacro(part: Extract<MacroPart, { type: 'macro' }>, v: MacroValues): string {
  let value = letterValue(part.letter, v);
  // §7.3: split on the delimiters, optionally reverse, keep the right-most N parts, join with ".".
  if (part.reverse || part.keep !== undefined || part.delimiters !== '.') {
    let pieces = splitOnAny(value, part.delimiters);
    if (part.reverse) pieces = pieces.reverse();
    if (part.keep !== undefined && part.keep < pieces.length) pieces = pieces.slice(pieces.length - part.keep);
    value = pieces.join('.');
  }
  return part.urlEscape ? urlEscape(value) : value;
}

function splitOnAny(value: string, delimiters: string): string[] {
  if (delimiters.length === 1) return value.split(delimiters);
  const out: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch)) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

const ENCODER = new TextEncoder();

/** §7.3: upper-case macro letters are URL-escaped: everything outside the unreserved set. */
function urlEscape(value: string): string {
  let out = '';
  for (const byte of ENCODER.encode(value)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
