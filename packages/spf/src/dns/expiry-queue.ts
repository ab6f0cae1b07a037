/** Something that expires timeoutMs after it was added, unless settled first. */
export interface Expiring {
  /** performance.now() at which it expires; set by add(). */
  expiresAt: number;
  /** Set by settle() or just before onExpire runs. */
  settled: boolean;
}

const COMPACT_AFTER = 1024;

/**
 * Queries in flight that all time out after the same delay: they expire in the order they were
 * added, so one timer (for the oldest) serves them all, where a timer per query cost a Timeout
 * object, a closure and two timer-list operations for each of a fleet run's ~19k queries. The
 * timer runs only while something is in flight (it keeps the process alive, as a timer per
 * query did), and fires no earlier than a timer per query would have.
 */
export class ExpiryQueue<T extends Expiring> {
  private items: T[] = [];
  private head = 0;
  private live = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onExpire: (item: T) => void,
  ) {}

  /** In flight from now on. */
  add(item: T): void {
    item.expiresAt = performance.now() + this.timeoutMs;
    item.settled = false;
    this.items.push(item);
    this.live++;
    if (this.timer === undefined) this.arm(item.expiresAt);
  }

  /** Done before expiring; false when it was already settled (or expired). */
  settle(item: T): boolean {
    if (item.settled) return false;
    item.settled = true;
    if (--this.live === 0) this.clear();
    else this.advance();
    return true;
  }

  /** Items added and not yet settled or expired. */
  get size(): number {
    return this.live;
  }

  /**
   * Drops settled items, so they are not kept alive: from the front as it settles (most settle in
   * the order they were added), and all of them whenever they outnumber those in flight (one
   * slow query at the front must not hold on to everything answered after it).
   */
  private advance(): void {
    while (this.head < this.items.length && this.items[this.head]!.settled) this.head++;
    const kept = this.items.length - this.head;
    if (kept > 2 * this.live + COMPACT_AFTER) {
      const live: T[] = [];
      for (let i = this.head; i < this.items.length; i++) if (!this.items[i]!.settled) live.push(this.items[i]!);
      this.items = live;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  private arm(at: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(1, Math.ceil(at - performance.now())));
  }

  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.items.length) {
      const item = this.items[this.head]!;
      if (item.settled) {
        this.head++;
        continue;
      }
      if (item.expiresAt > now) break;
      this.head++;
      item.settled = true;
      this.live--;
      this.onExpire(item);
    }
    if (this.live === 0) this.clear();
    else {
      // onExpire may have settled or added items: arm for the oldest still in flight.
      this.advance();
      if (this.timer === undefined) this.arm(this.items[this.head]!.expiresAt);
    }
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
  }
}
