import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_ROOT, runCli } from './helpers';

const VERSION = (JSON.parse(readFileSync(join(CLI_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const HINT = '(add --help for usage)';

/** No DNS is needed: every one of these is refused before a query is sent. */
describe('bad input: a clear message on stderr and exit code 2', () => {
  it.each([
    [['check-host', '--bogus'], "error: unknown option '--bogus'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['check-host', '--ip', '1.2.3', '--sender', 'a@example.com'], "error: option '--ip <address>' argument '1.2.3' is invalid. '1.2.3' is not a valid IPv4 or IPv6 address."],
    [['check-host', '--sender', 'a@example.com'], "error: required option '--ip <address>' not specified"],
    [['check-host', '--ip', '192.0.2.1'], 'error: give --sender (the MAIL FROM address) or --helo (to check the HELO identity)'],
    [['analyze', ''], 'error: invalid domain "": the domain is empty'],
    [['analyze', 'example.com', 'bad_domain'], 'error: invalid domain "bad_domain"'],
    [['analyze'], "error: missing required argument 'domains'"],
    [['--dns', 'not-an-ip', 'analyze', 'example.com'], "error: option '--dns <host:port>' argument 'not-an-ip' is invalid. 'not-an-ip' is not an IP address"],
    [['analyze', 'example.com', '--dns', '127.0.0.1:70000'], "error: option '--dns <host:port>' argument '127.0.0.1:70000' is invalid. Port '70000' is not a number from 1 to 65535."],
    [['analyze', 'example.com', '--dns', '[127.0.0.1]:53'], 'Only an IPv6 address goes in brackets'],
    [['--timeout-ms', 'abc', 'analyze', 'example.com'], "error: option '--timeout-ms <n>' argument 'abc' is invalid. Expected a whole number of milliseconds from 1 to 600000."],
    [['check-host', '--ip', '192.0.2.1', '--sender', 'a@example.com', '--timeout-ms', '-5'], "error: option '--timeout-ms <n>' argument '-5' is invalid."],
    [['--resolver', 'bind', 'analyze', 'example.com'], "error: option '--resolver <implementation>' argument 'bind' is invalid. Allowed choices are node, wire."],
    [['analyze', 'example.com', '--fail-on', 'info'], "error: option '--fail-on <severity>' argument 'info' is invalid. Allowed choices are error, warning."],
    [['analyze', '--batch', 'example.com'], 'error: --batch reads the domains from stdin; do not also give them as arguments'],
  ])('spfwatch %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(HINT);
  });

  it('no command prints the help on stderr and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: spfwatch [options] [command]');
  });
});

describe('--help and --version', () => {
  it.each([
    [['--help'], ['Usage: spfwatch [options] [command]', 'check-host', 'analyze', 'Exit codes:', 'Examples:']],
    [['check-host', '--help'], ['Usage: spfwatch check-host [options]', '--batch', '--receiver', '--dns <host:port>', '--timeout-ms <n>', 'Examples:', 'The exit code is 0 whenever the check ran']],
    [['analyze', '--help'], ['Usage: spfwatch analyze [options] [domains...]', '--fail-on <severity>', '--dns <host:port>', 'Examples:']],
    [['help', 'analyze'], ['Usage: spfwatch analyze [options] [domains...]']],
  ])('spfwatch %j prints help on stdout and exits 0', async (args, expected) => {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    for (const text of expected) expect(run.stdout).toContain(text);
  });

  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('entry points', () => {
  it('dist/main.js is executable through its shebang', () => {
    expect(execFileSync(join(CLI_ROOT, 'dist', 'main.js'), ['--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
  });

  it('the bin npm links (bin/spfwatch.js) runs the built CLI', () => {
    const pkg = JSON.parse(readFileSync(join(CLI_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = join(CLI_ROOT, pkg.bin.spfwatch ?? '');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`${VERSION}\n`);
  });
});
