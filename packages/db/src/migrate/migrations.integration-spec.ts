import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../paths';
import { createDatabase, type CreatedDatabase } from '../testing';
import { applyMigrations, diffSchemas, isSchemaEngineError, schemaEngineRuns } from './engine';
import { migrationChecksum, readMigrations } from './migrations-dir';
import { createMigration, pendingSchemaChanges } from './new-migration';

const serverUrl = () => {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is set by src/test/global-setup.mjs');
  return url;
};

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Everything in schema "public" that a migration defines, as comparable text. */
async function describeSchema(url: string) {
  const exclude = ['_prisma_migrations'];
  const columns = await query(
    url,
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
            character_maximum_length, numeric_precision, datetime_precision
       FROM information_schema.columns
      WHERE table_schema = 'public' AND NOT (table_name = ANY($1))
      ORDER BY table_name, column_name`,
    [exclude],
  );
  const indexes = await query(
    url,
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND NOT (tablename = ANY($1))
      ORDER BY tablename, indexname`,
    [exclude],
  );
  const constraints = await query(
    url,
    `SELECT cl.relname AS table_name, co.conname, co.contype::text, pg_get_constraintdef(co.oid) AS definition
       FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE n.nspname = 'public' AND NOT (cl.relname = ANY($1))
      ORDER BY cl.relname, co.conname`,
    [exclude],
  );
  const enums = await query(
    url,
    `SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public'
      GROUP BY t.typname ORDER BY t.typname`,
  );
  return { columns, indexes, constraints, enums };
}

describe('migrations (prisma/migrations)', () => {
  const databases: CreatedDatabase[] = [];
  const freshDatabase = async () => {
    const db = await createDatabase(serverUrl());
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('are up to date with schema.prisma (no drift between the last migration and the schema)', async () => {
    const sql = await pendingSchemaChanges({ schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR });
    // If this fails: run `npm run db:new-migration -- <name>` and commit the new folder.
    expect(sql).toBe('');
  });

  it('store the schema they were generated from, and each is the diff from the previous one', async () => {
    const migrations = await readMigrations(MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);
    let previous: string | null = null;
    for (const migration of migrations) {
      expect(migration.schema).not.toBeNull();
      expect(await diffSchemas(previous, migration.schema!)).toBe(migration.sql);
      previous = migration.schema;
    }
  });

  it('applied in order to an empty database give the same schema as diff(empty → schema.prisma)', async () => {
    const [viaMigrations, viaDiff] = await Promise.all([freshDatabase(), freshDatabase()]);
    await applyMigrations(viaMigrations.url, MIGRATIONS_DIR);
    const sql = await diffSchemas(null, await readFile(SCHEMA_PATH, 'utf8'));
    await query(viaDiff.url, sql);

    const expected = await describeSchema(viaDiff.url);
    expect(expected.columns.length).toBeGreaterThan(50);
    expect(await describeSchema(viaMigrations.url)).toEqual(expected);
  });

  it('apply idempotently and record checksums in _prisma_migrations like prisma migrate deploy', async () => {
    const db = await freshDatabase();
    const migrations = await readMigrations(MIGRATIONS_DIR);
    const names = migrations.map((m) => m.name);

    expect(await applyMigrations(db.url, MIGRATIONS_DIR)).toEqual({ applied: names, all: names });
    expect(await applyMigrations(db.url, MIGRATIONS_DIR)).toEqual({ applied: [], all: names });

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
    }>(
      db.url,
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrationChecksum(migrations[i]!.sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  describe('authoring a new migration (schema → schema, in a copy of the folder)', () => {
    let workDir: string;
    beforeAll(async () => {
      workDir = await mkdtemp(path.join(os.tmpdir(), 'spfwatch-migrations-'));
      await cp(MIGRATIONS_DIR, path.join(workDir, 'migrations'), { recursive: true });
    });
    afterAll(() => rm(workDir, { recursive: true, force: true }));

    it('writes nothing when schema.prisma has not changed', async () => {
      const before = await readMigrations(path.join(workDir, 'migrations'));
      const result = await createMigration({
        schemaPath: SCHEMA_PATH,
        migrationsDir: path.join(workDir, 'migrations'),
        name: 'nothing',
      });
      expect(result).toEqual({ created: false });
      expect(await readMigrations(path.join(workDir, 'migrations'))).toEqual(before);
    });

    it('writes the next folder from the diff, which then applies on top of the others', async () => {
      const schemaPath = path.join(workDir, 'schema.prisma');
      const schema = await readFile(SCHEMA_PATH, 'utf8');
      const changed = schema.replace(
        '  notes          String?\n',
        '  notes          String?\n  website        String? @map("website")\n',
      );
      expect(changed).not.toBe(schema);
      await writeFile(schemaPath, changed);
      const migrationsDir = path.join(workDir, 'migrations');
      const existing = await readMigrations(migrationsDir);

      const result = await createMigration({ schemaPath, migrationsDir, name: 'Add client website', now: new Date(0) });
      if (!result.created) throw new Error('expected a migration');
      expect(result.name).toMatch(/^\d{14}_add_client_website$/);
      expect(result.name > existing.at(-1)!.name).toBe(true); // sorts last even with a clock behind
      expect(result.sql).toContain('ALTER TABLE "clients" ADD COLUMN     "website" TEXT;');
      const written = (await readMigrations(migrationsDir)).at(-1)!;
      expect(written).toEqual({ name: result.name, sql: result.sql, schema: changed });

      expect(await createMigration({ schemaPath, migrationsDir, name: 'again' })).toEqual({ created: false });

      const db = await freshDatabase();
      const applied = await applyMigrations(db.url, migrationsDir);
      expect(applied.applied.at(-1)).toBe(result.name);
      const columns = await query(
        db.url,
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'clients' AND column_name = 'website'",
      );
      expect(columns).toHaveLength(1);
    });
  });

  it('leave the schema engine unloaded when every migration is recorded as applied, and hand anything else to it', async () => {
    const db = await freshDatabase();
    const names = (await readMigrations(MIGRATIONS_DIR)).map((m) => m.name);
    await applyMigrations(db.url, MIGRATIONS_DIR);

    let runs = schemaEngineRuns();
    expect(await applyMigrations(db.url, MIGRATIONS_DIR)).toEqual({ applied: [], all: names });
    expect(schemaEngineRuns()).toBe(runs);

    // A migration file changed after it was applied: the engine decides (deploy leaves it be).
    await query(db.url, `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [names[0]]);
    expect(await applyMigrations(db.url, MIGRATIONS_DIR)).toEqual({ applied: [], all: names });
    expect(schemaEngineRuns()).toBe(runs + 1);
    await query(db.url, `UPDATE _prisma_migrations SET checksum = $2 WHERE migration_name = $1`, [
      names[0],
      migrationChecksum((await readMigrations(MIGRATIONS_DIR))[0]!.sql),
    ]);

    // A failed migration recorded (finished_at unset): the engine refuses, as migrate deploy does.
    runs = schemaEngineRuns();
    await query(db.url, `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1`, [names.at(-1)]);
    const error = await applyMigrations(db.url, MIGRATIONS_DIR).then(
      () => null,
      (e: unknown) => e,
    );
    expect(schemaEngineRuns()).toBe(runs + 1);
    expect(isSchemaEngineError(error)).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(names.at(-1)!));
  });

  it('reports a failing migration as a SchemaEngineError carrying the database error', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'spfwatch-bad-migration-'));
    try {
      await cp(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'));
      await cp(path.join(MIGRATIONS_DIR, (await readMigrations(MIGRATIONS_DIR))[0]!.name), path.join(dir, '0001_ok'), {
        recursive: true,
      });
      await cp(path.join(dir, '0001_ok'), path.join(dir, '0002_bad'), { recursive: true });
      await writeFile(path.join(dir, '0002_bad', 'migration.sql'), 'ALTER TABLE "no_such_table" ADD COLUMN "x" INTEGER;\n');
      const db = await freshDatabase();

      const error = await applyMigrations(db.url, dir).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isSchemaEngineError(error)).toBe(true);
      expect((error as Error).message).toMatch(/0002_bad/);
      expect((error as Error).message).toMatch(/no_such_table/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
