import { parseRecord } from '../parser/record';
import type { Mechanism, ParseResult } from '../parser/types';

const MAX_ENTRIES = 20_000;
const cache = new Map<string, ParseResult>();
/** Mechanisms by the term text after its qualifier: "include:_spf.google.com" is in thousands of records. */
const mechanisms = new Map<string, Mechanism>();

/**
 * Records repeat across a fleet (every Google Workspace customer has the same includes), and
 * parse results are immutable, so parsing is memoised by record text. Bounded: cleared when full.
 */
export function parseRecordCached(text: string): ParseResult {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = compact(parseRecord(text));
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}

/**
 * A cached result is kept for the whole run (a fleet's own records are all unique): it keeps its
 * term lists at their exact length (push left room for 17) and shares each mechanism with every
 * other cached record that has the same term, which halves what a cached record holds. Only
 * cached results share: they are shared between callers already, and read-only.
 */
function compact(result: ParseResult): ParseResult {
  const record = result.ok ? result.record : result.partial;
  record.terms = record.terms.slice();
  record.mechanisms = record.mechanisms.slice();
  for (const term of record.mechanisms) {
    // An ip4/ip6 network is usually the domain's own: nothing to share.
    if (term.mechanism.kind === 'ip4' || term.mechanism.kind === 'ip6') continue;
    const body = term.explicitQualifier ? term.text.slice(1) : term.text;
    const known = mechanisms.get(body);
    if (known !== undefined) term.mechanism = known;
    else {
      if (mechanisms.size >= MAX_ENTRIES) mechanisms.clear();
      mechanisms.set(body, term.mechanism);
    }
  }
  return result;
}
