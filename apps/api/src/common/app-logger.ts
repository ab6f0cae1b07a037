import { ConsoleLogger, type LoggerService, type LogLevel as NestLogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogFormat, LogLevel } from '../config/env';
import { currentLogContext } from './log-context';

const NEST_LEVELS: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const LEVEL_INDEX: Record<Exclude<LogLevel, 'silent'>, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, verbose: 5 };
/** LOG_LEVEL → pino's level names (verbose is pino's trace). */
const PINO_LEVEL: Record<LogLevel, pino.LevelWithSilent> = { silent: 'silent', fatal: 'fatal', error: 'error', warn: 'warn', info: 'info', debug: 'debug', verbose: 'trace' };

/** Nest's start-up chatter (one line per module and route): shown from LOG_LEVEL=debug only. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** LOG_LEVEL → Nest logger levels (empty = silent). */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return level === 'silent' ? [] : NEST_LEVELS.slice(0, LEVEL_INDEX[level] + 1);
}

/** The last string argument is the context Nest's Logger passes (`new Logger('Scheduler')`). */
function splitContext(rest: unknown[]): { context: string | undefined; extra: unknown[] } {
  const last = rest[rest.length - 1];
  return typeof last === 'string' ? { context: last, extra: rest.slice(0, -1) } : { context: undefined, extra: rest };
}

/**
 * The process's logger, honouring LOG_LEVEL and LOG_FORMAT:
 * - `json` (default): one pino JSON object per line — `level`, `time`, `msg`, `context`,
 *   `role`, and the `requestId` / `jobId` of the request or job being handled;
 * - `text`: Nest's coloured console lines, for a developer's terminal and the demo.
 * Nest's per-route start-up lines are left out below LOG_LEVEL=debug either way.
 */
export class AppLogger implements LoggerService {
  /** The pino logger (json format), for the HTTP access log; null in text format. */
  readonly pino: PinoLogger | null;
  private readonly text: ConsoleLogger | null;
  private readonly chatty: boolean;

  constructor(level: LogLevel, format: LogFormat = 'json', options: { role?: string; destination?: DestinationStream } = {}) {
    this.chatty = level === 'debug' || level === 'verbose';
    if (format === 'text') {
      this.text = new ConsoleLogger({ logLevels: nestLogLevels(level) });
      this.pino = null;
    } else {
      this.text = null;
      this.pino = pino(
        {
          level: PINO_LEVEL[level],
          base: { pid: process.pid, ...(options.role ? { role: options.role } : {}) },
          timestamp: pino.stdTimeFunctions.isoTime,
          formatters: { level: (label) => ({ level: label }) },
          mixin: () => ({ ...currentLogContext() }),
        },
        // process.stdout, not pino's own fd writer: one stream for every line of the process
        // (Nest's, console's, ours), in order, and what a test watching stdout sees.
        options.destination ?? process.stdout,
      );
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, rest: unknown[]): void {
    const { context, extra } = splitContext(rest);
    if (!this.chatty && level === 'info' && context !== undefined && CHATTY_CONTEXTS.has(context)) return;
    if (this.text) {
      const method = level === 'info' ? 'log' : level === 'trace' ? 'verbose' : level;
      this.text[method](message, ...rest);
      return;
    }
    const fields: Record<string, unknown> = context !== undefined ? { context } : {};
    // Nest's error(message, stack, context): the stack as a field, not as text.
    const stack = level === 'error' || level === 'fatal' ? extra.find((e): e is string => typeof e === 'string' && e.includes('\n    at ')) : undefined;
    if (stack) fields.stack = stack;
    if (message instanceof Error) this.pino![level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'string') this.pino![level](fields, message);
    else this.pino![level]({ ...fields, data: message }, 'event');
  }
}
