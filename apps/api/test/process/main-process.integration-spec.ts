import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real entry point, as `npm start` and the Docker image run it. Needs the build
 * (turbo's test task depends on it: apps/api/turbo.json).
 */
const MAIN = path.resolve(__dirname, '../../dist/main.js');

describe('node dist/main.js', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build -w @spfwatch/api\` first`);
  });

  it('refuses to start with a bad environment: exit code 1 and one line per bad variable', () => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, PORT: 'eighty', CHECK_SCHEDULE: '99 * * * *', SPFWATCH_ROLE: 'boss', DNS_SERVERS: '127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid environment: fix these variables and start again.');
    expect(result.stderr).toContain('  - PORT: must be an integer from 0 to 65535 (got "eighty")');
    expect(result.stderr).toContain('  - CHECK_SCHEDULE: must be a cron expression');
    expect(result.stderr).toContain('  - SPFWATCH_ROLE: must be one of all, api, worker (got "boss")');
    // Nothing was started: it fails before touching a database.
    expect(result.stderr).not.toContain('Postgres');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('exits 1 with the reason when the database cannot be reached', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: 'postgresql://nobody:x@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('spfwatch failed to start');
    expect(result.stderr).toContain("Can't reach database server at `127.0.0.1:1`");
    expect(result.stderr).not.toContain('nobody:x');
  });
});
