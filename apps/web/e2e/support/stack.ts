import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { startDnsFixture, type DnsFixture, type Zone } from '@spfwatch/dns-fixture';

export const REPO_ROOT = resolve(__dirname, '../../../..');
const API_MAIN = resolve(REPO_ROOT, 'apps/api/dist/main.js');
const WEB_INDEX = resolve(REPO_ROOT, 'apps/web/dist/index.html');

export interface Stack {
  dns: DnsFixture;
  /** http://127.0.0.1:PORT */
  url: string;
  /** The API's output so far (printed when a test fails). */
  logs(): string;
  /** The one-time setup token the API printed at start (no owner yet), as an operator reads it. */
  setupToken(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitForReady(url: string, child: ChildProcess, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The API exited with code ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The API was not ready after ${timeoutMs} ms:\n${logs()}`);
}

export interface StackOptions {
  /** More environment for the API (SMTP_URL, NOTIFY_* …). */
  env?: Record<string, string>;
  /** Another database than the global setup's (a test file that needs its own first run). */
  databaseUrl?: string;
}

/**
 * The production stack, as `npm start` runs it: `node apps/api/dist/main.js` serving the built web
 * app at `/`, on the test database (DATABASE_URL from the db global setup, or `databaseUrl`),
 * resolving through a DNS fixture on 127.0.0.1. The scheduler's cron is off: the test starts
 * cycles from the UI.
 */
export async function startStack(zone: Zone, options: StackOptions = {}): Promise<Stack> {
  for (const [file, build] of [
    [API_MAIN, 'npm run build -w @spfwatch/api'],
    [WEB_INDEX, 'npm run build -w @spfwatch/web'],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`${build}\` (turbo's web#test task builds it first)`);
  }
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run through e2e/jest.config.js (its globalSetup creates the database)');
  const dns = await startDnsFixture({ zone, host: '127.0.0.1', port: 0 });
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DNS_SERVERS: dns.address,
      DNS_TIMEOUT_MS: '1000',
      SCHEDULER_ENABLED: 'false',
      CHECK_JITTER_SECONDS: '0',
      WORKER_CONCURRENCY: '4',
      LOG_LEVEL: 'warn',
      // Plain http on loopback: cookies without Secure (docs/accounts.md, COOKIE_SECURE).
      COOKIE_SECURE: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const logs = (): string => output;
  try {
    await waitForReady(url, child, logs);
  } catch (error) {
    child.kill('SIGKILL');
    await dns.stop();
    throw error;
  }
  return {
    dns,
    url,
    logs,
    setupToken: () => {
      // Text logs break the line; JSON logs (NODE_ENV=production) escape the break as \n.
      const match = /one-time setup token:(?:\s|\\n)*([A-Za-z0-9_-]+)/.exec(output);
      if (!match?.[1]) throw new Error(`No setup token in the API's output:\n${output}`);
      return match[1];
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      await dns.stop();
    },
  };
}
