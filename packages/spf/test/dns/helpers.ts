import type { DnsAnswer, RecordByType, Resolver, RRType } from '../../src/dns/types';

type AnyAnswer = DnsAnswer<RecordByType[RRType]>;

export interface HeldQuery {
  name: string;
  type: RRType;
  answer(answer: AnyAnswer): void;
  fail(error: unknown): void;
}

/** A resolver whose queries stay in flight until the test answers them. */
export function createHeldResolver(): Resolver & { held: HeldQuery[] } {
  const held: HeldQuery[] = [];
  return {
    held,
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return new Promise<AnyAnswer>((resolve, reject) => {
        held.push({ name, type, answer: resolve, fail: reject });
      }) as Promise<DnsAnswer<RecordByType[T]>>;
    },
  };
}

/** A resolver answering from a script, one answer per call, and recording the calls. */
export function createScriptedResolver(script: AnyAnswer[]): Resolver & { calls: Array<{ name: string; type: RRType }> } {
  const calls: Array<{ name: string; type: RRType }> = [];
  return {
    calls,
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      calls.push({ name, type });
      const next = script.shift();
      if (!next) return Promise.reject(new Error(`script exhausted at ${name}/${type}`));
      return Promise.resolve(next as DnsAnswer<RecordByType[T]>);
    },
  };
}

export const TIMEOUT: AnyAnswer = { kind: 'error', error: 'timeout', message: 'test timeout' };
export const SERVFAIL: AnyAnswer = { kind: 'error', error: 'servfail', message: 'test servfail' };
