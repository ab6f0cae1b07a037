import type { Clock } from '@spfwatch/api/dist/embedding';

/**
 * The demo's clock: held at the replayed moments while past weeks are replayed, then the
 * system time for good. It only ever moves forward, as every rule of the app expects.
 */
export class ReplayClock implements Clock {
  private held: Date | null;

  constructor(start: Date) {
    this.held = new Date(start);
  }

  now(): Date {
    return this.held ? new Date(this.held) : new Date();
  }

  /** Holds the clock at `time` (not before the current time). */
  at(time: Date): void {
    if (!this.held) throw new Error('The replay is over: the clock follows the system time');
    if (time.getTime() < this.held.getTime()) throw new Error(`The replay clock cannot go back from ${this.held.toISOString()} to ${time.toISOString()}`);
    this.held = new Date(time);
  }

  /** From now on, the system time. */
  release(): void {
    this.held = null;
  }

  get replaying(): boolean {
    return this.held !== null;
  }
}
