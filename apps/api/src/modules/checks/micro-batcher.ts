/** One item's outcome in a batch: its value, or the error that concerns it alone. */
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface MicroBatcherOptions<I> {
  /** Items per call of `run` at most (a full batch runs at once). */
  maxBatch: number;
  /** How long the first item of a batch waits for company. */
  delayMs: number;
  /** Items with the same key never share a batch (e.g. two checks of one domain). */
  key?: (item: I) => string;
  /**
   * Batches running at once (default: no limit). While that many run, new items wait and
   * the next batch is bigger: fewer, larger transactions when the database is the bottleneck.
   */
  maxConcurrent?: number;
}

/**
 * Gathers items submitted close together and hands them to `run` as one batch, so a busy
 * worker makes one database round trip for many checks. `run` answers per item (aligned with
 * its input); if it throws, every item of the batch gets that error.
 */
export class MicroBatcher<I, O> {
  private pending: Array<{ item: I; key: string | undefined; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<Array<BatchOutcome<O>>>,
    private readonly options: MicroBatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, key: this.options.key?.(item), resolve, reject });
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.delayMs);
    });
  }

  /** Runs what is pending now (or as soon as a running batch ends, at the concurrency limit). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0 && this.running < (this.options.maxConcurrent ?? Infinity)) this.runOne(this.take());
  }

  /** The next batch: up to maxBatch pending items in order, never two with the same key. */
  private take(): MicroBatcher<I, O>['pending'] {
    const batch: MicroBatcher<I, O>['pending'] = [];
    const rest: MicroBatcher<I, O>['pending'] = [];
    const keys = new Set<string>();
    for (const p of this.pending) {
      if (batch.length >= this.options.maxBatch || (p.key !== undefined && keys.has(p.key))) rest.push(p);
      else {
        batch.push(p);
        if (p.key !== undefined) keys.add(p.key);
      }
    }
    this.pending = rest;
    return batch;
  }

  private runOne(batch: MicroBatcher<I, O>['pending']): void {
    this.running++;
    const settle = () => {
      this.running--;
      if (this.pending.length > 0) this.flush();
    };
    this.run(batch.map((p) => p.item)).then(
      (outcomes) => {
        batch.forEach((p, i) => {
          const outcome = outcomes[i];
          if (!outcome) p.reject(new Error('MicroBatcher: no outcome for an item of the batch'));
          else if (outcome.ok) p.resolve(outcome.value);
          else p.reject(outcome.error);
        });
        settle();
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
        settle();
      },
    );
  }
}
