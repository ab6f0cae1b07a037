export * from './generated/prisma/client';
export { createPrismaClient } from './client';
export { alertPolicyScopeKey, openAlertKey } from './keys';
export {
  DEFAULT_DATA_DIR,
  DEFAULT_DATABASE,
  DEFAULT_PORT,
  EmbeddedDatabaseError,
  isEmbeddedDatabaseError,
  startDatabase,
  type RunningDatabase,
  type StartDatabaseOptions,
} from './embedded';
export {
  applyMigrations,
  diffSchemas,
  isSchemaEngineError,
  SchemaEngineError,
  type ApplyMigrationsResult,
} from './migrate/engine';
export { migrationChecksum, readMigrations, type MigrationDirectory } from './migrate/migrations-dir';
export {
  createMigration,
  pendingSchemaChanges,
  type MigrationPaths,
  type NewMigrationResult,
} from './migrate/new-migration';
export { MIGRATIONS_DIR, PRISMA_DIR, SCHEMA_PATH } from './paths';
export { createQueue, type CreateQueueOptions, type PgBoss } from './queue';
