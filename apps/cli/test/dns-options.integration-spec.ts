import * as dgram from 'node:dgram';
import type { DnsFixture } from '@spfwatch/dns-fixture';
import { runCli, startFixture } from './helpers';
import { ZONE } from './zone';

let fixture: DnsFixture;
let server: string;

/** A loopback UDP port with nothing listening: queries to it fail at once (ICMP port unreachable). */
async function deadPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

beforeAll(async () => {
  ({ fixture } = await startFixture(ZONE));
  server = `127.0.0.1:${fixture.port}`;
});

afterAll(async () => {
  await fixture.stop();
});

const PASS_CHECK = ['check-host', '--ip', '209.85.128.5', '--sender', 'a@pass.example'];

describe('--dns', () => {
  it.each(['node', 'wire'])('is repeatable: with the %s resolver, a dead first server falls over to the next', async (resolver) => {
    const dead = `127.0.0.1:${await deadPort()}`;
    const alone = await runCli(['--resolver', resolver, '--timeout-ms', '300', '--dns', dead, ...PASS_CHECK]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/^Result: +temperror$/m);

    fixture.resetStats();
    const both = await runCli(['--resolver', resolver, '--timeout-ms', '300', '--dns', dead, '--dns', server, ...PASS_CHECK]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^Result: +pass$/m);
    expect(fixture.stats().byNameType['pass.example TXT']).toBeGreaterThan(0);
  });

  it('is read before or after the command name', async () => {
    const after = await runCli([...PASS_CHECK, '--dns', server]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^Result: +pass$/m);
  });

  // The plain HOST and [v6]:PORT forms are unit-tested (src/options.spec.ts): using them here
  // would send queries to port 53 or to IPv6 loopback, outside the fixture.
  it('reports a usage error for a malformed value', async () => {
    const bad = await runCli(['--dns', 'dns.example.com:53', ...PASS_CHECK]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: option '--dns <host:port>' argument 'dns.example.com:53' is invalid. 'dns.example.com' is not an IP address");
  });
});

describe('--timeout-ms', () => {
  it('a server that never answers gives temperror quickly with --timeout-ms 200', async () => {
    const started = Date.now();
    const run = await runCli(['--dns', server, 'check-host', '--ip', '192.0.2.1', '--sender', 'a@timeout.example', '--timeout-ms', '200', '--json']);
    const elapsed = Date.now() - started;
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { result: string; problem: string; reason: string };
    expect(json.result).toBe('temperror');
    expect(json.problem).toBe('DNS timeout looking up the SPF record of timeout.example');
    expect(json.reason).toContain('A temporary DNS problem stopped the check: DNS timeout looking up the SPF record of timeout.example.');
    // The default per-try timeout is 3000 ms: finishing well under it shows the option was applied.
    expect(elapsed).toBeLessThan(2900);
  });

  it('a timeout inside a batch is that line\'s temperror; the other lines are unaffected', async () => {
    const input = [
      JSON.stringify({ ip: '192.0.2.1', sender: 'a@timeout.example', helo: 'x.example' }),
      JSON.stringify({ ip: '209.85.128.5', sender: 'a@pass.example', helo: 'x.example' }),
    ].join('\n');
    const run = await runCli(['--dns', server, '--timeout-ms', '200', 'check-host', '--batch'], { input });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '{"result":"temperror","explanation":null,"matchedTerm":null,"lookups":0}\n{"result":"pass","explanation":null,"matchedTerm":"include:_spf.google.com","lookups":2}\n',
    );
  });
});
