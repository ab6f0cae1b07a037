import { type Env, loadEnv, type LogLevel } from '../../src/config/env';

/**
 * The env tests start from: the global setup's DATABASE_URL, role all, scheduler off,
 * DNS on 127.0.0.1:1 (nothing answers: a test that forgets its fixture fails fast instead of
 * querying the internet), no jitter, quiet logs (SPFWATCH_TEST_LOG_LEVEL=debug to see them).
 */
export function testEnv(overrides: Partial<Env> = {}): Env {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run jest with the @spfwatch/db global setup (apps/api/jest.config.js)');
  const base = loadEnv({
    DATABASE_URL: url,
    PORT: '0',
    SPFWATCH_ROLE: 'all',
    SCHEDULER_ENABLED: 'false',
    DNS_SERVERS: '127.0.0.1:1',
    DNS_TIMEOUT_MS: '1000',
    CHECK_JITTER_SECONDS: '0',
    LOG_LEVEL: (process.env.SPFWATCH_TEST_LOG_LEVEL as LogLevel | undefined) ?? 'silent',
  });
  return { ...base, ...overrides };
}
