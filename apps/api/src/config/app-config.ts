import type { Env } from './env';

/**
 * Typed access to the validated environment, injectable everywhere (global). `env` holds
 * the parsed variables; `databaseUrl` is the database actually in use (DATABASE_URL, or
 * the embedded server's URL when it is unset).
 */
export class AppConfig {
  constructor(
    readonly env: Env,
    readonly databaseUrl: string,
  ) {}

  /** `api` and `all` serve the REST API; `worker` only answers /health and /ready. */
  get servesApi(): boolean {
    return this.env.SPFWATCH_ROLE !== 'worker';
  }

  /** `worker` and `all` consume queue jobs (QueueService.work is a no-op otherwise). */
  get runsWorkers(): boolean {
    return this.env.SPFWATCH_ROLE !== 'api';
  }

  /** The cron tick runs where workers run, unless SCHEDULER_ENABLED=false. */
  get runsScheduler(): boolean {
    return this.runsWorkers && this.env.SCHEDULER_ENABLED;
  }
}
