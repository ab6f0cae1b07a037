import type { UnchangedCheck, UnchangedResult } from './checks.repository';

/**
 * Gathers unchanged checks that finish close together and writes them in one statement
 * (`ChecksRepository.recordUnchanged`): at most `maxBatch` per statement, flushed after
 * `delayMs` or as soon as the batch is full. Each caller gets its own row's result.
 */
export class UnchangedWriter {
  private pending: Array<{ check: UnchangedCheck; resolve: (r: UnchangedResult) => void; reject: (e: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (checks: UnchangedCheck[]) => Promise<Map<string, UnchangedResult>>,
    private readonly maxBatch = 200,
    private readonly delayMs = 5,
  ) {}

  record(check: UnchangedCheck): Promise<UnchangedResult> {
    return new Promise<UnchangedResult>((resolve, reject) => {
      // The same domain twice in one statement would conflict with itself: flush first.
      if (this.pending.some((p) => p.check.domainId === check.domainId)) this.flush();
      this.pending.push({ check, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.write(batch.map((p) => p.check)).then(
      (results) => {
        for (const p of batch) p.resolve(results.get(p.check.domainId) ?? 'stale');
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  }
}
