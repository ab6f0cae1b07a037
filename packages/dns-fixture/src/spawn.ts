import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FixtureConfigError } from './errors';
import type { ChildMessage, ParentMessage, ParentRequest } from './ipc';
import { compileZone, type FixtureStats } from './server';
import { loadZone, type Zone } from './zone';

export interface SpawnDnsFixtureOptions {
  /** A zone object, or the path of a `.yaml` / `.yml` / `.json` zone file (read by the parent). */
  zone: Zone | string;
  /** Default 0: ephemeral. */
  port?: number;
  /** An IP address. Default `127.0.0.1`. */
  host?: string;
}

export interface SpawnedDnsFixture {
  readonly address: string;
  readonly port: number;
  /** Validated here first, so an invalid zone rejects with a ZoneError and the child keeps the old one. */
  setZone(zone: Zone): Promise<void>;
  stats(): Promise<FixtureStats>;
  /** Stops the server and waits for the child process to exit. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const EXIT_GRACE_MS = 3_000;

/**
 * Runs a DNS fixture in its own child process (child_process.fork of dist/child.js), so that
 * a benchmark measures its own process only. The zone is validated in the calling process.
 */
export async function spawnDnsFixture(opts: SpawnDnsFixtureOptions): Promise<SpawnedDnsFixture> {
  const zone = typeof opts.zone === 'string' ? loadZone(opts.zone) : opts.zone;
  compileZone(zone, 0);
  const child = fork(childEntry(), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const calls = new Map<number, { resolve: (stats: FixtureStats | undefined) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  let ready: { port: number; address: string };
  try {
    ready = await waitForReady(child, { kind: 'start', zone, host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  child.on('message', (message: ChildMessage) => {
    if (message.kind !== 'reply' && message.kind !== 'error') return;
    const call = calls.get(message.id);
    calls.delete(message.id);
    if (message.kind === 'reply') call?.resolve(message.stats);
    else call?.reject(new Error(`dns-fixture child: ${message.message}`));
  });
  child.once('exit', (code, signal) => {
    for (const call of calls.values()) call.reject(new Error(`dns-fixture child exited (code ${String(code)}, signal ${String(signal)})`));
    calls.clear();
  });

  const call = (message: ParentRequest): Promise<FixtureStats | undefined> => {
    if (!child.connected) return Promise.reject(new Error('dns-fixture child is not running'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject });
      const withId: ParentMessage = { ...message, id };
      child.send(withId);
    });
  };

  let stopping: Promise<void> | undefined;
  return {
    address: ready.address,
    port: ready.port,
    async setZone(next: Zone): Promise<void> {
      compileZone(next, 0);
      await call({ kind: 'setZone', zone: next });
    },
    async stats(): Promise<FixtureStats> {
      const stats = await call({ kind: 'stats' });
      if (stats === undefined) throw new Error('dns-fixture child sent no stats');
      return stats;
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        if (child.connected) await call({ kind: 'stop' }).catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function waitForReady(child: ChildProcess, start: ParentMessage): Promise<{ port: number; address: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`dns-fixture child did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const onMessage = (message: ChildMessage): void => {
      if (message.kind === 'ready') done(undefined, message);
      if (message.kind === 'failed') done(new Error(`dns-fixture child failed to start: ${message.message}`));
    };
    const onExit = (code: number | null): void => done(new Error(`dns-fixture child exited during start (code ${String(code)})`));
    const done = (error: Error | undefined, ready?: { port: number; address: string }): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error !== undefined || ready === undefined) reject(error);
      else resolve({ port: ready.port, address: ready.address });
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(start);
  });
}

/** dist/child.js next to this file, or, when this file runs from src/ (jest), the built one. */
function childEntry(): string {
  const candidates = [path.join(__dirname, 'child.js'), path.join(__dirname, '..', 'dist', 'child.js')];
  const entry = candidates.find((candidate) => fs.existsSync(candidate));
  if (entry === undefined) {
    throw new FixtureConfigError(`dns-fixture child entry not found (${candidates.join(', ')}); run "npm run build -w @spfwatch/dns-fixture" first`);
  }
  return entry;
}
