import { parseDomainSpec, parseMacroString } from './macro';
import type {
  MacroString,
  Mechanism,
  MechanismKind,
  MechanismTerm,
  ModifierTerm,
  ParseResult,
  Qualifier,
  SpfRecord,
  SyntaxIssue,
  Term,
} from './types';
import { isStrictIPv4, isStrictIPv6 } from '../ip';

const VERSION = /^v=spf1(?: |$)/i;
const MECHANISM_NAMES: ReadonlySet<string> = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) followed by "=" (§12). */
const MODIFIER = /^([a-z][a-z0-9\-_.]*)=(.*)$/is;
const QUALIFIERS = '+-~?';
/** CIDR lengths have no leading zeros (the same rule as ip4-network's qnum). */
const CIDR = '(?:0|[1-9][0-9]*)';
const DUAL_CIDR = new RegExp(`^(.*?)(?:/(${CIDR}))?(?://(${CIDR}))?$`, 's');

/** True when a TXT string (already joined) is an SPF version 1 record (§4.5). */
export function isSpfRecordText(text: string): boolean {
  return VERSION.test(text);
}

/**
 * Parses a whole record, checking every term (§4.6: syntax errors anywhere MUST be detected
 * before evaluation). Collects every issue so lint can show them all; `error` is the first.
 */
export function parseRecord(text: string): ParseResult {
  const issues: SyntaxIssue[] = [];
  const terms: Term[] = [];
  const record: SpfRecord = { text, terms, mechanisms: [], unknownModifiers: [] };

  if (!VERSION.test(text)) {
    const issue: SyntaxIssue = { term: text.split(' ')[0] ?? '', position: 0, message: "the record does not start with 'v=spf1'" };
    return { ok: false, error: issue, issues: [issue], partial: record };
  }
  // §3.1: SPF records are 7-bit ASCII; terms are separated by SP only (§4.6.1).
  let pos = 6;
  let index = 0;
  while (pos < text.length) {
    if (text[pos] === ' ') {
      pos++;
      continue;
    }
    let end = text.indexOf(' ', pos);
    if (end < 0) end = text.length;
    index++;
    const raw = text.slice(pos, end);
    const parsed = parseTerm(raw, pos, end, index);
    if ('message' in parsed) issues.push(parsed);
    else {
      terms.push(parsed);
      if (parsed.type === 'mechanism') record.mechanisms.push(parsed);
      else if (parsed.name === 'redirect') {
        if (record.redirect) issues.push({ term: raw, position: pos, message: "'redirect' appears more than once (RFC 7208 §6)" });
        else record.redirect = parsed;
      } else if (parsed.name === 'exp') {
        if (record.exp) issues.push({ term: raw, position: pos, message: "'exp' appears more than once (RFC 7208 §6)" });
        else record.exp = parsed;
      } else record.unknownModifiers.push(parsed);
    }
    pos = end;
  }
  if (issues.length > 0) return { ok: false, error: issues[0]!, issues, partial: record };
  return { ok: true, record };
}

function parseTerm(raw: string, start: number, end: number, index: number): Term | SyntaxIssue {
  const fail = (message: string): SyntaxIssue => ({ term: raw, position: start, message });
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) {
      return fail(
        c > 0x7e
          ? `non-ASCII character in '${printable(raw)}' (SPF records are 7-bit ASCII, RFC 7208 §3.1)`
          : `control character in '${printable(raw)}' (terms are separated by spaces only, RFC 7208 §4.6.1)`,
      );
    }
  }
  // §4.6.1: a modifier is name "=" …; the "=" must come before any ":" or "/".
  const mod = MODIFIER.exec(raw);
  if (mod) {
    const name = mod[1]!.toLowerCase();
    const valueText = mod[2]!;
    if (name === 'redirect' || name === 'exp') {
      const spec = parseDomainSpec(valueText);
      if (!spec.ok) return fail(`${name}=: ${spec.message}`);
      return { type: 'modifier', text: raw, name, value: spec.value, start, end, index } satisfies ModifierTerm;
    }
    const value = parseMacroString(valueText, 'unknown-modifier');
    if (!value.ok) return fail(`modifier '${mod[1]}': ${value.message}`);
    return { type: 'modifier', text: raw, name, value: value.value, start, end, index } satisfies ModifierTerm;
  }
  let body = raw;
  let qualifier: Qualifier = '+';
  let explicitQualifier = false;
  if (QUALIFIERS.includes(body[0]!)) {
    qualifier = body[0] as Qualifier;
    explicitQualifier = true;
    body = body.slice(1);
  }
  const nameMatch = /^([a-z0-9]+)/i.exec(body);
  const name = nameMatch ? nameMatch[1]!.toLowerCase() : '';
  if (!MECHANISM_NAMES.has(name)) {
    if (/^=/.test(raw) || /^[^a-z]/i.test(raw.replace(/^[+\-~?]/, '')) && raw.includes('=')) {
      return fail(`'${printable(raw)}' is not a valid modifier: modifier names start with a letter`);
    }
    return fail(unknownMechanismMessage(raw, name));
  }
  const rest = body.slice(nameMatch![1]!.length);
  const mechanism = parseMechanismArgs(name as MechanismKind, rest);
  if (typeof mechanism === 'string') return fail(`${name}: ${mechanism}`);
  return { type: 'mechanism', text: raw, qualifier, explicitQualifier, mechanism, start, end, index } satisfies MechanismTerm;
}

function parseMechanismArgs(kind: MechanismKind, rest: string): Mechanism | string {
  switch (kind) {
    case 'all':
      return rest === '' ? { kind } : `'all' takes no argument (got '${rest}')`;
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return `'${kind}' needs ':domain' (e.g. ${kind}:_spf.example.com)`;
      const spec = parseDomainSpec(rest.slice(1));
      return spec.ok ? { kind, domainSpec: spec.value } : spec.message;
    }
    case 'ptr': {
      if (rest === '') return { kind };
      if (!rest.startsWith(':')) return `'ptr' takes ':domain' and no CIDR length (got '${rest}')`;
      const spec = parseDomainSpec(rest.slice(1));
      return spec.ok ? { kind, domainSpec: spec.value } : spec.message;
    }
    case 'a':
    case 'mx': {
      if (rest !== '' && !rest.startsWith(':') && !rest.startsWith('/')) return `unexpected '${rest}'`;
      const m = DUAL_CIDR.exec(rest)!;
      const target = m[1]!;
      const cidr4 = m[2] !== undefined ? Number(m[2]) : undefined;
      const cidr6 = m[3] !== undefined ? Number(m[3]) : undefined;
      if (target.includes('/') && !target.startsWith(':')) return `malformed CIDR length in '${rest}'`;
      if (target === '' && rest.includes('/') && m[2] === undefined && m[3] === undefined) return `malformed CIDR length in '${rest}'`;
      if (cidr4 !== undefined && cidr4 > 32) return `IPv4 CIDR length /${cidr4} is larger than 32`;
      if (cidr6 !== undefined && cidr6 > 128) return `IPv6 CIDR length //${cidr6} is larger than 128`;
      let domainSpec: MacroString | undefined;
      if (target !== '') {
        if (!target.startsWith(':')) return `malformed argument '${rest}'`;
        const spec = parseDomainSpec(target.slice(1));
        if (!spec.ok) return spec.message;
        domainSpec = spec.value;
      }
      return {
        kind,
        ...(domainSpec ? { domainSpec } : {}),
        ...(cidr4 !== undefined ? { cidr4 } : {}),
        ...(cidr6 !== undefined ? { cidr6 } : {}),
      };
    }
    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':')) return `'${kind}' needs ':address' (e.g. ${kind === 'ip4' ? 'ip4:192.0.2.0/24' : 'ip6:2001:db8::/32'})`;
      const arg = rest.slice(1);
      const slash = arg.indexOf('/');
      const address = slash < 0 ? arg : arg.slice(0, slash);
      const cidrText = slash < 0 ? undefined : arg.slice(slash + 1);
      if (kind === 'ip4' ? !isStrictIPv4(address) : !isStrictIPv6(address)) {
        return `'${address}' is not a valid ${kind === 'ip4' ? 'IPv4' : 'IPv6'} address`;
      }
      if (cidrText === undefined) return { kind, address };
      if (!new RegExp(`^${CIDR}$`).test(cidrText)) return `malformed CIDR length '/${cidrText}'`;
      const prefix = Number(cidrText);
      const max = kind === 'ip4' ? 32 : 128;
      if (prefix > max) return `CIDR length /${prefix} is larger than ${max}`;
      return { kind, address, prefix };
    }
  }
}

/** Common misspellings get a hint: "nclude:" → include, "ip:" → ip4 … */
const TYPO_HINTS: Record<string, string> = {
  nclude: 'include', inculde: 'include', incude: 'include', inlcude: 'include', includes: 'include', incl: 'include',
  ip: 'ip4', ipv4: 'ip4', ipv6: 'ip6', 'ip-4': 'ip4', exist: 'exists', mxs: 'mx', aa: 'a', al: 'all', alll: 'all',
  redirect: 'redirect=', exp: 'exp=', spf: 'include',
};

export function suggestMechanism(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (TYPO_HINTS[lower]) return TYPO_HINTS[lower];
  // One edit away from a mechanism name (min length 3 so 'a'/'mx' don't match everything).
  for (const candidate of ['include', 'exists', 'all', 'ptr', 'ip4', 'ip6']) {
    if (lower.length >= 2 && editDistance(lower, candidate) === 1) return candidate;
  }
  return undefined;
}

function unknownMechanismMessage(raw: string, name: string): string {
  const word = /^[+\-~?]?([a-z0-9_.\-]*)/i.exec(raw)?.[1] ?? raw;
  const hint = suggestMechanism(word || name);
  const base = `unknown mechanism '${printable(raw)}'`;
  return hint ? `${base} — did you mean '${hint}'?` : base;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = Math.min(dp[i - 1]![j]! + 1, dp[i]![j - 1]! + 1, dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length]![b.length]!;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
