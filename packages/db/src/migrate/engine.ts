/**
 * Prisma's WASM schema engine (`@prisma/schema-engine-wasm`), driven directly.
 *
 * The Prisma CLI needs a native schema-engine binary for `migrate diff/deploy`, which
 * cannot be downloaded here. The WASM build of the same engine works through a driver
 * adapter (`@prisma/adapter-pg`) for what we need:
 *  - `diff` between two schema texts (no database involved), and
 *  - `applyMigrations`, which is exactly `prisma migrate deploy` (same `_prisma_migrations`
 *    bookkeeping and checksums, idempotent).
 * Diffs whose source is a database or a migrations folder do not work with adapter-pg
 * 7.10 (it cannot decode Postgres's internal `"char"` type used by catalog queries), so a
 * new migration is the diff between the schema stored with the last migration and the
 * current schema (see ./migrations.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type * as Bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { migrationChecksum, readMigrations, type MigrationDirectory } from './migrations-dir';

type BgModule = typeof Bg;
type SchemaEngine = Bg.SchemaEngine;

/**
 * Native `import()` of an ES module from CommonJS. Written through `new Function` so
 * that `tsc` (module: commonjs) and swc do not rewrite it into `require()`, which cannot
 * load these ESM-only packages. Under jest this needs `--experimental-vm-modules`, and
 * the source must differ per evaluation of this module: V8 caches Function code by its
 * source together with the importing context, and jest gives each test file its own.
 */
export const importEsm = new Function(
  'specifier',
  `return import(specifier); // ${Date.now()}-${Math.random()}`,
) as <T>(specifier: string) => Promise<T>;

/** Error raised by the schema engine (a failed migration, an invalid schema, a panic). */
export class SchemaEngineError extends Error {
  override readonly name = 'SchemaEngineError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isSchemaEngineError(error: unknown): error is SchemaEngineError {
  return error instanceof Error && error.name === 'SchemaEngineError';
}

const EMPTY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

// Node has WebAssembly; TypeScript only types it in lib.dom.
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let bgModule: Promise<BgModule> | undefined;
let lastPanic: string | undefined;

/** Loads and instantiates the engine's WebAssembly once per process (or jest module registry). */
function loadEngineModule(): Promise<BgModule> {
  bgModule ??= (async () => {
    const packageEntry = require.resolve('@prisma/schema-engine-wasm');
    const bgPath = path.join(path.dirname(packageEntry), 'schema_engine_bg.js');
    const bg = await importEsm<BgModule>(pathToFileURL(bgPath).href);
    const bytes = await readFile(path.join(path.dirname(packageEntry), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(bg) });
    bg.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === 'function') start();
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    return bg;
  })();
  bgModule.catch(() => {
    bgModule = undefined;
  });
  return bgModule;
}

/**
 * The engine's timeouts (e.g. 10 s around its advisory lock) are plain `setTimeout`s
 * that are never cleared, which kept a CLI alive for 10 s after its work was done.
 * Unref them: pending database I/O still keeps the process alive while it matters.
 */
function withUnrefTimers(bg: BgModule): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bg };
  for (const [name, value] of Object.entries(bg)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

/**
 * Wraps a PrismaPg factory so every pool it opens is closed when we are done: the
 * engine does not dispose its adapters on `free()`.
 */
function trackedPgFactory(connectionString: string) {
  const inner = new PrismaPg({ connectionString });
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  return {
    factory,
    async disposeAll() {
      const adapters = opened.splice(0);
      await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
    },
  };
}

/**
 * A schema → schema diff needs no database, but `SchemaEngine.new` always probes its
 * connection once (`SELECT EXISTS(<schema "public">), version(), server_version_num`).
 * This adapter answers that probe as a PostgreSQL 15 server (the oldest we target:
 * Debian's CI server) and fails loudly on anything else, so a diff can never read or
 * change a real database.
 */
function offlineDiffFactory(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = (what: string) => () =>
    Promise.reject(new Error(`offline schema diff: the engine tried to ${what}; diffs must not need a database`));
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    adapterName: 'spfwatch-offline-diff',
    async queryRaw(query: SqlQuery) {
      if (/\bversion\(\)/.test(query.sql) && query.sql.includes('server_version_num')) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, 'PostgreSQL 15.0 (spfwatch offline diff)', 150000]],
        };
      }
      return refuse(`query ${JSON.stringify(query.sql.slice(0, 80))}`)();
    },
    executeRaw: refuse('execute SQL'),
    executeScript: refuse('execute a script'),
    startTransaction: refuse('start a transaction'),
    dispose: () => Promise.resolve(),
  };
  return {
    provider: 'postgres',
    adapterName: 'spfwatch-offline-diff',
    connect: () => Promise.resolve(adapter),
    connectToShadowDb: refuse('open a shadow database'),
  };
}

let engineRuns = 0;

/** How many times this process (or jest module registry) ran the schema engine: diagnostics and tests. */
export function schemaEngineRuns(): number {
  return engineRuns;
}

async function withEngine<T>(
  schemaText: string,
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  engineRuns++;
  const bg = await loadEngineModule();
  const log = (message: string) => {
    if (process.env.SPFWATCH_DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${message}\n`);
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', schemaText]] }, log, bound);
    return await run(engine);
  } catch (error) {
    throw toEngineError(error, bound.errorRegistry);
  } finally {
    engine?.free();
  }
}

/**
 * Errors thrown by the adapter reach us as "External error id#N"; the details sit in the
 * bound factory's error registry.
 */
function toEngineError(error: unknown, registry: ErrorRegistry): SchemaEngineError {
  if (isSchemaEngineError(error)) return error;
  const panic = lastPanic;
  lastPanic = undefined;
  let message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String((error as { message: unknown }).message)
        : String(error);
  const external = /External error id#(\d+)/.exec(message);
  const record = external ? registry.consumeError(Number(external[1])) : undefined;
  if (record) message = `${message}: ${describeAdapterError(record.error)}`;
  if (panic) message = `${message} (engine panic: ${panic})`;
  return new SchemaEngineError(message, { cause: error });
}

function describeAdapterError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause && typeof cause === 'object' ? `${error.message} ${JSON.stringify(cause)}` : error.message;
  }
  return JSON.stringify(error);
}

/** True when a diff script contains no SQL statement (only comments/whitespace). */
export function isEmptyMigrationSql(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}

/**
 * The SQL that migrates a database from schema `from` (null = empty database) to schema
 * `to`: the same script `prisma migrate diff --script` prints. Returns '' when there is
 * nothing to do. Needs no database.
 */
export async function diffSchemas(from: string | null, to: string): Promise<string> {
  const target = (text: string) => ({
    tag: 'schemaDatamodel' as const,
    files: [{ path: 'schema.prisma', content: text }],
  });
  const result = await withEngine(to, offlineDiffFactory(), (engine) =>
    engine.diff({
      from: from === null ? { tag: 'empty' } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    }),
  );
  const sql = result.stdout ?? '';
  return isEmptyMigrationSql(sql) ? '' : sql;
}

export interface ApplyMigrationsResult {
  /** Names of the migrations applied by this call, in order (empty when up to date). */
  applied: string[];
  /** All migrations found in the folder, in order. */
  all: string[];
}

/**
 * Applies every migration of `migrationsDir` not yet recorded in the database's
 * `_prisma_migrations` table, in order — what `prisma migrate deploy` does. Idempotent.
 */
export async function applyMigrations(
  connectionString: string,
  migrationsDir: string,
): Promise<ApplyMigrationsResult> {
  const migrations = await readMigrations(migrationsDir);
  if (await allRecordedAsApplied(connectionString, migrations)) return { applied: [], all: migrations.map((m) => m.name) };
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  const pg = trackedPgFactory(connectionString);
  try {
    const output = await withEngine(EMPTY_SCHEMA, pg.factory, (engine) =>
      engine.applyMigrations({
        migrationsList: toMigrationList(migrationsDir, lockContent, migrations),
        filters: NO_FILTERS,
      }),
    );
    return { applied: output.appliedMigrationNames, all: migrations.map((m) => m.name) };
  } finally {
    await pg.disposeAll();
  }
}

/**
 * True when `_prisma_migrations` records exactly these migrations, each finished, not rolled
 * back and with the same checksum: then there is nothing to apply and the schema engine is
 * never loaded. Every process applies migrations at start, and instantiating the engine's
 * WebAssembly only to learn that costs ~15 MB resident for the life of the process (V8 does not
 * give the pages back) and a few hundred milliseconds. Anything else — no table yet, a pending,
 * failed, unfinished (another process is migrating) or unknown migration, a changed file —
 * goes to the engine, which handles it as `prisma migrate deploy` does.
 */
async function allRecordedAsApplied(connectionString: string, migrations: readonly MigrationDirectory[]): Promise<boolean> {
  if (migrations.length === 0) return false;
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    // Rolled-back rows are history (the migration was resolved and re-applied, or will be).
    const { rows } = await client.query<{ migration_name: string; checksum: string; done: boolean }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS done FROM _prisma_migrations WHERE rolled_back_at IS NULL`,
    );
    if (rows.length !== migrations.length) return false;
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    return migrations.every((m) => {
      const row = recorded.get(m.name);
      return row !== undefined && row.done && row.checksum === migrationChecksum(m.sql);
    });
  } catch {
    // No table yet (a new database), or the database is unreachable: the engine reports it.
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function toMigrationList(baseDir: string, lockContent: string | null, migrations: MigrationDirectory[]) {
  return {
    baseDir,
    shadowDbInitScript: '',
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: migration.sql },
      },
    })),
  };
}
