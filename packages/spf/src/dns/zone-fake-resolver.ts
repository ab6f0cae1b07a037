import { normalizeName, type AnyAnswer } from './options';
import type { DnsAnswer, DnsErrorKind, MxRecord, RecordByType, Resolver, RRType } from './types';

export interface FakeZoneEntry {
  TXT?: Array<string | string[]>;
  SPF?: Array<string | string[]>;
  A?: string[];
  AAAA?: string[];
  MX?: MxRecord[];
  PTR?: string[];
  /** Every type of this name fails with this kind, or only the listed types. */
  error?: DnsErrorKind | Partial<Record<RRType, DnsErrorKind>>;
}

/** Names are case-insensitive and the trailing dot is optional. */
export type FakeZone = Record<string, FakeZoneEntry>;

export interface FakeQuery {
  name: string;
  type: RRType;
}

export type ZoneFakeResolver = Resolver & {
  /** Every question asked, in order, name as the caller spelled it. */
  queries: FakeQuery[];
};

/**
 * An in-memory Resolver for unit tests. Absent name with no descendant → nxdomain; a name that
 * exists (or is an empty non-terminal) without the type → nodata; `error` → that error.
 * Answers are already-resolved promises (no timers), and fresh copies each time.
 */
export function createZoneFakeResolver(zone: FakeZone): ZoneFakeResolver {
  const entries = new Map<string, FakeZoneEntry>();
  /** Every owner name and every ancestor of one (empty non-terminals exist too). */
  const existing = new Set<string>();
  for (const [name, entry] of Object.entries(zone)) {
    const owner = normalizeName(name);
    entries.set(owner, entry);
    const labels = owner.split('.');
    for (let i = 0; i < labels.length; i++) existing.add(labels.slice(i).join('.'));
  }
  const queries: FakeQuery[] = [];

  function answer(name: string, type: RRType): AnyAnswer {
    const key = normalizeName(name);
    const entry = entries.get(key);
    const error = typeof entry?.error === 'string' ? entry.error : entry?.error?.[type];
    if (error) return { kind: 'error', error, message: `zone-fake: ${error} for ${key}/${type}` };
    if (!entry) return existing.has(key) ? { kind: 'nodata' } : { kind: 'nxdomain' };
    const records = recordsOf(entry, type);
    return records && records.length > 0 ? { kind: 'ok', records } : { kind: 'nodata' };
  }

  return {
    queries,
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      queries.push({ name, type });
      return Promise.resolve(answer(name, type) as DnsAnswer<RecordByType[T]>);
    },
  };
}

function recordsOf(entry: FakeZoneEntry, type: RRType): RecordByType[RRType][] | undefined {
  switch (type) {
    case 'TXT':
    case 'SPF':
      return entry[type]?.map((rr) => (typeof rr === 'string' ? [rr] : [...rr]));
    case 'A':
    case 'AAAA':
      return entry[type]?.slice();
    case 'PTR':
      return entry.PTR?.map(normalizeName);
    case 'MX':
      return entry.MX?.map((mx) => ({ priority: mx.priority, exchange: normalizeName(mx.exchange) }));
  }
}
