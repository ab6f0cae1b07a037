import { MicroBatcher, type BatchOutcome } from './micro-batcher';

const echo = (batches: string[][]) => async (items: string[]): Promise<Array<BatchOutcome<string>>> => {
  batches.push(items);
  return items.map((i) => (i.startsWith('bad') ? { ok: false, error: new Error(i) } : { ok: true, value: i.toUpperCase() }));
};

describe('MicroBatcher', () => {
  it('runs items submitted together as one batch and answers each caller, errors per item', async () => {
    const batches: string[][] = [];
    const b = new MicroBatcher(echo(batches), { maxBatch: 10, delayMs: 5 });
    const results = await Promise.allSettled(['a', 'bad-b', 'c'].map((x) => b.submit(x)));
    expect(batches).toEqual([['a', 'bad-b', 'c']]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['A', 'bad-b', 'C']);
  });

  it('runs a full batch at once and never puts two items with one key in a batch', async () => {
    const batches: string[][] = [];
    const b = new MicroBatcher(echo(batches), { maxBatch: 2, delayMs: 10_000, key: (x) => x[0]! });
    const ab = Promise.all([b.submit('a1'), b.submit('b1')]);
    expect(batches).toEqual([['a1', 'b1']]);
    const c = [b.submit('c1'), b.submit('c2'), b.submit('d1')];
    // c2 made the batch full but cannot join c1: each goes alone; d1 waits for the timer (or a flush).
    expect(batches).toEqual([['a1', 'b1'], ['c1'], ['c2']]);
    b.flush();
    await Promise.all([ab, ...c]);
    expect(batches).toEqual([['a1', 'b1'], ['c1'], ['c2'], ['d1']]);
  });

  it('at the concurrency limit, gathers what arrives meanwhile into the next batch', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new MicroBatcher<string, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => ({ ok: true, value: i }));
    }, { maxBatch: 10, delayMs: 1, maxConcurrent: 1 });
    const first = b.submit('a');
    await new Promise((r) => setTimeout(r, 10));
    const later = ['b', 'c', 'd'].map((x) => b.submit(x));
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toEqual([['a']]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('rejects every item when the batch fails as a whole', async () => {
    const b = new MicroBatcher<string, string>(async () => {
      throw new Error('db down');
    }, { maxBatch: 10, delayMs: 1 });
    const results = await Promise.allSettled([b.submit('a'), b.submit('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
