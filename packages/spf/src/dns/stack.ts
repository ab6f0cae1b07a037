import { createCachingResolver } from './cache';
import { createCountingResolver } from './counting';
import { ResolverConfigError } from '../errors';
import { createNodeResolver } from './node-resolver';
import type { ResolverOptions } from './options';
import { createRetryingResolver } from './retry';
import type { Resolver, ResolverStats } from './types';
import { createWireResolver } from './wire-resolver';

export interface ResolverStackOptions extends ResolverOptions {
  /**
   * Default 'node' (node:dns, as RFC-conformant receivers use the system's stub); 'wire' gives
   * TTLs for every type, type 99, and more queries/s (most with `transport: 'tcp'`).
   */
  implementation?: 'node' | 'wire';
  /** Per-run cache with in-flight merging. Default true. */
  cache?: boolean;
  /** Extra attempts on timeout / servfail. Default 0 (the implementation's own `tries` apply). */
  retries?: number;
  /** Wrap this resolver instead of creating an implementation (tests). It is not closed by close(). */
  inner?: Resolver;
}

export interface ResolverStackStats extends ResolverStats {
  /** Distinct (name, type) pairs that reached the implementation. */
  distinctQueries: number;
  /** Attempts the retry layer made beyond the first ones. */
  retries: number;
}

export interface ResolverStack {
  resolver: Resolver;
  stats(): ResolverStackStats;
  close(): void;
}

/**
 * cache → retry → counting → implementation. Counting sits right on the implementation, so
 * `queriesSent` and `errors` are what really hit it, retries included; `cacheHits` and
 * `inflightMerged` come from the cache.
 */
export function createResolverStack(opts: ResolverStackOptions = {}): ResolverStack {
  const { implementation = 'node', cache = true, retries = 0, inner } = opts;
  if (implementation !== 'node' && implementation !== 'wire') {
    throw new ResolverConfigError(`Invalid implementation ${JSON.stringify(implementation)}: expected "node" or "wire"`);
  }
  const settings: ResolverOptions = {};
  if (opts.servers !== undefined) settings.servers = opts.servers;
  if (opts.timeoutMs !== undefined) settings.timeoutMs = opts.timeoutMs;
  if (opts.tries !== undefined) settings.tries = opts.tries;
  if (opts.transport !== undefined) settings.transport = opts.transport;

  let close = (): void => {};
  let base: Resolver;
  if (inner) {
    base = inner;
  } else if (implementation === 'wire') {
    const wire = createWireResolver(settings);
    close = () => wire.close();
    base = wire;
  } else {
    const node = createNodeResolver(settings);
    close = () => node.close();
    base = node;
  }

  const counting = createCountingResolver(base);
  const retrying = createRetryingResolver(counting, { retries });
  const caching = cache ? createCachingResolver(retrying) : undefined;

  return {
    resolver: caching ?? retrying,
    stats(): ResolverStackStats {
      const sent = counting.stats();
      const cached = caching?.stats();
      return {
        queriesSent: sent.queriesSent,
        errors: sent.errors,
        cacheHits: cached?.cacheHits ?? 0,
        inflightMerged: cached?.inflightMerged ?? 0,
        distinctQueries: counting.distinctQueries(),
        retries: retrying.retriesMade(),
      };
    },
    close,
  };
}
