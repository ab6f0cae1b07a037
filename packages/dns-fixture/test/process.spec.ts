import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isFixtureConfigError, isZoneError, spawnDnsFixture, startDnsFixture } from '../src';
import { errorCode, nodeResolver } from './helpers';

// The fixture outside the test process: spawnDnsFixture's child and the CLI, both from dist/
// (npm test builds first).

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dns-fixture-process-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('spawnDnsFixture', () => {
  it('serves from another process, takes new zones and reports stats', async () => {
    const fixture = await spawnDnsFixture({ zone: { records: { 'a.test': { TXT: 'first' } } } });
    try {
      expect(fixture.address).toBe(`127.0.0.1:${fixture.port}`);
      expect(await nodeResolver(fixture.address).resolveTxt('a.test')).toEqual([['first']]);

      await fixture.setZone({ records: { 'a.test': { TXT: 'second' } } });
      expect(await nodeResolver(fixture.address).resolveTxt('a.test')).toEqual([['second']]);

      expect(await fixture.stats()).toEqual({ queries: 2, udp: 2, tcp: 0, byNameType: { 'a.test TXT': 2 } });
    } finally {
      await fixture.stop();
    }
    expect(await errorCode(nodeResolver(fixture.address, 200).resolveTxt('a.test'))).toMatch(/^(ECONNREFUSED|ETIMEOUT)$/);
  });

  it('reads a zone file given by path', async () => {
    const file = path.join(dir, 'spawn.yaml');
    fs.writeFileSync(file, 'records:\n  b.test:\n    A: 192.0.2.7\n');
    const fixture = await spawnDnsFixture({ zone: file });
    try {
      expect(await nodeResolver(fixture.address).resolve4('b.test')).toEqual(['192.0.2.7']);
    } finally {
      await fixture.stop();
    }
  });

  it('rejects an invalid zone with a ZoneError, at start and in setZone, keeping the old zone', async () => {
    await expect(spawnDnsFixture({ zone: { records: { 'a.test': { A: 'nope' } } } })).rejects.toThrow(/records\["a.test"\]\.A/);
    const fixture = await spawnDnsFixture({ zone: { records: { 'a.test': { TXT: 'kept' } } } });
    try {
      const error: unknown = await fixture.setZone({ records: { 'a.test': { MX: 'bad' } } }).catch((e: unknown) => e);
      expect(isZoneError(error)).toBe(true);
      expect(await nodeResolver(fixture.address).resolveTxt('a.test')).toEqual([['kept']]);
    } finally {
      await fixture.stop();
    }
  });
});

describe('startDnsFixture options', () => {
  it('rejects a host that is not an IP address and a bad port', async () => {
    const zone = { records: {} };
    const hostError: unknown = await startDnsFixture({ zone, host: 'localhost' }).catch((e: unknown) => e);
    expect(isFixtureConfigError(hostError)).toBe(true);
    await expect(startDnsFixture({ zone, port: 70000 })).rejects.toThrow(/port must be an integer/);
  });

  it('rejects an RRset too big for any DNS message', async () => {
    const huge = Array.from({ length: 300 }, (_, i) => `${i} ${'x'.repeat(250)}`);
    await expect(startDnsFixture({ zone: { records: { 'huge.test': { TXT: huge } } } })).rejects.toThrow(
      /records\["huge.test"\]\.TXT: the answer would be \d+ octets, more than a DNS message can hold/,
    );
  });

  it('serves on ::1 when asked', async () => {
    let fixture;
    try {
      fixture = await startDnsFixture({ zone: { records: { 'v6.test': { TXT: 'six' } } }, host: '::1' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') return; // no IPv6 loopback here
      throw error;
    }
    try {
      expect(fixture.address).toBe(`[::1]:${fixture.port}`);
      expect(await nodeResolver(fixture.address).resolveTxt('v6.test')).toEqual([['six']]);
    } finally {
      await fixture.stop();
    }
  });
});

describe('CLI', () => {
  function run(args: string[]): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    return { child, output };
  }

  function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let buffered = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0] ?? '');
      });
      child.on('exit', (code) => reject(new Error(`CLI exited with ${String(code)} before listening`)));
    });
  }

  it('starts with a shebang so it can be a bin', () => {
    expect(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints the address, serves the zone file, reloads on SIGHUP and stops on SIGTERM', async () => {
    const file = path.join(dir, 'cli.yaml');
    fs.writeFileSync(file, 'records:\n  cli.test:\n    TXT: "v=spf1 -all"\n');
    const { child, output } = run(['--zone', file, '--port', '0']);
    const line = await firstLine(child);
    expect(line).toMatch(/^listening 127\.0\.0\.1:\d+$/);
    const address = line.slice('listening '.length);
    expect(await nodeResolver(address).resolveTxt('cli.test')).toEqual([['v=spf1 -all']]);

    fs.writeFileSync(file, 'records:\n  cli.test:\n    TXT: "v=spf1 ~all"\n');
    child.kill('SIGHUP');
    await waitFor(async () => JSON.stringify(await nodeResolver(address).resolveTxt('cli.test')) === '[["v=spf1 ~all"]]');

    child.kill('SIGTERM');
    const { code } = await output;
    expect(code).toBe(0);
  });

  it.each([
    [[], /--zone is required/],
    [['--zone'], /argument missing|--zone/],
    [['--zone', 'z.yaml', '--port', 'abc'], /--port must be an integer 0-65535/],
    [['--zone', 'z.yaml', '--bogus'], /Unknown option '--bogus'/],
  ])('exits non-zero with a message for %j', async (args, message) => {
    const { code, stderr } = await run(args).output;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: spfwatch-dns-fixture');
  });

  it('exits 1 naming the problem for a zone file that does not parse', async () => {
    const file = path.join(dir, 'invalid.yaml');
    fs.writeFileSync(file, 'records:\n  bad.test:\n    A: 999.1.1.1\n');
    const { code, stderr } = await run(['--zone', file]).output;
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: records["bad.test"].A: expected an IPv4 address`);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
