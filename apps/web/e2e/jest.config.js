/**
 * Browser end-to-end tests: Debian's Chromium (playwright-core) against the real API
 * (`node apps/api/dist/main.js`) on the test database of @spfwatch/db's global setup and a DNS
 * fixture on 127.0.0.1. Needs the builds of web, api, db and dns-fixture (turbo's web#test does it)
 * and NODE_OPTIONS=--experimental-vm-modules (see the test:e2e script).
 */
const swc = {
  swcrc: false,
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: require.resolve('@spfwatch/db/jest-global-setup'),
  globalTeardown: require.resolve('@spfwatch/db/jest-global-teardown'),
  testTimeout: 180_000,
  maxWorkers: 1,
};
