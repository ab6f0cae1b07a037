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
  // One map per type, keyed by the normalised name: a lookup builds no key string.
  const cache = new Map<RRType, Map<string, AnyAnswer>>();
  const inflight = new Map<RRType, Map<string, Promise<AnyAnswer>>>();
  // Insertion order for eviction, as two queues with a moving head.
  const orderTypes: RRType[] = [];
  const orderNames: string[] = [];
  let orderHead = 0;
  let size = 0;
  const counters: ResolverStats = { queriesSent: 0, cacheHits: 0, inflightMerged: 0, errors: 0 };

  function mapOf<V>(maps: Map<RRType, Map<string, V>>, type: RRType): Map<string, V> {
    let map = maps.get(type);
    if (!map) maps.set(type, (map = new Map()));
    return map;
  }

  function remember(type: RRType, name: string, answer: AnyAnswer): void {
    if (maxEntries < 1) return;
    if (size >= maxEntries && orderHead < orderTypes.length) {
      cache.get(orderTypes[orderHead] as RRType)?.delete(orderNames[orderHead] as string);
      orderHead++;
      size--;
      if (orderHead > 1024 && orderHead * 2 > orderTypes.length) {
        orderTypes.splice(0, orderHead);
        orderNames.splice(0, orderHead);
        orderHead = 0;
      }
    }
    mapOf(cache, type).set(name, answer);
    orderTypes.push(type);
    orderNames.push(name);
    size++;
  }

  function resolveAny(name: string, type: RRType): Promise<AnyAnswer> {
    const key = normalizeName(name);
    const cached = cache.get(type)?.get(key);
    if (cached) {
      counters.cacheHits++;
      // No recency refresh on hits: delete+set on every hit dominated fleet runs, and within one
      // run the oldest entries (the first domains' own records) are the ones least needed again.
      return Promise.resolve(cached);
    }
    const flying = mapOf(inflight, type);
    const running = flying.get(key);
    if (running) {
      counters.inflightMerged++;
      return running;
    }
    counters.queriesSent++;
    const pending = (inner.resolve(name, type) as Promise<AnyAnswer>).then(
      (answer) => {
        flying.delete(key);
        deepFreeze(answer);
        if (answer.kind === 'error') counters.errors++;
        else remember(type, key, answer);
        return answer;
      },
      (err: unknown) => {
        flying.delete(key);
        throw err;
      },
    );
    flying.set(key, pending);
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
  // Indexed and for-in: Object.values copied each object, and for-of allocated while cold.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
}
