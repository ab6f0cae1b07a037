import { normalizeName, type AnyAnswer } from './options';
import type { DnsAnswer, RecordByType, Resolver, ResolverStats, RRType } from './types';

export type CountingResolver = Resolver & {
  /** queriesSent / errors as seen at this layer; cacheHits and inflightMerged stay 0. */
  stats(): ResolverStats;
  /** Distinct (lower-cased name, type) pairs asked; equals queriesSent when nothing was asked twice. */
  distinctQueries(): number;
};

/** Counts what reaches `inner`: every query, every error answer (or rejection), distinct questions. */
export function createCountingResolver(inner: Resolver): CountingResolver {
  let queriesSent = 0;
  let errors = 0;
  // Per type, so counting a question builds no key string.
  const distinct = new Map<RRType, Set<string>>();

  // One .then() instead of an async function around an await: every query that misses the cache passes here.
  function resolveAny(name: string, type: RRType): Promise<AnyAnswer> {
    queriesSent++;
    let names = distinct.get(type);
    if (!names) distinct.set(type, (names = new Set()));
    names.add(normalizeName(name));
    let pending: Promise<AnyAnswer>;
    try {
      pending = inner.resolve(name, type) as Promise<AnyAnswer>;
    } catch (err) {
      errors++;
      return Promise.reject(err);
    }
    return pending.then(
      (answer) => {
        if (answer.kind === 'error') errors++;
        return answer;
      },
      (err: unknown) => {
        errors++;
        throw err;
      },
    );
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return resolveAny(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
    },
    stats: () => ({ queriesSent, cacheHits: 0, inflightMerged: 0, errors }),
    distinctQueries: () => [...distinct.values()].reduce((sum, names) => sum + names.size, 0),
  };
}
