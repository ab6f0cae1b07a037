import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock';

/** Provides `CLOCK` (system time). Tests override it: `overrideProvider(CLOCK).useValue(clock)`. */
@Global()
@Module({
  providers: [{ provide: CLOCK, useValue: systemClock }],
  exports: [CLOCK],
})
export class ClockModule {}
