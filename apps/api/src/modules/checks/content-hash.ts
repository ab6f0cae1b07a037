import { createHash } from 'node:crypto';
import type { Analysis, AnalysisNode, TermAnalysis } from '@spfwatch/spf';

/**
 * The part of an analysis that identifies a domain's SPF state: two analyses with the same
 * content hash are "unchanged". Left out, because they change without the policy changing:
 * `analyzedAt`, every TTL, and `flattened` (a suggestion derived from `networks`, whose text
 * follows DNS answer order). Arrays whose order comes from DNS answers or from the walk (not
 * from the record text) are sorted: networks, services, lint, DNS errors, unresolvable terms,
 * resolved addresses and MX hosts, and the lines of a multiple-record answer.
 */
export function canonicalAnalysis(analysis: Analysis): unknown {
  return {
    domain: analysis.domain,
    record: sortLines(analysis.record),
    status: analysis.status,
    lookupCount: analysis.lookupCount,
    voidLookups: analysis.voidLookups,
    mxAddressLookups: analysis.mxAddressLookups,
    ptrLookups: analysis.ptrLookups,
    allQualifier: analysis.allQualifier,
    truncated: analysis.truncated,
    tree: canonicalNode(analysis.tree),
    networks: sortBy(analysis.networks, (n) => `${n.cidr.toLowerCase()}|${n.path.join('>')}|${n.term}`),
    unresolvable: sortBy(analysis.unresolvable, (u) => `${u.domain}|${u.term}|${u.path.join('>')}`),
    services: sortBy(analysis.services, (s) => `${s.id}|${s.include}|${s.path.join('>')}`),
    lint: sortBy(analysis.lint, (f) => `${f.code}|${f.domain}|${f.term ?? ''}|${f.severity}|${f.message}`),
    dnsErrors: sortBy(analysis.dnsErrors, (e) => `${e.name}|${e.type}|${e.error}`),
  };
}

/** sha256 (hex) of the canonical JSON (keys sorted) of `canonicalAnalysis`. */
export function analysisContentHash(analysis: Analysis): string {
  return sha256(canonicalJson(canonicalAnalysis(analysis)));
}

/** sha256 (hex) of the canonical JSON of one subtree (e.g. a provider's include), TTLs left out. */
export function nodeContentHash(node: AnalysisNode): string {
  return sha256(canonicalJson(canonicalNode(node)));
}

/** JSON with object keys sorted at every level; `undefined` members are dropped like JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function canonicalNode(node: AnalysisNode): unknown {
  // `ttl` is volatile; `strings` is kept (how the record is split matters: 255-octet strings).
  const { ttl: _ttl, record, terms, children, ...rest } = node;
  return {
    ...rest,
    record: sortLines(record),
    terms: terms.map(canonicalTerm),
    children: children.map(canonicalNode),
  };
}

function canonicalTerm(term: TermAnalysis): TermAnalysis {
  const out: TermAnalysis = { ...term };
  if (term.addresses) out.addresses = [...term.addresses].sort();
  if (term.mxHosts) out.mxHosts = [...term.mxHosts].sort();
  return out;
}

/** Several TXT records come back in any order; the engine joins them with "\n". */
function sortLines(text: string | null): string | null {
  if (text === null || !text.includes('\n')) return text;
  return text.split('\n').sort().join('\n');
}

function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.item);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
