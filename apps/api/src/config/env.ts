/**
 * The process environment, validated once at boot. Every variable has a default except
 * DATABASE_URL (unset = embedded Postgres). `loadEnv()` throws an `EnvValidationError`
 * whose message lists each bad variable, so the process can refuse to start with it.
 */
import { parseDnsServers } from '@spfwatch/spf';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';

export const SPFWATCH_ROLES = ['all', 'api', 'worker'] as const;
export type SpfwatchRole = (typeof SPFWATCH_ROLES)[number];

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'text'] as const;
export type LogFormatSetting = (typeof LOG_FORMATS)[number];
export type LogFormat = Exclude<LogFormatSetting, 'auto'>;

/** auto: JSON lines in production (NODE_ENV=production, as in the Docker image), text in a developer's terminal. */
export function resolveLogFormat(setting: LogFormatSetting, nodeEnv: string | undefined): LogFormat {
  return setting === 'auto' ? (nodeEnv === 'production' ? 'json' : 'text') : setting;
}

const BODY_LIMIT_PATTERN = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;
const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `1mb` → 1048576 (the units express's body parsers accept: b, kb, mb, gb; 1024-based). */
export function parseByteSize(value: string): number | undefined {
  const match = BODY_LIMIT_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const unit = BYTE_UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1;
  return Math.floor(Number(match[1]) * unit);
}

function integer(defaultValue: number, min: number, max: number) {
  return z
    .string()
    .default(String(defaultValue))
    .refine((value) => /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max, {
      message: `must be an integer from ${min} to ${max}`,
    })
    .transform(Number);
}

function boolean(defaultValue: boolean) {
  return z
    .string()
    .default(String(defaultValue))
    .refine((value) => ['true', 'false', '1', '0'].includes(value.trim().toLowerCase()), {
      message: 'must be true or false',
    })
    .transform((value) => ['true', '1'].includes(value.trim().toLowerCase()));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z
    .string()
    .default(defaultValue)
    .transform((value) => value.trim().toLowerCase())
    .refine((value): value is T[number] => (values as readonly string[]).includes(value), {
      message: `must be one of ${values.join(', ')}`,
    })
    .transform((value) => value as T[number]);
}

function commaList() {
  return z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );
}

export const envSchema = z.object({
  PORT: integer(3000, 0, 65535),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^postgres(ql)?:\/\/\S+$/.test(value), {
      message: 'must be a postgres:// or postgresql:// URL (unset = embedded Postgres)',
    }),
  SPFWATCH_DATA_DIR: z.string().default('.spfwatch/pg'),
  SPFWATCH_ROLE: oneOf(SPFWATCH_ROLES, 'all'),
  CHECK_SCHEDULE: z
    .string()
    .default('0 * * * *')
    .transform((value) => value.trim())
    .refine((value) => isValidCron(value), { message: 'must be a cron expression such as "0 * * * *"' }),
  SCHEDULER_ENABLED: boolean(true),
  WORKER_CONCURRENCY: integer(8, 1, 1000),
  CHECK_JITTER_SECONDS: integer(30, 0, 3600),
  DNS_SERVERS: commaList().superRefine((servers, ctx) => {
    if (servers.length === 0) return;
    try {
      parseDnsServers(servers);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  DNS_TIMEOUT_MS: integer(3000, 1, 60_000),
  DNS_RESOLVER: oneOf(['wire', 'node'] as const, 'wire'),
  CHECKRUN_RETENTION_DAYS: integer(90, 1, 36_500),
  DEFAULT_CHECK_INTERVAL_MINUTES: integer(60, 1, 43_200),
  CORS_ORIGINS: commaList(),
  BODY_LIMIT: z
    .string()
    .default('1mb')
    .transform((value) => value.trim())
    .refine((value) => (parseByteSize(value) ?? 0) > 0, { message: 'must be a size such as 1mb, 512kb or 100000' }),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  /** json: one pino JSON object per line (request and job ids included); text: console lines for a terminal; auto: json when NODE_ENV=production. */
  LOG_FORMAT: oneOf(LOG_FORMATS, 'auto'),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset = open like /health. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= 16, { message: 'must be at least 16 characters (or unset)' }),
  /** Session cookies' Secure flag: auto = set unless the request is plain http to localhost. */
  COOKIE_SECURE: oneOf(['auto', 'true', 'false'] as const, 'auto'),
  /** Demo mode: creates the documented demo account (demo@example.com / demo-password). */
  SPFWATCH_DEMO: boolean(false),
  /**
   * Express "trust proxy": false (default), true, a hop count, or comma-separated addresses/
   * subnets of the reverse proxies whose X-Forwarded-For/-Proto are believed (client IP for
   * login throttling, https for cookies).
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value) => value.trim())
    .refine((value) => /^(true|false|\d+|[0-9a-fA-F.:/,\s]+|loopback|linklocal|uniquelocal)$/.test(value), {
      message: 'must be true, false, a hop count or a comma-separated list of proxy addresses',
    })
    .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value)),
  /** The address users reach spfwatch at (https://spf.example), for invitation links; unset = taken from the request. */
  PUBLIC_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value), { message: 'must be an http(s) URL such as https://spf.example' })
    .transform((value) => value?.replace(/\/+$/, '')),
  /** Outgoing mail for email channels: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset = email channels fail with a clear error. */
  SMTP_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^smtps?:\/\/[^\s/]+\/?(\?\S*)?$/.test(value), { message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example:587' }),
  /** The From header of notification and report mail. */
  SMTP_FROM: z
    .string()
    .default('spfwatch <spfwatch@localhost>')
    .transform((value) => value.trim())
    .refine((value) => /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(value), { message: 'must be an address, optionally with a name: "spfwatch <spf@agency.example>"' }),
  /** false accepts self-signed SMTP certificates (internal relays); keep true otherwise. */
  SMTP_TLS_REJECT_UNAUTHORIZED: boolean(true),
  /** Deadline of one SMTP delivery (connect, greeting, envelope and data). */
  SMTP_TIMEOUT_MS: integer(20_000, 100, 300_000),
  /** Alerts of one check cycle are sent together once no new one came for this long. */
  NOTIFY_SETTLE_SECONDS: integer(30, 0, 3600),
  /** Attempts per notification before it is marked failed (with backoff: about 2 h for 10). */
  NOTIFY_MAX_ATTEMPTS: integer(10, 1, 100),
  /** First retry delay; each next one doubles, up to NOTIFY_RETRY_MAX_SECONDS. */
  NOTIFY_RETRY_BASE_SECONDS: integer(30, 1, 86_400),
  NOTIFY_RETRY_MAX_SECONDS: integer(1800, 1, 86_400),
  /** How long a worker owns a delivery it started; a crashed worker's delivery is taken over after it. */
  NOTIFY_LEASE_SECONDS: integer(120, 2, 3600),
});

/** The validated environment (numbers, booleans and lists already parsed). */
export type Env = z.infer<typeof envSchema>;
/** What a caller may pass to override the environment (raw strings, as in process.env). */
export type RawEnv = Partial<Record<keyof Env, string>>;

export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

/** Variables whose value may hold a password: never repeated in error messages. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['DATABASE_URL', 'SMTP_URL', 'METRICS_TOKEN']);

export class EnvValidationError extends Error {
  override readonly name = 'EnvValidationError' as const;
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      [
        'Invalid environment: fix these variables and start again.',
        ...problems.map((problem) => `  - ${problem.variable}: ${problem.message}`),
      ].join('\n'),
    );
  }
}

export function isEnvValidationError(error: unknown): error is EnvValidationError {
  return error instanceof Error && error.name === 'EnvValidationError';
}

/**
 * Validates the variables spfwatch reads from `source` (default `process.env`). Empty
 * strings count as unset, so `FOO=` in a compose file means "use the default".
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const input: Record<string, string> = {};
  for (const name of ENV_VARIABLES) {
    const value = source[name];
    if (value !== undefined && value.trim() !== '') input[name] = value;
  }
  const result = envSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const got = input[variable];
    // URLs with credentials are not echoed.
    const shown = got === undefined || SECRET_VARIABLES.has(variable) ? undefined : got;
    return { variable, message: shown === undefined ? issue.message : `${issue.message} (got ${JSON.stringify(shown)})` };
  });
  throw new EnvValidationError(problems);
}
