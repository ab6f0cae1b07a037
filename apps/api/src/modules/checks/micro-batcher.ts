/** One item's outcome in a batch: its value, or the error that concerns it alone. */
export type BatchOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface MicroBatcherOptions<I> {
  /** Items per call of `run` at most (a full batch runs at once). */
  maxBatch: number;
  /** How long the first item of a batch waits for company. */
  delayMs: number;
  /** Items with the same key never share a batch (e.g. two checks of one domain). */
  key?: (item: I) => string;
}

/**
 * Gathers items submitted close together and hands them to `run` as one batch, so a busy
 * worker makes one database round trip for many checks. `run` answers per item (aligned with
 * its input); if it throws, every item of the batch gets that error.
 */
export class MicroBatcher<I, O> {
  private pending: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private keys = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: I[]) => Promise<Array<BatchOutcome<O>>>,
    private readonly options: MicroBatcherOptions<I>,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const key = this.options.key?.(item);
      if (key !== undefined && this.keys.has(key)) this.flush();
      this.pending.push({ item, resolve, reject });
      if (key !== undefined) this.keys.add(key);
      if (this.pending.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.delayMs);
    });
  }

  /** Runs what is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.keys = new Set();
    if (batch.length === 0) return;
    this.run(batch.map((p) => p.item)).then(
      (outcomes) => {
        batch.forEach((p, i) => {
          const outcome = outcomes[i];
          if (!outcome) p.reject(new Error('MicroBatcher: no outcome for an item of the batch'));
          else if (outcome.ok) p.resolve(outcome.value);
          else p.reject(outcome.error);
        });
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  }
}
