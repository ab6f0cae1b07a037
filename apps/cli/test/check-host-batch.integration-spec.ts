import { spawn } from 'node:child_process';
import type { DnsFixture } from '@spfwatch/dns-fixture';
import type { CheckHostBatchLine } from '../src/format/check-host';
import { CLI_MAIN, runCli, startFixture } from './helpers';
import { ZONE } from './zone';

let fixture: DnsFixture;
let dns: string[];

beforeAll(async () => {
  ({ fixture, dns } = await startFixture(ZONE));
});

afterAll(async () => {
  await fixture.stop();
});

const MALFORMED_JSON_AT = 57;
const MISSING_IP_AT = 120;

/** Unique per line, so the explanation in the output shows which input it answers. */
const addressOf = (i: number) => `10.0.${Math.floor(i / 256)}.${i % 256}`;

/** Line i of the batch and the output line it must produce. */
function batchCase(i: number): { input: string; expected: CheckHostBatchLine & { error?: string } } {
  if (i === MALFORMED_JSON_AT) {
    return { input: '{"ip": "10.0.0.1", "sender"', expected: { result: 'permerror', explanation: null, matchedTerm: null, lookups: 0, error: expect.stringMatching(/^invalid JSON: /) as unknown as string } };
  }
  if (i === MISSING_IP_AT) {
    return { input: '{"sender":"x@pass.example","helo":"mx.pass.example"}', expected: { result: 'permerror', explanation: null, matchedTerm: null, lookups: 0, error: 'missing "ip"' } };
  }
  const ip = addressOf(i);
  switch (i % 4) {
    case 0:
      return {
        input: JSON.stringify({ ip, sender: `user${i}@fail.example`, helo: 'mx.client.example' }),
        expected: { result: 'fail', explanation: `${ip} is not allowed to send mail for fail.example; see https://fail.example/spf`, matchedTerm: '-all', lookups: 5 },
      };
    case 1:
      return {
        input: JSON.stringify({ ip: `209.85.128.${i}`, sender: `user${i}@pass.example`, helo: 'mail-out.google.example' }),
        expected: { result: 'pass', explanation: null, matchedTerm: 'include:_spf.google.com', lookups: 2 },
      };
    case 2:
      // slow.example answers after 150 ms: its lines finish after the lines that follow them.
      return {
        input: JSON.stringify({ ip, sender: `user${i}@slow.example`, helo: 'mx.client.example' }),
        expected: { result: 'fail', explanation: `${ip} is not allowed to send mail for slow.example; see https://fail.example/spf`, matchedTerm: '-all', lookups: 0 },
      };
    default:
      // Empty MAIL FROM: the HELO identity is checked.
      return { input: JSON.stringify({ ip: '192.0.2.25', sender: '', helo: 'mx.helo.example' }), expected: { result: 'pass', explanation: null, matchedTerm: 'a', lookups: 1 } };
  }
}

describe('spfwatch check-host --batch', () => {
  it('answers 200 lines in input order, one line each, malformed lines included, empty lines skipped', async () => {
    const cases = Array.from({ length: 200 }, (_, i) => batchCase(i));
    const inputLines: string[] = [];
    cases.forEach((c, i) => {
      inputLines.push(c.input);
      if (i % 50 === 0) inputLines.push('', '   '); // ignored, produce no output
    });
    const run = await runCli([...dns, 'check-host', '--batch'], { input: `${inputLines.join('\n')}\n` });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(200);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect({ line: i, ...parsed }).toEqual({ line: i, ...cases[i]!.expected });
    });
    // Exactly these keys, in this order, for a well-formed line.
    expect(lines[1]).toBe('{"result":"pass","explanation":null,"matchedTerm":"include:_spf.google.com","lookups":2}');
    expect(Object.keys(JSON.parse(lines[MALFORMED_JSON_AT]!) as object)).toEqual(['result', 'explanation', 'matchedTerm', 'lookups', 'error']);
  });

  it('streams: answers a line before stdin ends', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, ...dns, 'check-host', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    const firstLine = new Promise<string>((resolve) => {
      let buffered = '';
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!);
      });
    });
    child.stdin.write(`${JSON.stringify({ ip: '209.85.128.5', sender: 'a@pass.example', helo: 'x.example' })}\n`);
    expect(await firstLine).toBe('{"result":"pass","explanation":null,"matchedTerm":"include:_spf.google.com","lookups":2}');
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });

  it('exits 0 with no output for empty input', async () => {
    const run = await runCli([...dns, 'check-host', '--batch'], { input: '\n\n' });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--batch does not mix with --ip', async () => {
    const run = await runCli([...dns, 'check-host', '--batch', '--ip', '192.0.2.1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: --batch reads the checks from stdin; do not combine it with --ip, --sender or --helo');
  });
});
