/**
 * Databases for tests (this package's and the API's). Jest wiring: see
 * `@spfwatch/db/jest-global-setup` / `jest-global-teardown` (src/test/*.mjs).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startDatabase } from './embedded';
import { applyMigrations } from './migrate/engine';
import { MIGRATIONS_DIR } from './paths';

export interface CreatedDatabase {
  name: string;
  url: string;
  /** Drops the database (terminating its connections). */
  drop(): Promise<void>;
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Creates an empty database (random name with `prefix`) on the server `serverUrl` points
 * at; the role needs CREATEDB.
 */
export async function createDatabase(serverUrl: string, prefix = 'spfwatch_test'): Promise<CreatedDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await maintenance(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: async () => {
      await maintenance(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

async function maintenance<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** A fresh database with every migration applied. */
  url: string;
  /** Same server, `postgres` database: for creating more databases. */
  serverUrl: string;
  /** `server`: TEST_DATABASE_URL/DATABASE_URL's server; `embedded`: a throwaway cluster. */
  source: 'server' | 'embedded';
  teardown(): Promise<void>;
}

/**
 * For a test run: a fresh database with all migrations applied, on the server of
 * `TEST_DATABASE_URL` or `DATABASE_URL` when one is set (CI's Postgres; the named
 * database itself is never touched), otherwise on a throwaway embedded cluster in a
 * temp folder. `teardown()` drops/stops and deletes everything it created.
 */
export async function setupTestDatabase(
  options: { migrationsDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TestDatabase> {
  const env = options.env ?? process.env;
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const external = env.TEST_DATABASE_URL || env.DATABASE_URL;

  if (external) {
    const created = await createDatabase(external);
    try {
      await applyMigrations(created.url, migrationsDir);
    } catch (error) {
      await created.drop();
      throw error;
    }
    return { url: created.url, serverUrl: withDatabase(external, 'postgres'), source: 'server', teardown: created.drop };
  }

  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'spfwatch-pg-'));
  // The server may run as the `postgres` user (when we are root): let it reach its data folder.
  await chmod(tempDir, 0o755);
  const teardownDir = () => rm(tempDir, { recursive: true, force: true });
  let server;
  try {
    server = await startDatabase({ dataDir: path.join(tempDir, 'pg'), port: 0, database: 'spfwatch_test', useDatabaseUrl: false });
    await applyMigrations(server.url, migrationsDir);
  } catch (error) {
    await server?.stop();
    await teardownDir();
    throw error;
  }
  const running = server;
  return {
    url: running.url,
    serverUrl: withDatabase(running.url, 'postgres'),
    source: 'embedded',
    teardown: async () => {
      await running.stop();
      await teardownDir();
    },
  };
}
