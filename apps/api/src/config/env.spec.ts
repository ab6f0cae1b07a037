import { EnvValidationError, isEnvValidationError, loadEnv, parseByteSize, resolveLogFormat } from './env';

function problemsOf(source: NodeJS.ProcessEnv): string {
  try {
    loadEnv(source);
  } catch (error) {
    if (isEnvValidationError(error)) return error.message;
    throw error;
  }
  throw new Error('expected loadEnv to throw');
}

describe('loadEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadEnv({})).toEqual({
      PORT: 3000,
      SPFWATCH_DATA_DIR: '.spfwatch/pg',
      SPFWATCH_ROLE: 'all',
      CHECK_SCHEDULE: '0 * * * *',
      SCHEDULER_ENABLED: true,
      WORKER_CONCURRENCY: 8,
      CHECK_JITTER_SECONDS: 30,
      DNS_SERVERS: [],
      DNS_TIMEOUT_MS: 3000,
      DNS_RESOLVER: 'wire',
      CHECKRUN_RETENTION_DAYS: 90,
      DEFAULT_CHECK_INTERVAL_MINUTES: 60,
      CORS_ORIGINS: [],
      BODY_LIMIT: '1mb',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'auto',
      COOKIE_SECURE: 'auto',
      SPFWATCH_DEMO: false,
      TRUST_PROXY: false,
      SMTP_FROM: 'spfwatch <spfwatch@localhost>',
      SMTP_TLS_REJECT_UNAUTHORIZED: true,
      SMTP_TIMEOUT_MS: 20_000,
      NOTIFY_SETTLE_SECONDS: 30,
      NOTIFY_MAX_ATTEMPTS: 10,
      NOTIFY_RETRY_BASE_SECONDS: 30,
      NOTIFY_RETRY_MAX_SECONDS: 1800,
      NOTIFY_LEASE_SECONDS: 120,
    });
  });

  it('reads the mail and delivery settings, and never repeats an SMTP URL it refuses', () => {
    expect(
      loadEnv({ SMTP_URL: 'smtps://user:secret@mail.example:465', SMTP_FROM: ' SPF watch <spf@agency.example> ', SMTP_TLS_REJECT_UNAUTHORIZED: 'false', NOTIFY_SETTLE_SECONDS: '0', NOTIFY_MAX_ATTEMPTS: '3' }),
    ).toMatchObject({ SMTP_URL: 'smtps://user:secret@mail.example:465', SMTP_FROM: 'SPF watch <spf@agency.example>', SMTP_TLS_REJECT_UNAUTHORIZED: false, NOTIFY_SETTLE_SECONDS: 0, NOTIFY_MAX_ATTEMPTS: 3 });
    const message = problemsOf({ SMTP_URL: 'http://user:hunter2@mail.example', SMTP_FROM: 'not an address', NOTIFY_MAX_ATTEMPTS: '0' });
    expect(message).toContain('SMTP_URL: must be an smtp:// or smtps:// URL');
    expect(message).not.toContain('hunter2');
    expect(message).toContain('SMTP_FROM: must be an address');
    expect(message).toContain('NOTIFY_MAX_ATTEMPTS: must be an integer from 1 to 100 (got "0")');
  });

  it('reads the observability settings, and never repeats a metrics token it refuses', () => {
    expect(loadEnv({ LOG_FORMAT: 'text', METRICS_TOKEN: 'a-long-scrape-token-1234' })).toMatchObject({ LOG_FORMAT: 'text', METRICS_TOKEN: 'a-long-scrape-token-1234' });
    const message = problemsOf({ LOG_FORMAT: 'xml', METRICS_TOKEN: 'short-secret' });
    expect(message).toContain('LOG_FORMAT: must be one of auto, json, text (got "xml")');
    expect(message).toContain('METRICS_TOKEN: must be at least 16 characters (or unset)');
    expect(message).not.toContain('short-secret');
    expect([resolveLogFormat('auto', 'production'), resolveLogFormat('auto', undefined), resolveLogFormat('json', 'development'), resolveLogFormat('text', 'production')]).toEqual(['json', 'text', 'json', 'text']);
  });

  it('reads the accounts settings', () => {
    expect(loadEnv({ COOKIE_SECURE: 'true', SPFWATCH_DEMO: 'true', TRUST_PROXY: '1', PUBLIC_URL: 'https://spf.example/' })).toMatchObject({
      COOKIE_SECURE: 'true',
      SPFWATCH_DEMO: true,
      TRUST_PROXY: 1,
      PUBLIC_URL: 'https://spf.example',
    });
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(problemsOf({ COOKIE_SECURE: 'maybe' })).toContain('COOKIE_SECURE: must be one of auto, true, false');
    expect(problemsOf({ PUBLIC_URL: 'spf.example' })).toContain('PUBLIC_URL');
    expect(problemsOf({ TRUST_PROXY: 'everyone!' })).toContain('TRUST_PROXY');
  });

  it('parses numbers, booleans, lists and enums', () => {
    const env = loadEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/spfwatch',
      SPFWATCH_ROLE: 'Worker',
      CHECK_SCHEDULE: '*/15 * * * *',
      SCHEDULER_ENABLED: 'false',
      WORKER_CONCURRENCY: '32',
      DNS_SERVERS: '127.0.0.1:5353, [::1]:53',
      DNS_RESOLVER: 'node',
      CORS_ORIGINS: 'http://localhost:5173,https://spf.example',
      BODY_LIMIT: '512kb',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/spfwatch',
      SPFWATCH_ROLE: 'worker',
      CHECK_SCHEDULE: '*/15 * * * *',
      SCHEDULER_ENABLED: false,
      WORKER_CONCURRENCY: 32,
      DNS_SERVERS: ['127.0.0.1:5353', '[::1]:53'],
      DNS_RESOLVER: 'node',
      CORS_ORIGINS: ['http://localhost:5173', 'https://spf.example'],
      BODY_LIMIT: '512kb',
      LOG_LEVEL: 'debug',
    });
  });

  it('treats empty values as unset (FOO= in a compose file)', () => {
    expect(loadEnv({ PORT: '', DATABASE_URL: '', SPFWATCH_ROLE: ' ' })).toMatchObject({ PORT: 3000, SPFWATCH_ROLE: 'all' });
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names a bad PORT with what it got', () => {
    const message = problemsOf({ PORT: 'eighty' });
    expect(message).toContain('Invalid environment');
    expect(message).toContain('PORT: must be an integer from 0 to 65535 (got "eighty")');
    expect(problemsOf({ PORT: '70000' })).toContain('PORT');
    expect(problemsOf({ PORT: '-1' })).toContain('PORT');
  });

  it('rejects a cron expression node-cron cannot schedule', () => {
    expect(problemsOf({ CHECK_SCHEDULE: '61 * * * *' })).toContain('CHECK_SCHEDULE: must be a cron expression such as "0 * * * *" (got "61 * * * *")');
    expect(problemsOf({ CHECK_SCHEDULE: 'hourly' })).toContain('CHECK_SCHEDULE');
  });

  it('rejects an unknown role', () => {
    expect(problemsOf({ SPFWATCH_ROLE: 'scheduler' })).toContain('SPFWATCH_ROLE: must be one of all, api, worker (got "scheduler")');
  });

  it('lists every bad variable at once, one per line', () => {
    const message = problemsOf({ PORT: 'x', SPFWATCH_ROLE: 'boss', CHECK_SCHEDULE: 'never', SCHEDULER_ENABLED: 'maybe' });
    const lines = message.split('\n').slice(1);
    expect(lines.map((line) => line.trim().split(':')[0])).toEqual(['- PORT', '- SPFWATCH_ROLE', '- CHECK_SCHEDULE', '- SCHEDULER_ENABLED']);
  });

  it('checks DNS servers, URLs, sizes, levels and ranges', () => {
    expect(problemsOf({ DNS_SERVERS: 'dns.google' })).toContain('DNS_SERVERS');
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    expect(problemsOf({ BODY_LIMIT: 'lots' })).toContain('BODY_LIMIT');
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL: must be one of silent, fatal, error, warn, info, debug, verbose');
    expect(problemsOf({ WORKER_CONCURRENCY: '0' })).toContain('WORKER_CONCURRENCY');
    expect(problemsOf({ DNS_RESOLVER: 'bind' })).toContain('DNS_RESOLVER');
  });

  it('throws an EnvValidationError carrying the problems', () => {
    expect(() => loadEnv({ PORT: 'x' })).toThrow(EnvValidationError);
    try {
      loadEnv({ PORT: 'x' });
    } catch (error) {
      expect((error as EnvValidationError).problems).toEqual([{ variable: 'PORT', message: 'must be an integer from 0 to 65535 (got "x")' }]);
    }
  });
});

describe('parseByteSize', () => {
  it('reads the units express accepts', () => {
    expect(parseByteSize('1mb')).toBe(1048576);
    expect(parseByteSize('512KB')).toBe(524288);
    expect(parseByteSize('100')).toBe(100);
    expect(parseByteSize('1.5kb')).toBe(1536);
    expect(parseByteSize('1 tb')).toBeUndefined();
  });
});
