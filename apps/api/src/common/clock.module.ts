import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock, systemClock } from './clock';

/**
 * Provides `CLOCK`: system time, or the clock given to `forRoot` (the demo replays weeks of
 * history on one). Tests may also override it: `overrideProvider(CLOCK).useValue(clock)`.
 */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = systemClock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
