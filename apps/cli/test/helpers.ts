import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startDnsFixture, type DnsFixture, type Zone } from '@spfwatch/dns-fixture';

export const CLI_ROOT = join(__dirname, '..');
export const CLI_MAIN = join(CLI_ROOT, 'dist', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child process, feeding `input` to stdin. */
export function runCli(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { cwd: CLI_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spfwatch ${args.join(' ')} did not finish in time; stderr: ${stderr}`));
    }, opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** A DNS fixture on 127.0.0.1 (ephemeral port) and the --dns option that points at it. */
export async function startFixture(zone: Zone): Promise<{ fixture: DnsFixture; dns: string[] }> {
  const fixture = await startDnsFixture({ zone, host: '127.0.0.1', port: 0 });
  return { fixture, dns: ['--dns', `127.0.0.1:${fixture.port}`] };
}
