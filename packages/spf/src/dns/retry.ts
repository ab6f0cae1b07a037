import { ResolverConfigError } from '../errors';
import type { AnyAnswer } from './options';
import type { DnsAnswer, DnsErrorKind, RecordByType, Resolver, RRType } from './types';

export interface RetryingResolverOptions {
  /** Extra attempts after the first one. */
  retries: number;
  /** Error kinds worth asking again. Default: timeout and servfail (transient by nature). */
  retryOn?: DnsErrorKind[];
}

export type RetryingResolver = Resolver & {
  /** Attempts made beyond the first ones. */
  retriesMade(): number;
};

const DEFAULT_RETRY_ON: readonly DnsErrorKind[] = ['timeout', 'servfail'];

/** Asks `inner` again, at once, while the answer is an error of a retryable kind and retries remain. */
export function createRetryingResolver(inner: Resolver, opts: RetryingResolverOptions): RetryingResolver {
  const { retries } = opts;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new ResolverConfigError(`Invalid retries ${String(retries)}: expected an integer >= 0`);
  }
  const retryOn = new Set(opts.retryOn ?? DEFAULT_RETRY_ON);
  let retriesMade = 0;

  async function retrying(name: string, type: RRType): Promise<AnyAnswer> {
    let answer = (await inner.resolve(name, type)) as AnyAnswer;
    for (let attempt = 0; attempt < retries && answer.kind === 'error' && retryOn.has(answer.error); attempt++) {
      retriesMade++;
      answer = (await inner.resolve(name, type)) as AnyAnswer;
    }
    return answer;
  }

  /** With no retries (the default stack) the answer passes straight through, without an async layer. */
  function resolveAny(name: string, type: RRType): Promise<AnyAnswer> {
    if (retries > 0) return retrying(name, type);
    try {
      return inner.resolve(name, type) as Promise<AnyAnswer>;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return resolveAny(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
    },
    retriesMade: () => retriesMade,
  };
}
