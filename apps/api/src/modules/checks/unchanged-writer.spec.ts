import type { UnchangedCheck, UnchangedResult } from './checks.repository';
import { UnchangedWriter } from './unchanged-writer';

const check = (domainId: string): UnchangedCheck => ({ domainId, snapshotId: 's', startedAt: new Date(0), durationMs: 1, tick: null, nextCheckAt: null });

describe('UnchangedWriter', () => {
  it('writes checks that arrive together in one batch and answers each caller', async () => {
    const batches: string[][] = [];
    const writer = new UnchangedWriter(async (checks) => {
      batches.push(checks.map((c) => c.domainId));
      return new Map<string, UnchangedResult>(checks.map((c) => [c.domainId, c.domainId === 'b' ? 'duplicate' : 'recorded']));
    });
    const results = await Promise.all(['a', 'b', 'c'].map((d) => writer.record(check(d))));
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(results).toEqual(['recorded', 'duplicate', 'recorded']);
  });

  it('flushes a full batch at once, and never puts one domain twice in a batch', async () => {
    const batches: string[][] = [];
    const writer = new UnchangedWriter(async (checks) => {
      batches.push(checks.map((c) => c.domainId));
      return new Map(checks.map((c) => [c.domainId, 'recorded' as const]));
    }, 2, 1000);
    const ab = Promise.all([writer.record(check('a')), writer.record(check('b'))]);
    expect(batches).toEqual([['a', 'b']]); // full: written without waiting for the delay
    const c1 = writer.record(check('c'));
    const c2 = writer.record(check('c'));
    expect(batches).toEqual([['a', 'b'], ['c']]);
    writer.flush();
    await Promise.all([ab, c1, c2]);
    expect(batches).toEqual([['a', 'b'], ['c'], ['c']]);
  });

  it('rejects every caller of a failed batch', async () => {
    const writer = new UnchangedWriter(async () => {
      throw new Error('db down');
    });
    await expect(Promise.all([writer.record(check('a')), writer.record(check('b'))])).rejects.toThrow('db down');
  });
});
