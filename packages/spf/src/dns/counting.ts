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
  const distinct = new Set<string>();

  async function resolveAny(name: string, type: RRType): Promise<AnyAnswer> {
    queriesSent++;
    distinct.add(`${type} ${normalizeName(name)}`);
    try {
      const answer = (await inner.resolve(name, type)) as AnyAnswer;
      if (answer.kind === 'error') errors++;
      return answer;
    } catch (err) {
      errors++;
      throw err;
    }
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return resolveAny(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
    },
    stats: () => ({ queriesSent, cacheHits: 0, inflightMerged: 0, errors }),
    distinctQueries: () => distinct.size,
  };
}
