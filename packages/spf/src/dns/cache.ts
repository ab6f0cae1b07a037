import type { DnsAnswer, RecordByType, Resolver, ResolverStats, RRType } from './types';
import { normalizeName, type AnyAnswer } from './options';

export interface CachingResolverOptions {
  /** Entries kept; the oldest inserted goes first. Default 100,000. */
  maxEntries?: number;
}

export type CachingResolver = Resolver & { stats(): ResolverStats };

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * A per-run cache shared by every domain of the run. Keys are (lower-cased name without the
 * trailing dot, type). ok / nxdomain / nodata are kept for the whole run (a run takes minutes,
 * TTLs are ignored); errors are not kept, but a caller arriving while the same question is in
 * flight waits for that answer instead of asking again, whatever it turns out to be.
 *
 * Cached answers are shared between callers and frozen: treat them as read-only.
 */
export function createCachingResolver(inner: Resolver, opts: CachingResolverOptions = {}): CachingResolver {
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const cache = new Map<string, AnyAnswer>();
  const inflight = new Map<string, Promise<AnyAnswer>>();
  const counters: ResolverStats = { queriesSent: 0, cacheHits: 0, inflightMerged: 0, errors: 0 };

  function remember(key: string, answer: AnyAnswer): void {
    if (maxEntries < 1) return;
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(key, answer);
  }

  function resolveAny(name: string, type: RRType): Promise<AnyAnswer> {
    const key = `${type} ${normalizeName(name)}`;
    const cached = cache.get(key);
    if (cached) {
      counters.cacheHits++;
      // No recency refresh on hits: delete+set on every hit dominated fleet runs, and within one
      // run the oldest entries (the first domains' own records) are the ones least needed again.
      return Promise.resolve(cached);
    }
    const running = inflight.get(key);
    if (running) {
      counters.inflightMerged++;
      return running;
    }
    counters.queriesSent++;
    const pending = (inner.resolve(name, type) as Promise<AnyAnswer>).then(
      (answer) => {
        inflight.delete(key);
        deepFreeze(answer);
        if (answer.kind === 'error') counters.errors++;
        else remember(key, answer);
        return answer;
      },
      (err: unknown) => {
        inflight.delete(key);
        throw err;
      },
    );
    inflight.set(key, pending);
    return pending;
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return resolveAny(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
    },
    stats: () => ({ ...counters }),
  };
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
