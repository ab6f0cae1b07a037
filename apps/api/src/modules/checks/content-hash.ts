import { createHash } from 'node:crypto';
import type { Analysis, AnalysisNode, TermAnalysis } from '@spfwatch/spf';

/**
 * The part of an analysis that identifies a domain's SPF state: two analyses with the same
 * content hash are "unchanged". Left out, because they change without the policy changing:
 * `analyzedAt`, every TTL, and `flattened` (a suggestion derived from `networks`, whose text
 * follows DNS answer order). Left out because the tree already holds them: `networks` (its
 * ip4/ip6 terms and the addresses a/mx terms resolved to, with their paths). Arrays whose
 * order comes from DNS answers or from the walk (not from the record text) are sorted:
 * services, lint, DNS errors, unresolvable terms, resolved addresses and MX hosts, and the
 * lines of a multiple-record answer. The tree is represented by its digest (see nodeDigest).
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
    tree: nodeDigest(analysis.tree),
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

/**
 * sha256 (hex) of one subtree: the canonical JSON of the node (TTL left out, addresses sorted)
 * with each child replaced by its own digest, like a Merkle tree. Within a tick the engine hands
 * the same subtree object (a provider's include) to every analysis that includes it, so its
 * digest is computed once per object and a check only hashes its own record's node.
 */
export function nodeDigest(node: AnalysisNode): string {
  let digest = nodeDigests.get(node);
  if (digest === undefined) {
    // `strings` is kept (how the record is split matters: 255-octet strings).
    const { ttl: _ttl, record, terms, children, ...rest } = node;
    digest = sha256(canonicalJson({ ...rest, record: sortLines(record), terms: terms.map(canonicalTerm), children: children.map(nodeDigest) }));
    nodeDigests.set(node, digest);
  }
  return digest;
}

const nodeDigests = new WeakMap<AnalysisNode, string>();

/**
 * JSON with object keys sorted at every level; `undefined` members are dropped like
 * JSON.stringify does. Written in one pass (no sorted copies): it runs for every check.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (write(value[i]) ?? 'null');
        return out + ']';
      }
      const obj = value as Record<string, unknown>;
      if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') return write((obj as { toJSON: () => unknown }).toJSON());
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = write(obj[key]);
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + v;
        first = false;
      }
      return out + '}';
    }
    default:
      return undefined; // undefined, functions, symbols
  }
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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
