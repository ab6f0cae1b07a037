import type { Analysis } from '@spfwatch/spf';
import type { DnsFixture } from '@spfwatch/dns-fixture';
import { runCli, startFixture } from './helpers';
import { ZONE } from './zone';

let fixture: DnsFixture;
let dns: string[];

beforeAll(async () => {
  ({ fixture, dns } = await startFixture(ZONE));
});

afterAll(async () => {
  await fixture.stop();
});

describe('spfwatch analyze (text)', () => {
  it('prints the tree with per-node costs, totals, services, networks, lint and the flattened record', async () => {
    const run = await runCli([...dns, 'analyze', 'fail.example']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = run.stdout;
    expect(out).toContain('SPF analysis of fail.example: ok (ends in -all)\n');
    expect(out).toContain('\nfail.example  [total 5, own 2]');
    expect(out).toContain('\n  include:_spf.google.com → _spf.google.com  [3]');
    expect(out).toContain('\n    include:_netblocks.google.com → _netblocks.google.com  [0]');
    expect(out).toContain('\n        "v=spf1 ip4:209.85.128.0/17 ip4:35.190.247.0/24 ~all"\n');
    expect(out).toContain('\n  include:mailgun.org → mailgun.org  [0]');
    expect(out).toContain('\nLookups: 5/10\nVoid lookups: 0/2\nMX address lookups: 0\n');
    expect(out).toMatch(/\nServices \(2\):\n {2}Google Workspace +via _spf\.google\.com\n {2}Mailgun +via mailgun\.org\n/);
    expect(out).toMatch(/\nNetworks \(10\):\n/);
    expect(out).toMatch(/\n {2}209\.85\.128\.0\/17 +ip4:209\.85\.128\.0\/17 in fail\.example → _spf\.google\.com → _netblocks\.google\.com\n/);
    expect(out).toContain('\nLint: no findings\n');
    expect(out).toMatch(/\nFlattened suggestion \(0\/10 lookups, within limits\):\n {2}fail\.example {2}TXT {2}"v=spf1 [^"]*ip4:209\.85\.128\.0\/17[^"]* -all"\n/);
  });

  it('marks errors in the tree and lists lint with severity, code, message and fix', async () => {
    const run = await runCli([...dns, 'analyze', 'broken.example', 'lint.example']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SPF analysis of broken.example: permerror');
    expect(run.stdout).toMatch(/\n {2}include:missing\.example → missing\.example {2}\[0\] {2}✗ domain does not exist/);
    expect(run.stdout).toMatch(/\n {2}error {3}include-without-spf: .*missing\.example/);
    expect(run.stdout).toContain('SPF analysis of lint.example: ok (ends in ?all)');
    expect(run.stdout).toMatch(/\n {2}warning duplicate-term: "ip4:192\.0\.2\.1" appears twice\. \[ip4:192\.0\.2\.1 in lint\.example\]\n {10}fix: Remove the second "ip4:192\.0\.2\.1"\.\n/);
  });

  it('--fail-on exits 1 when lint has findings of that severity, 0 otherwise', async () => {
    expect((await runCli([...dns, 'analyze', 'lint.example', '--fail-on', 'warning'])).code).toBe(1);
    expect((await runCli([...dns, 'analyze', 'lint.example', '--fail-on', 'error'])).code).toBe(0);
    expect((await runCli([...dns, 'analyze', 'broken.example', '--fail-on', 'error'])).code).toBe(1);
    expect((await runCli([...dns, 'analyze', 'clean.example', '--fail-on', 'warning'])).code).toBe(0);
  });
});

describe('spfwatch analyze --json', () => {
  it('prints the Analysis as one object for one domain', async () => {
    const run = await runCli([...dns, 'analyze', 'Fail.Example.', '--json']);
    expect(run.code).toBe(0);
    const analysis = JSON.parse(run.stdout) as Analysis;
    expect(analysis).toMatchObject({ domain: 'fail.example', status: 'ok', lookupCount: 5, voidLookups: 0, mxAddressLookups: 0, allQualifier: '-' });
    expect(analysis.tree).toMatchObject({ domain: 'fail.example', via: 'root', ownCost: 2, totalCost: 5 });
    expect(analysis.tree.children.map((c) => [c.term, c.totalCost])).toEqual([
      ['include:_spf.google.com', 3],
      ['include:mailgun.org', 0],
    ]);
    expect(analysis.services.map((s) => s.name)).toEqual(['Google Workspace', 'Mailgun']);
    expect(analysis.networks).toContainEqual({ cidr: '209.85.128.0/17', family: 4, path: ['fail.example', '_spf.google.com', '_netblocks.google.com'], term: 'ip4:209.85.128.0/17' });
    expect(analysis.flattened.withinLimits).toBe(true);
  });

  it('prints an array for several domains, in argument order', async () => {
    const run = await runCli([...dns, 'analyze', 'pass.example', 'clean.example', '--json']);
    expect(run.code).toBe(0);
    const analyses = JSON.parse(run.stdout) as Analysis[];
    expect(analyses.map((a) => a.domain)).toEqual(['pass.example', 'clean.example']);
  });
});

describe('spfwatch analyze --batch', () => {
  it('writes one JSON line per domain in input order, an error object for an invalid domain', async () => {
    const input = ['slow.example', '', 'not a domain', 'pass.example', 'localhost', 'nosuch.example'].join('\n');
    const run = await runCli([...dns, 'analyze', '--batch'], { input });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Analysis | { domain: string; error: string });
    expect(lines.map((l) => l.domain)).toEqual(['slow.example', 'not a domain', 'pass.example', 'localhost', 'nosuch.example']);
    expect(lines[1]).toEqual({ domain: 'not a domain', error: expect.stringContaining('invalid domain "not a domain"') });
    expect(lines[3]).toEqual({ domain: 'localhost', error: expect.stringContaining('single label') });
    expect(lines[0]).toMatchObject({ status: 'ok', lookupCount: 0 });
    expect(lines[2]).toMatchObject({ status: 'ok', lookupCount: 4 });
    expect(lines[4]).toMatchObject({ status: 'none' });
  });

  it('--fail-on applies to the batch as a whole', async () => {
    const run = await runCli([...dns, 'analyze', '--batch', '--fail-on', 'warning'], { input: 'clean.example\nlint.example\n' });
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});
