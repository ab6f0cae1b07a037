import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diffSchemas } from './engine';
import {
  MIGRATION_LOCK_TOML,
  migrationSlug,
  migrationTimestamp,
  readMigrations,
  type MigrationDirectory,
} from './migrations-dir';

export interface MigrationPaths {
  /** The current schema, e.g. `<repo>/prisma/schema.prisma`. */
  schemaPath: string;
  /** e.g. `<repo>/prisma/migrations`. */
  migrationsDir: string;
}

export type NewMigrationResult =
  | { created: false }
  | { created: true; name: string; dir: string; sql: string };

/**
 * The SQL needed to go from the schema stored with the last migration to the current
 * schema ('' when the migrations are up to date with schema.prisma).
 */
export async function pendingSchemaChanges(paths: MigrationPaths): Promise<string> {
  const migrations = await readMigrations(paths.migrationsDir);
  const schema = await readFile(paths.schemaPath, 'utf8');
  return diffSchemas(lastSchema(migrations), schema);
}

/**
 * Writes `<migrationsDir>/<timestamp>_<name>/{migration.sql,schema.prisma}` from the
 * diff between the last migration's schema and the current schema. Writes nothing and
 * returns `{ created: false }` when there is no change.
 */
export async function createMigration(
  paths: MigrationPaths & { name: string; now?: Date },
): Promise<NewMigrationResult> {
  const slug = migrationSlug(paths.name);
  const migrations = await readMigrations(paths.migrationsDir);
  const schema = await readFile(paths.schemaPath, 'utf8');
  const sql = await diffSchemas(lastSchema(migrations), schema);
  if (sql === '') return { created: false };

  const name = `${nextTimestamp(migrations, paths.now ?? new Date())}_${slug}`;
  const dir = path.join(paths.migrationsDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(path.join(dir, 'schema.prisma'), schema);
  const lockPath = path.join(paths.migrationsDir, 'migration_lock.toml');
  if (!(await exists(lockPath))) await writeFile(lockPath, MIGRATION_LOCK_TOML);
  return { created: true, name, dir, sql };
}

function lastSchema(migrations: MigrationDirectory[]): string | null {
  const last = migrations.at(-1);
  if (!last) return null;
  if (last.schema === null) {
    throw new Error(
      `Migration ${last.name} has no schema.prisma next to its migration.sql, so the next migration ` +
        'cannot be computed as a schema → schema diff. Store the schema it was generated from there.',
    );
  }
  return last.schema;
}

/** A timestamp later than every existing migration, so folders always sort in creation order. */
function nextTimestamp(migrations: MigrationDirectory[], now: Date): string {
  const candidate = migrationTimestamp(now);
  const latest = /^\d{14}/.exec(migrations.at(-1)?.name ?? '')?.[0];
  if (latest === undefined || candidate > latest) return candidate;
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(latest) ?? [];
  return migrationTimestamp(new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s! + 1)));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
