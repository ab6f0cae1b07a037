import type { DnsFixture } from '@spfwatch/dns-fixture';
import type { CheckHostJson } from '../src/format/check-host';
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

describe('spfwatch check-host (text)', () => {
  it('pass via include: names the term, where it sits and the include that led there', async () => {
    const run = await runCli([...dns, 'check-host', '--ip', '209.85.128.5', '--sender', 'alice@pass.example']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Result: +pass$/m);
    expect(run.stdout).toMatch(/^Matched term: +include:_spf\.google\.com$/m);
    expect(run.stdout).toMatch(/^Explanation: +\(none\)$/m);
    expect(run.stdout).toContain(
      'Reason:           209.85.128.5 is authorised for pass.example: it matches ip4:209.85.128.0/17 in _netblocks.google.com, reached via include:_spf.google.com (pass.example → _spf.google.com → _netblocks.google.com).',
    );
    expect(run.stdout).toMatch(/^Received-SPF: pass \(unknown: domain of alice@pass\.example designates 209\.85\.128\.5 as permitted sender\) client-ip=209\.85\.128\.5;/m);
  });

  it('fail with exp=: prints the explanation and what the record does authorise', async () => {
    const run = await runCli([...dns, 'check-host', '--ip', '203.0.113.9', '--sender', 'bob@fail.example', '--receiver', 'mx.test.example']);
    expect(run.code).toBe(0); // exit 0 whatever the SPF result
    expect(run.stdout).toMatch(/^Result: +fail$/m);
    expect(run.stdout).toMatch(/^Explanation: +203\.0\.113\.9 is not allowed to send mail for fail\.example; see https:\/\/fail\.example\/spf$/m);
    expect(run.stdout).toMatch(/^Matched term: +-all$/m);
    const reason = /^Reason: +(.*)$/m.exec(run.stdout)?.[1] ?? '';
    expect(reason).toContain('203.0.113.9 is not authorised for fail.example: nothing before -all matched, so the result is fail');
    expect(reason).toContain('The record authorises Google Workspace, Mailgun; 10 networks: 192.0.2.0/24, ');
    expect(reason).toContain('209.85.128.0/17 (_netblocks.google.com)');
    expect(reason).toContain('…and 2 more; 203.0.113.9 is in none of them.');
    expect(run.stdout).toContain('Received-SPF: fail (mx.test.example: domain of bob@fail.example does not designate 203.0.113.9 as permitted sender)');
  });

  it('the HELO identity is checked when the sender is empty', async () => {
    const run = await runCli([...dns, 'check-host', '--ip', '192.0.2.25', '--sender', '', '--helo', 'mx.helo.example']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Result: +pass$/m);
    expect(run.stdout).toContain('(checked identity: HELO mx.helo.example)');
  });

  it('none and permerror say why in words', async () => {
    const none = await runCli([...dns, 'check-host', '--ip', '192.0.2.1', '--sender', 'a@nosuch.example']);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^Result: +none$/m);
    expect(none.stdout).toMatch(/^Reason: +No SPF policy applies: nosuch\.example does not exist\.$/m);

    const broken = await runCli([...dns, 'check-host', '--ip', '198.51.100.1', '--sender', 'a@broken.example']);
    expect(broken.code).toBe(0);
    expect(broken.stdout).toMatch(/^Result: +permerror$/m);
    expect(broken.stdout).toMatch(/^Reason: +The SPF policy of broken\.example cannot be evaluated \(permanent error\): .*missing\.example/m);
  });

  it('--trace prints the evaluation steps', async () => {
    const run = await runCli([...dns, 'check-host', '--ip', '209.85.128.5', '--sender', 'alice@pass.example', '--trace']);
    expect(run.stdout).toContain('\nTrace:\n  pass.example record: v=spf1 ip4:198.51.100.0/24 include:_spf.google.com -all\n');
  });
});

describe('spfwatch check-host --json', () => {
  it('prints one JSON object: the whole CheckHostResult plus reason', async () => {
    const run = await runCli([...dns, 'check-host', '--ip', '203.0.113.9', '--sender', 'bob@fail.example', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as CheckHostJson;
    expect(Object.keys(json).sort()).toEqual(
      ['domain', 'explanation', 'helo', 'identity', 'ip', 'lookups', 'matched', 'matchedTerm', 'problem', 'reason', 'receivedSpf', 'result', 'sender', 'trace', 'voidLookups'].sort(),
    );
    expect(json).toMatchObject({
      result: 'fail',
      domain: 'fail.example',
      identity: 'mailfrom',
      sender: 'bob@fail.example',
      ip: '203.0.113.9',
      explanation: '203.0.113.9 is not allowed to send mail for fail.example; see https://fail.example/spf',
      matchedTerm: '-all',
      matched: { term: '-all', domain: 'fail.example', path: ['fail.example'] },
      problem: null,
      lookups: 5,
      voidLookups: 0,
    });
    expect(json.receivedSpf).toMatch(/^Received-SPF: fail /);
    expect(json.reason).toContain('203.0.113.9 is in none of them.');
    expect(json.trace.length).toBeGreaterThan(0);
  });
});
