import { pathToFileURL } from 'node:url';
import type { ConstructorOptions, PgBoss } from 'pg-boss';
import { importEsm } from './migrate/engine';

export type { PgBoss } from 'pg-boss';

export interface CreateQueueOptions extends Omit<ConstructorOptions, 'connectionString' | 'db'> {
  /** pg-boss emits 'error' for background failures; without a listener Node would crash. Default: console.error. */
  onError?: (error: Error) => void;
}

/**
 * A started pg-boss (`pg-boss@12`, ESM-only, loaded with a native import) on the given
 * database, in its own `pgboss` schema (created and migrated by pg-boss itself on start,
 * so it is not part of the Prisma migrations). Call `stop()` when done.
 */
export async function createQueue(connectionString: string, options: CreateQueueOptions = {}): Promise<PgBoss> {
  const { onError = (error: Error) => console.error('[pg-boss]', error), ...rest } = options;
  const { PgBoss } = await importEsm<typeof import('pg-boss')>(pathToFileURL(require.resolve('pg-boss')).href);
  const boss = new PgBoss({ schema: 'pgboss', ...rest, connectionString });
  boss.on('error', onError);
  await boss.start();
  return boss;
}
