import { createAnalysisRunCache, type ResolverStack } from '@spfwatch/spf';
import { TickCaches } from './tick-caches';

/** Caches whose stacks record when they are closed. */
function caches(checksPerStack: number, idleMs = 60_000) {
  const stacks: Array<{ id: number; closed: boolean }> = [];
  const tc = new TickCaches({
    checksPerStack,
    idleMs,
    createStack: () => {
      const s = { id: stacks.length + 1, closed: false };
      stacks.push(s);
      return { resolver: { resolve: () => Promise.reject(new Error('unused')) }, stats: () => ({}), close: () => (s.closed = true), id: s.id } as unknown as ResolverStack;
    },
    createRunCache: createAnalysisRunCache,
  });
  const idOf = (c: { stack: ResolverStack }) => (c.stack as unknown as { id: number }).id;
  return { tc, stacks, idOf, closed: () => stacks.filter((s) => s.closed).map((s) => s.id) };
}

describe('TickCaches', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one resolver stack between the checks of a tick, up to checksPerStack of them, and the run cache across stacks', () => {
    const { tc, idOf, closed } = caches(3);
    const held = [tc.acquire('t1'), tc.acquire('t1'), tc.acquire('t1')];
    expect(held.map(idOf)).toEqual([1, 1, 1]);
    expect(held[0]!.runCache).toBe(held[2]!.runCache);
    // The fourth check gets a fresh stack; the full one stays open while its checks run.
    const fourth = tc.acquire('t1');
    expect(idOf(fourth)).toBe(2);
    expect(closed()).toEqual([]);
    for (const c of held) tc.release(c);
    // Full and done: closed at once, no idle wait. The walked includes stay with the tick.
    expect(closed()).toEqual([1]);
    expect(fourth.runCache).toBe(held[0]!.runCache);
    expect(tc.stats()).toEqual({ ticks: ['t1'], openStacks: 1, runCaches: 1 });
    tc.release(fourth);
    expect(closed()).toEqual([1]);
  });

  it('keeps the run cache while a full stack closes before the next check comes', () => {
    const { tc, idOf } = caches(1);
    const first = tc.acquire('t1');
    tc.release(first);
    const second = tc.acquire('t1');
    expect(idOf(second)).toBe(2);
    expect(second.runCache).toBe(first.runCache);
    expect(tc.stats()).toEqual({ ticks: ['t1'], openStacks: 1, runCaches: 1 });
  });

  it('bounds the DNS caches of a long tick: at most two stacks open at the boundary, each serving checksPerStack checks', () => {
    const { tc, idOf, closed, stacks } = caches(100);
    // Checks in flight 20 at a time, as a worker's fetch loops hold them.
    const running: ReturnType<typeof tc.acquire>[] = [];
    const served = new Map<number, number>();
    let maxOpen = 0;
    for (let i = 0; i < 1_000; i++) {
      const c = tc.acquire('t1');
      served.set(idOf(c), (served.get(idOf(c)) ?? 0) + 1);
      running.push(c);
      if (running.length === 20) tc.release(running.shift()!);
      maxOpen = Math.max(maxOpen, tc.stats().openStacks);
    }
    expect(stacks).toHaveLength(10);
    expect([...served.values()]).toEqual(Array(10).fill(100));
    expect(maxOpen).toBe(2);
    expect(closed()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('closes the current cache after idleMs without checks, and keeps it for a check that comes before', () => {
    jest.useFakeTimers();
    const { tc, idOf, closed } = caches(1_000, 60_000);
    tc.release(tc.acquire('t1'));
    jest.advanceTimersByTime(59_000);
    const again = tc.acquire('t1');
    expect(idOf(again)).toBe(1);
    tc.release(again);
    jest.advanceTimersByTime(59_000);
    expect(closed()).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(closed()).toEqual([1]);
    expect(tc.stats()).toEqual({ ticks: [], openStacks: 0, runCaches: 0 });
    const fresh = tc.acquire('t1');
    expect(idOf(fresh)).toBe(2);
    expect(fresh.runCache).not.toBe(again.runCache);
  });

  it('closes an older tick once a newer tick opens and its checks are done; a late check of the old tick gets fresh caches', () => {
    const { tc, idOf, closed } = caches(1_000);
    const idle = tc.acquire('t1');
    tc.release(idle);
    const busy = tc.acquire('t2');
    expect(busy.runCache).not.toBe(idle.runCache);
    tc.release(tc.acquire('t2'));
    const late = tc.acquire('t3');
    // t1 idle: closed as t2 opened; t2 still has a check running when t3 opens.
    expect(closed()).toEqual([1]);
    tc.release(busy);
    expect(closed()).toEqual([1, 2]);
    expect(tc.stats().ticks).toEqual(['t3']);
    const retried = tc.acquire('t2');
    expect(idOf(retried)).toBe(4);
    expect(retried.runCache).not.toBe(busy.runCache);
    expect(idOf(late)).toBe(3);
    // …and t3's cache is now the older one.
    expect(closed()).toEqual([1, 2]);
    tc.release(late);
    expect(closed()).toEqual([1, 2, 3]);
  });

  it('closeAll closes every open cache once', () => {
    const { tc, closed } = caches(2);
    tc.acquire('t1');
    tc.acquire('t1');
    const third = tc.acquire('t1');
    tc.closeAll();
    expect(closed()).toEqual([1, 2]);
    tc.release(third);
    expect(closed()).toEqual([1, 2]);
    expect(tc.stats()).toEqual({ ticks: [], openStacks: 0, runCaches: 0 });
  });
});
