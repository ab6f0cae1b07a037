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
  return sha256(canonicalNode(node).text);
}

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
      if (value instanceof CanonicalText) return value.text;
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

/** Already canonical JSON text, inserted as is by `write`. */
class CanonicalText {
  constructor(readonly text: string) {}
}

/**
 * Within a tick the engine hands the same subtree object (a provider's include) to every
 * analysis that includes it: its canonical text is made once per object.
 */
const nodeTexts = new WeakMap<AnalysisNode, CanonicalText>();

function canonicalNode(node: AnalysisNode): CanonicalText {
  let text = nodeTexts.get(node);
  if (!text) {
    // `ttl` is volatile; `strings` is kept (how the record is split matters: 255-octet strings).
    const { ttl: _ttl, record, terms, children, ...rest } = node;
    text = new CanonicalText(canonicalJson({ ...rest, record: sortLines(record), terms: terms.map(canonicalTerm), children: children.map(canonicalNode) }));
    nodeTexts.set(node, text);
  }
  return text;
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
