/** Component and unit tests (jsdom). The browser e2e suite has its own config: e2e/jest.config.js. */
const swc = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    target: 'es2022',
    transform: { react: { runtime: 'automatic' } },
  },
  module: { type: 'commonjs' },
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  // Load the packages' CommonJS builds (the "browser" condition points some at ESM).
  testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
  transform: { '^.+\\.(ts|tsx)$': ['@swc/jest', swc] },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/style-stub.js' },
  setupFilesAfterEnv: ['<rootDir>/src/test/setup-tests.ts'],
};
