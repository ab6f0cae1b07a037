#!/usr/bin/env node
/**
 * `npm run db:migrate` — applies pending migrations (prisma/migrations) like
 * `prisma migrate deploy`, to DATABASE_URL or, when it is unset, to the embedded
 * Postgres in SPFWATCH_DATA_DIR (default ./.spfwatch/pg, as the app uses; started for the
 * occasion and stopped afterwards).
 */
import { startDatabase } from '../embedded';
import { applyMigrations } from '../migrate/engine';
import { MIGRATIONS_DIR } from '../paths';
import { redactUrl } from './redact';

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = process.env.SPFWATCH_DATA_DIR?.trim();
  const database = await startDatabase(dataDir ? { dataDir } : {});
  try {
    const result = await applyMigrations(database.url, MIGRATIONS_DIR);
    const target = `${redactUrl(database.url)}${database.source === 'env' ? '' : ` (${database.source} Postgres)`}`;
    if (result.applied.length === 0) {
      console.log(`Database ${target} is up to date (${result.all.length} migrations).`);
    } else {
      for (const name of result.applied) console.log(`applied ${name}`);
      console.log(`Applied ${result.applied.length} migration(s) to ${target} in ${Date.now() - started} ms.`);
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
