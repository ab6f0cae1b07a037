#!/usr/bin/env node
/**
 * `npm run db:new-migration -- <name>` — writes prisma/migrations/<timestamp>_<name>/
 * (migration.sql + the schema.prisma it was generated from) from the diff between the
 * last migration's schema and prisma/schema.prisma. Needs no database. Prints
 * "no changes" and writes nothing when the schema has not changed.
 */
import path from 'node:path';
import { createMigration } from '../migrate/new-migration';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../paths';

async function main(): Promise<void> {
  const name = process.argv.slice(2).join('_');
  if (!name) {
    console.error('usage: npm run db:new-migration -- <name>   (e.g. add_alert_policies)');
    process.exitCode = 2;
    return;
  }
  const result = await createMigration({ schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR, name });
  if (!result.created) {
    console.log('no changes');
    return;
  }
  console.log(`created ${path.relative(process.cwd(), result.dir) || result.dir}`);
  console.log(result.sql);
}

main().catch((error: unknown) => {
  console.error(`db:new-migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
