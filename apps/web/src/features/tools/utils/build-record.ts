import { isCidr } from './ip-address';

export type AllQualifier = '-all' | '~all' | '?all';

/** The record builder's state: what the checkboxes and lists say. */
export interface RecordDraft {
  mx: boolean;
  a: boolean;
  ip4: string[];
  ip6: string[];
  /** Include domains, in order (services chosen by name become their include). */
  includes: string[];
  /** Terms the builder has no control for (exists:, a:other, redirect=, macros …), kept as written. */
  extra: string[];
  all: AllQualifier;
}

export const EMPTY_DRAFT: RecordDraft = { mx: false, a: false, ip4: [], ip6: [], includes: [], extra: [], all: '~all' };

/** "v=spf1 mx a ip4:… ip6:… include:… <extra> ~all": the order record builders use. */
export function buildRecord(draft: RecordDraft): string {
  const terms = ['v=spf1'];
  if (draft.mx) terms.push('mx');
  if (draft.a) terms.push('a');
  for (const ip of unique(draft.ip4)) terms.push(`ip4:${ip}`);
  for (const ip of unique(draft.ip6)) terms.push(`ip6:${ip}`);
  for (const include of unique(draft.includes)) terms.push(`include:${include}`);
  terms.push(...draft.extra);
  terms.push(draft.all);
  return terms.join(' ');
}

/**
 * Reads a record back into builder state, so the checkboxes follow a hand-edited draft.
 * Returns null for text that is not an SPF record at all.
 */
export function draftFromRecord(text: string): RecordDraft | null {
  const terms = text.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0 || terms[0]!.toLowerCase() !== 'v=spf1') return null;
  const draft: RecordDraft = { mx: false, a: false, ip4: [], ip6: [], includes: [], extra: [], all: '~all' };
  let sawAll = false;
  for (const term of terms.slice(1)) {
    const lower = term.toLowerCase();
    if (lower === 'mx' || lower === '+mx') draft.mx = true;
    else if (lower === 'a' || lower === '+a') draft.a = true;
    else if (/^\+?ip4:/.test(lower)) draft.ip4.push(term.slice(term.indexOf(':') + 1));
    else if (/^\+?ip6:/.test(lower)) draft.ip6.push(term.slice(term.indexOf(':') + 1));
    else if (/^\+?include:[^%]+$/.test(lower)) draft.includes.push(lower.slice(lower.indexOf(':') + 1));
    else if (lower === '-all' || lower === '~all' || lower === '?all') {
      draft.all = lower;
      sawAll = true;
    } else draft.extra.push(term);
  }
  // No "all" (or "+all", kept as an extra term) leaves the default strictness visible in the builder.
  if (!sawAll) draft.all = '~all';
  return draft;
}

/** Per-entry problems with the address lists (shown next to the field, before asking the API). */
export function draftProblems(draft: RecordDraft): string[] {
  const problems: string[] = [];
  for (const ip of draft.ip4) if (!isCidr(ip, 4)) problems.push(`"${ip}" is not an IPv4 address or range (e.g. 192.0.2.10 or 192.0.2.0/24).`);
  for (const ip of draft.ip6) if (!isCidr(ip, 6)) problems.push(`"${ip}" is not an IPv6 address or range (e.g. 2001:db8::/32).`);
  for (const include of draft.includes) {
    if (!/^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(include)) problems.push(`"${include}" is not a domain name.`);
  }
  return problems;
}

/** Splits a textarea of addresses ("192.0.2.1, 192.0.2.0/24\n…") into entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
