import type { AnalysisRunCache, ResolverStack } from '@spfwatch/spf';

/** What checks of one tick share: a resolver stack (its DNS cache) and the tick's analysis run cache. */
export interface TickCache {
  readonly tick: string;
  readonly stack: ResolverStack;
  readonly runCache: AnalysisRunCache;
}

export interface TickCachesOptions {
  /**
   * Checks one resolver stack serves; the next check of the tick gets a fresh stack, and the
   * full one closes when its last check ends. A DNS cache keeps every answer it saw, each
   * domain's own records too, which no other check asks for again: this bounds a process's DNS
   * cache whatever the fleet's size. The shared includes are not asked for again: the tick's
   * run cache, kept across stacks, already holds their walked subtrees.
   */
  checksPerStack: number;
  /** How long the stack new checks would get outlives its last running check. */
  idleMs: number;
  createStack(): ResolverStack;
  createRunCache(): AnalysisRunCache;
}

interface Window extends TickCache {
  /** Checks handed this stack so far. */
  started: number;
  /** Checks using it now. */
  active: number;
  idleTimer: NodeJS.Timeout | undefined;
  closed: boolean;
}

/**
 * The caches a worker process's checks share, per tick: the tick's analysis run cache, and
 * resolver stacks in windows of `checksPerStack` checks, each closed as soon as it is full and
 * its checks are done. An older tick's stack closes once a newer tick's opens and its checks
 * are done; the stack new checks would get also closes after `idleMs` without checks. A
 * tick's run cache goes with its last open stack.
 */
export class TickCaches {
  /** The window each tick's next check gets. */
  private readonly current = new Map<string, Window>();
  /** Every window not closed yet (current ones, and full or older ones still in use). */
  private readonly open = new Set<Window>();
  /** Per tick with an open window: its run cache and how many windows are open. */
  private readonly ticks = new Map<string, { runCache: AnalysisRunCache; open: number }>();

  constructor(private readonly options: TickCachesOptions) {}

  /** The caches for one check of `tick`; give them back with `release` when the check is done. */
  acquire(tick: string): TickCache {
    let window = this.current.get(tick);
    if (!window || window.started >= this.options.checksPerStack) {
      const full = window;
      // Another tick's stacks will not be handed out again: they close when their checks end.
      for (const other of [...this.current.values()]) if (other.tick !== tick) this.retire(other);
      let shared = this.ticks.get(tick);
      if (!shared) this.ticks.set(tick, (shared = { runCache: this.options.createRunCache(), open: 0 }));
      window = { tick, stack: this.options.createStack(), runCache: shared.runCache, started: 0, active: 0, idleTimer: undefined, closed: false };
      shared.open++;
      this.current.set(tick, window);
      this.open.add(window);
      // After the new window exists, so the tick's run cache stays.
      if (full) this.retire(full);
    }
    if (window.idleTimer) clearTimeout(window.idleTimer);
    window.idleTimer = undefined;
    window.started++;
    window.active++;
    return window;
  }

  release(cache: TickCache): void {
    const window = cache as Window;
    window.active--;
    if (window.active > 0 || window.closed) return;
    if (this.current.get(window.tick) !== window) {
      this.close(window);
    } else {
      window.idleTimer = setTimeout(() => this.close(window), this.options.idleMs);
      window.idleTimer.unref();
    }
  }

  /** Closes every stack (shutdown, once the running checks are done). */
  closeAll(): void {
    for (const window of [...this.open]) this.close(window);
  }

  /** Ticks with a stack for their next check, stacks open, ticks holding a run cache (diagnostics, tests). */
  stats(): { ticks: string[]; openStacks: number; runCaches: number } {
    return { ticks: [...this.current.keys()], openStacks: this.open.size, runCaches: this.ticks.size };
  }

  /** No more checks get it; closed now if none is running. */
  private retire(window: Window): void {
    if (this.current.get(window.tick) === window) this.current.delete(window.tick);
    if (window.active === 0) this.close(window);
  }

  private close(window: Window): void {
    if (window.closed) return;
    window.closed = true;
    if (window.idleTimer) clearTimeout(window.idleTimer);
    window.idleTimer = undefined;
    if (this.current.get(window.tick) === window) this.current.delete(window.tick);
    this.open.delete(window);
    const shared = this.ticks.get(window.tick);
    if (shared && --shared.open === 0) this.ticks.delete(window.tick);
    window.stack.close();
  }
}
