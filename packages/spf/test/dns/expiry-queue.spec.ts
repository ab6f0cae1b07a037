import { type Expiring, ExpiryQueue } from '../../src/dns/expiry-queue';

interface Item extends Expiring {
  name: string;
}

const item = (name: string): Item => ({ name, expiresAt: 0, settled: false });

describe('ExpiryQueue (one timer for queries that all time out after the same delay)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('expires what is still in flight after the delay, oldest first, and nothing earlier', () => {
    const expired: string[] = [];
    const queue = new ExpiryQueue<Item>(100, (i) => expired.push(i.name));
    const [a, b, c] = [item('a'), item('b'), item('c')];
    queue.add(a);
    jest.advanceTimersByTime(40);
    queue.add(b);
    queue.add(c);
    expect(queue.settle(b)).toBe(true);
    jest.advanceTimersByTime(59);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    jest.advanceTimersByTime(39);
    expect(expired).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(expired).toEqual(['a', 'c']);
    expect(queue.size).toBe(0);
  });

  it('runs no timer while nothing is in flight, so it keeps no process alive', () => {
    const queue = new ExpiryQueue<Item>(3000, () => undefined);
    const items = Array.from({ length: 5000 }, (_, i) => item(`q${i}`));
    for (const i of items) queue.add(i);
    expect(jest.getTimerCount()).toBe(1);
    for (const i of items) queue.settle(i);
    expect(jest.getTimerCount()).toBe(0);
    expect(queue.size).toBe(0);
  });

  it('settles each item once: settle after expiry (or twice) is refused, and what expiry settles may add more', () => {
    const expired: string[] = [];
    let queue: ExpiryQueue<Item>;
    const late = item('late');
    // eslint-disable-next-line prefer-const
    queue = new ExpiryQueue<Item>(10, (i) => {
      expired.push(i.name);
      expect(queue.settle(i)).toBe(false);
      if (i.name === 'first') queue.add(late);
    });
    const first = item('first');
    queue.add(first);
    jest.advanceTimersByTime(10);
    expect(expired).toEqual(['first']);
    expect(queue.size).toBe(1);
    jest.advanceTimersByTime(10);
    expect(expired).toEqual(['first', 'late']);
    expect(queue.settle(late)).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep everything answered behind one slow query', () => {
    const queue = new ExpiryQueue<Item>(3000, () => undefined);
    queue.add(item('slow'));
    for (let n = 0; n < 20_000; n++) {
      const i = item(`q${n}`);
      queue.add(i);
      queue.settle(i);
    }
    const internals = queue as unknown as { items: Item[]; head: number };
    expect(internals.items.length - internals.head).toBeLessThanOrEqual(2 + 1024 + 1);
    expect(queue.size).toBe(1);
  });

  it('lets go of settled items as the front settles, when queries keep coming', () => {
    const queue = new ExpiryQueue<Item>(3000, () => undefined);
    for (let n = 0; n < 50_000; n++) {
      const i = item(`q${n}`);
      queue.add(i);
      queue.settle(i);
      queue.add(item('keep-alive'));
    }
    // The live ones, and at most as many settled ones again (plus a little slack), are kept.
    const internals = queue as unknown as { items: Item[]; head: number };
    expect(queue.size).toBe(50_000);
    expect(internals.items.length - internals.head).toBeLessThanOrEqual(2 * 50_000 + 1024);
    const slow = item('slow');
    queue.add(slow);
    for (let n = 0; n < 50_000; n++) {
      const i = item(`r${n}`);
      queue.add(i);
      queue.settle(i);
    }
    // One slow query at the front does not keep everything answered after it.
    expect(internals.items.length - internals.head).toBeLessThanOrEqual(2 * 50_001 + 1024);
    expect(queue.settle(slow)).toBe(true);
  });
});
