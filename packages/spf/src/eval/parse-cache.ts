import { parseRecord } from '../parser/record';
import type { ParseResult } from '../parser/types';

const MAX_ENTRIES = 20_000;
const cache = new Map<string, ParseResult>();

/**
 * Records repeat across a fleet (every Google Workspace customer has the same includes), and
 * parse results are immutable, so parsing is memoised by record text. Bounded: cleared when full.
 */
export function parseRecordCached(text: string): ParseResult {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = parseRecord(text);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}
