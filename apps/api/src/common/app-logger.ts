import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from '../config/env';

const NEST_LEVELS: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const LEVEL_INDEX: Record<Exclude<LogLevel, 'silent'>, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 };

/** Nest's start-up chatter (one line per module and route): shown from LOG_LEVEL=debug only. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** LOG_LEVEL → Nest logger levels (empty = silent). */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return level === 'silent' ? [] : NEST_LEVELS.slice(0, LEVEL_INDEX[level] + 1);
}

/** Console logger honouring LOG_LEVEL, without Nest's per-route start-up lines at `info`. */
export class AppLogger extends ConsoleLogger {
  private readonly chatty: boolean;

  constructor(level: LogLevel) {
    super({ logLevels: nestLogLevels(level) });
    this.chatty = level === 'debug' || level === 'verbose';
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (!this.chatty && typeof context === 'string' && CHATTY_CONTEXTS.has(context)) return;
    super.log(message, ...rest);
  }
}
