import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids every log line written while handling one request or one job carries. */
export interface LogContext {
  /** The request's correlation id (`x-request-id`, also in error bodies). */
  requestId?: string;
  /** The pg-boss job id, and the job's name. */
  jobId?: string;
  job?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with these ids on every log line it (and what it awaits) writes. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
