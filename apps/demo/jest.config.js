// Unit tests of the demo's data (src, *.spec.ts) and the browser e2e of the whole demo
// (test, *.e2e-spec.ts: the built demo as a subprocess, Debian's Chromium via playwright-core).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
