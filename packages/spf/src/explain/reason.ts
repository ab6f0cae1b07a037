/**
 * Plain-language reasons for check_host() results, shared by the CLI, the API and the web tools so
 * every surface explains a result in the same words.
 */
import type { CheckHostResult } from '../eval/check-host';
import type { Analysis } from '../types/analysis';

/** What a domain's record authorises, condensed from an Analysis for the "not authorised" reason. */
export interface AuthorisedSummary {
  services: string[];
  /** holder: the included domain whose record lists the network, '' for the checked domain's own. */
  networks: Array<{ cidr: string; holder: string }>;
  /** Terms whose match depends on the connection (macros, exists, ptr): no fixed network to list. */
  dynamicTerms: string[];
  /** Lint findings that often explain a fail (e.g. `mx` pointing at a hosted provider's inbound servers). */
  hints?: string[];
}

/** Lint codes whose advice belongs in a "why was I not authorised" answer. */
const REASON_HINT_CODES = new Set(['mx-covers-inbound-only', 'include-without-spf', 'too-many-lookups']);

/** How many networks the reason names before "…and N more": enough to recognise, short enough to read. */
export const REASON_NETWORK_LIMIT = 8;

export function summariseAuthorised(analysis: Pick<Analysis, 'services' | 'networks' | 'unresolvable' | 'domain'> & Partial<Pick<Analysis, 'lint'>>): AuthorisedSummary {
  const services = [...new Set(analysis.services.map((s) => s.name))];
  const seen = new Set<string>();
  const networks: AuthorisedSummary['networks'] = [];
  for (const network of analysis.networks) {
    if (seen.has(network.cidr)) continue;
    seen.add(network.cidr);
    // The holder is named only when it is not the checked domain itself.
    networks.push({ cidr: network.cidr, holder: network.path.length > 1 ? (network.path[network.path.length - 1] ?? '') : '' });
  }
  const hints = (analysis.lint ?? []).filter((l) => REASON_HINT_CODES.has(l.code)).map((l) => (l.fix ? `${l.message} ${l.fix}` : l.message));
  return { services, networks, dynamicTerms: [...new Set(analysis.unresolvable.map((u) => u.term))], ...(hints.length > 0 ? { hints } : {}) };
}

const CONSEQUENCE: Partial<Record<CheckHostResult['result'], string>> = {
  fail: 'receivers may reject the message',
  softfail: 'receivers should accept the message but treat it as suspicious',
  neutral: 'the domain makes no assertion about this IP',
};

type ReasonInput = Pick<CheckHostResult, 'result' | 'domain' | 'ip' | 'matchedTerm' | 'matched' | 'problem'>;

/**
 * One short paragraph saying why check_host() gave this result: where the deciding term sits, or
 * what the record does authorise when this IP is not in it, or what went wrong.
 */
export function describeReason(r: ReasonInput, authorised?: AuthorisedSummary | null): string {
  switch (r.result) {
    case 'none':
      return `No SPF policy applies: ${r.problem ?? `${r.domain} publishes no SPF record`}.`;
    case 'permerror':
      return `The SPF policy of ${r.domain} cannot be evaluated (permanent error): ${r.problem ?? 'the record is invalid'}. Fixing the record is the only cure; receivers will not retry.`;
    case 'temperror':
      return `A temporary DNS problem stopped the check: ${r.problem ?? 'a DNS query failed'}. Receivers usually defer the message and try again later.`;
    case 'pass':
      return `${r.ip} is authorised for ${r.domain}: ${whereItMatched(r)}.`;
    default:
      return notAuthorised(r, authorised);
  }
}

function notAuthorised(r: ReasonInput, authorised?: AuthorisedSummary | null): string {
  const consequence = CONSEQUENCE[r.result] ?? '';
  const matchedAll = r.matched !== null && /^[-~?+]?all$/i.test(r.matched.term);
  let first: string;
  if (r.matched === null) {
    first = `${r.ip} is not authorised for ${r.domain}: no mechanism matched and the record has no "all", so the result is ${r.result} (${consequence}).`;
  } else if (matchedAll) {
    const where = r.matched.domain === r.domain ? '' : ` (in ${r.matched.domain})`;
    first = `${r.ip} is not authorised for ${r.domain}: nothing before ${r.matched.term}${where} matched, so the result is ${r.result} (${consequence}).`;
  } else {
    first = `${r.ip} is explicitly given ${r.result} by ${r.domain}: ${whereItMatched(r)} (${consequence}).`;
    // The IP is named by the record itself; listing what else is authorised would not help.
    return first;
  }
  return authorised ? `${first} ${describeAuthorised(r.ip, authorised)}` : first;
}

/** "it matches ip4:… in _netblocks.google.com, reached via include:_spf.google.com (a → b → c)". */
function whereItMatched(r: ReasonInput): string {
  if (r.matched === null) return r.matchedTerm ? `it matches ${r.matchedTerm}` : 'no term matched';
  const { term, domain, path } = r.matched;
  if (path.length <= 1) return `it matches ${term} in ${domain}'s own record`;
  const via = r.matchedTerm !== null && r.matchedTerm !== term ? r.matchedTerm : 'redirect';
  const chain = path.length > 2 || via === 'redirect' ? ` (${path.join(' → ')})` : '';
  return `it matches ${term} in ${domain}, reached via ${via}${chain}`;
}

/** "The record authorises Google Workspace and 12 networks: a, b (in x), … and 4 more; 1.2.3.4 is in none of them." */
export function describeAuthorised(ip: string, a: AuthorisedSummary, limit = REASON_NETWORK_LIMIT): string {
  const parts: string[] = [];
  if (a.services.length > 0) parts.push(a.services.join(', '));
  if (a.networks.length > 0) {
    const shown = a.networks.slice(0, limit).map((n) => (n.holder ? `${n.cidr} (${n.holder})` : n.cidr));
    const more = a.networks.length - shown.length;
    const count = `${a.networks.length} network${a.networks.length === 1 ? '' : 's'}`;
    parts.push(`${count}: ${shown.join(', ')}${more > 0 ? ` …and ${more} more` : ''}`);
  }
  if (parts.length === 0) {
    const dynamic = a.dynamicTerms.length > 0 ? ` except through terms decided at check time (${a.dynamicTerms.join(', ')}), which did not match` : '';
    return `The record authorises no fixed network${dynamic}.`;
  }
  const dynamic = a.dynamicTerms.length > 0 ? ` (plus ${a.dynamicTerms.join(', ')}, decided at check time)` : '';
  const hints = a.hints && a.hints.length > 0 ? ` Hint: ${a.hints.join(' ')}` : '';
  return `The record authorises ${parts.join('; ')}${dynamic}; ${ip} is in none of them.${hints}`;
}

/** Only a "not authorised" answer that fell through to "all" (or to nothing) lists what is authorised. */
export function needsAuthorisedSummary(r: Pick<CheckHostResult, 'result' | 'matched'>): boolean {
  if (r.result !== 'fail' && r.result !== 'softfail' && r.result !== 'neutral') return false;
  return r.matched === null || /^[-~?+]?all$/i.test(r.matched.term);
}
