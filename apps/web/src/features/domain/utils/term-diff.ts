export interface MarkedTerm {
  text: string;
  mark: 'same' | 'added' | 'removed';
}

function key(term: string): string {
  // "+mx" and "mx" are the same term; case does not matter in mechanisms.
  return term.toLowerCase().replace(/^\+/, '');
}

/**
 * Both sides of a record change, term by term, for a side-by-side view: the "before" side marks
 * terms that are gone, the "after" side the ones that are new. Order-insensitive, like the
 * engine's termsAdded/termsRemoved; repeated terms are matched one for one.
 */
export function markTerms(before: string | null, after: string | null): { before: MarkedTerm[]; after: MarkedTerm[] } {
  const a = before ? before.trim().split(/\s+/) : [];
  const b = after ? after.trim().split(/\s+/) : [];
  const count = (terms: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const t of terms) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const inAfter = count(b);
  const inBefore = count(a);
  const left = a.map((text): MarkedTerm => {
    const k = key(text);
    const n = inAfter.get(k) ?? 0;
    if (n > 0) {
      inAfter.set(k, n - 1);
      return { text, mark: 'same' };
    }
    return { text, mark: 'removed' };
  });
  const right = b.map((text): MarkedTerm => {
    const k = key(text);
    const n = inBefore.get(k) ?? 0;
    if (n > 0) {
      inBefore.set(k, n - 1);
      return { text, mark: 'same' };
    }
    return { text, mark: 'added' };
  });
  return { before: left, after: right };
}
