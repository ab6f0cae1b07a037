import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startDatabase, type RunningDatabase } from './embedded';

const COMPILED = path.resolve(__dirname, '..', 'dist', 'embedded.js');

/** Starts the embedded server from a separate node process (the compiled package), like `db:migrate` would. */
function startInChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const script = `
    const { startDatabase } = require(${JSON.stringify(COMPILED)});
    startDatabase({ dataDir: ${JSON.stringify(dataDir)}, port: 0, useDatabaseUrl: false })
      .then((db) => process.stdout.write(JSON.stringify({ url: db.url }) + '\\n'))
      .catch((error) => { console.error(error); process.exit(1); });
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ child, url: (JSON.parse(out) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before starting the database`)));
  });
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const postmasterPid = async (dataDir: string) =>
  Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('startDatabase', () => {
  let tempDir: string;
  let dataDir: string;
  const cleanup: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'spfwatch-embedded-'));
    await chmod(tempDir, 0o755);
    dataDir = path.join(tempDir, 'pg');
  });
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
    await rm(tempDir, { recursive: true, force: true });
  });

  it('returns DATABASE_URL untouched when it is set', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgresql://u:p@db.example:5432/spfwatch';
    try {
      const db = await startDatabase({ dataDir });
      expect(db).toMatchObject({ url: 'postgresql://u:p@db.example:5432/spfwatch', source: 'env' });
      await db.stop();
      expect(await exists(dataDir)).toBe(false);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it('initialises, shares a live server, and recovers the postmaster a SIGKILLed process left behind', async () => {
    // 1. A separate process initialises the folder and starts the server.
    const first = await startInChild(dataDir);
    cleanup.push(async () => first.child.kill('SIGKILL'));
    expect(await exists(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    await sql(first.url, 'CREATE TABLE marker (note text); INSERT INTO marker VALUES ($$kept$$)');
    expect(await sql(first.url, 'SHOW server_encoding')).toEqual([{ server_encoding: 'UTF8' }]);

    // 2. While it runs, a second process shares it instead of fighting over the folder.
    const shared = await startDatabase({ dataDir, port: 0, useDatabaseUrl: false });
    expect(shared).toMatchObject({ source: 'shared', url: first.url });
    await shared.stop(); // no-op: not ours
    expect(await sql(first.url, 'SELECT note FROM marker')).toEqual([{ note: 'kept' }]);

    // 3. SIGKILL the owner: its postmaster survives, holding postmaster.pid.
    const orphan = await postmasterPid(dataDir);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(isAlive(orphan)).toBe(true);

    // 4. Starting again stops the orphan and starts a fresh server on the same data.
    const again: RunningDatabase = await startDatabase({ dataDir, port: 0, useDatabaseUrl: false });
    cleanup.push(() => again.stop());
    expect(again.source).toBe('embedded');
    expect(isAlive(orphan)).toBe(false);
    expect(await sql(again.url, 'SELECT note FROM marker')).toEqual([{ note: 'kept' }]);

    // 5. stop() shuts it down cleanly.
    await again.stop();
    expect(await exists(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    const stalePid = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.once('exit', () => resolve(child.pid!));
    });
    expect(isAlive(stalePid)).toBe(false);
    await writeFile(path.join(dataDir, 'postmaster.pid'), `${stalePid}\n${dataDir}\n0\n54329\n\n\n\n`);

    const db = await startDatabase({ dataDir, port: 0, useDatabaseUrl: false });
    cleanup.push(() => db.stop());
    expect(db.source).toBe('embedded');
    expect(await sql(db.url, 'SELECT note FROM marker')).toEqual([{ note: 'kept' }]);
    await db.stop();
  });
});
