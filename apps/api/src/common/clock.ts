/** The time source every rule reads (inject `CLOCK`); tests provide a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand: `at(…)` sets it, `advance(ms)` moves it. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  at(time: Date | string): this {
    this.current = new Date(time);
    return this;
  }
  advance(ms: number): this {
    this.current = new Date(this.current.getTime() + ms);
    return this;
  }
}
