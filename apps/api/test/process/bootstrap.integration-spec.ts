import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bootstrap, type RunningApp } from '../../src/main';

/** bootstrap() as `npm start` runs it: no DATABASE_URL, so an embedded Postgres in a fresh data folder. */
describe('bootstrap() with embedded Postgres', () => {
  let dir: string;
  let running: RunningApp | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spfwatch-boot-'));
    // Postgres may run as the `postgres` user (when tests run as root).
    await chmod(dir, 0o755);
  });
  afterAll(async () => {
    await running?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('initialises, migrates, serves /ready, then shuts everything down', async () => {
    const dataDir = path.join(dir, 'pg');
    const started = Date.now();
    running = await bootstrap({
      env: { PORT: '0', SPFWATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', DNS_SERVERS: '127.0.0.1:1' },
    });
    const bootMs = Date.now() - started;
    expect(running.database.source).toBe('embedded');
    expect(running.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);

    const ready = await fetch(`${running.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
    // First run: nobody can read anything yet, and setup (the token is in the log) is offered.
    expect((await fetch(`${running.url}/api/organization`)).status).toBe(401);
    expect(await (await fetch(`${running.url}/api/setup`)).json()).toEqual({ needed: true });

    const dbPort = Number(new URL(running.database.url).port);
    const httpPort = Number(new URL(running.url).port);
    const closing = Date.now();
    await running.close();
    const closeMs = Date.now() - closing;
    running = undefined;

    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(await accepts(httpPort)).toBe(false);
    expect(await accepts(dbPort)).toBe(false);
    expect(bootMs).toBeLessThan(15_000);
    expect(closeMs).toBeLessThan(5_000);
  });
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
