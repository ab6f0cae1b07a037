/** @jest-environment node */
import { analyze, checkHost, createZoneFakeResolver, type FakeZone } from '@spfwatch/spf';
import type { AnalysisResponse, CatalogueServiceResponse, CheckHostResponse } from '@spfwatch/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainBounce, insertBeforeAll } from './explain-bounce';
import { parseBounce } from './parse-bounce';

// The engine is used here only to produce realistic inputs (what the API returns); the web app never imports it.
const CATALOGUE: CatalogueServiceResponse[] = [
  { id: 'google-workspace', name: 'Google Workspace', category: 'mailbox', include: '_spf.google.com', includes: ['_spf.google.com'], suffixes: [], docs: null, note: null, illustrative: false },
  { id: 'mailjet', name: 'Mailjet', category: 'marketing', include: 'spf.mailjet.com', includes: ['spf.mailjet.com'], suffixes: [], docs: null, note: null, illustrative: false },
];

const ZONE: FakeZone = {
  // Seed 000: Google Workspace mailboxes, Mailjet for newsletters, and "mx" where Google's include belongs.
  'mydomain.example': { TXT: ['v=spf1 mx include:spf.mailjet.com -all'], MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] },
  'aspmx.l.google.com': { A: ['142.250.4.26'] },
  'spf.mailjet.com': { TXT: ['v=spf1 ip4:87.253.232.0/21 ip4:185.189.236.0/22 ~all'] },
  '_spf.google.com': { TXT: ['v=spf1 ip4:209.85.128.0/17 ~all'] },
  // Seed 004: a droplet running Postfix, no SPF record at all.
  'droplet.example': { A: ['198.51.100.26'] },
  // Seed 001: a record that lists other servers only.
  'topel.example': { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] },
  // A broken record.
  'broken.example': { TXT: ['v=spf1 include:nothing-here.example -all'] },
  // An explicit refusal.
  'refuses.example': { TXT: ['v=spf1 -ip4:203.0.113.66 ip4:203.0.113.0/24 -all'] },
};

async function run(ip: string, sender: string): Promise<{ check: CheckHostResponse; analysis: AnalysisResponse }> {
  const resolver = createZoneFakeResolver(ZONE);
  const domain = sender.slice(sender.indexOf('@') + 1);
  const result = await checkHost({ ip, sender, helo: 'mail.test', resolver });
  const full = await analyze(domain, { resolver: createZoneFakeResolver(ZONE) });
  const { trace: _trace, ...rest } = result;
  return { check: { ...rest, reason: `reason for ${result.result}` } as CheckHostResponse, analysis: full as unknown as AnalysisResponse };
}

const seed = (name: string): string => readFileSync(join(__dirname, '../../../test/fixtures/bounces', name), 'utf8');

describe('explainBounce', () => {
  it('seed 000: sent through Google with "mx" in the record → add include:_spf.google.com, mx covers inbound servers only', async () => {
    const facts = parseBounce(seed('seed-000-google-apps-550-5.7.1.txt'));
    const { check, analysis } = await run('209.85.220.41', 'amith@mydomain.example');
    expect(check.result).toBe('fail');
    const out = explainBounce(facts, check, analysis, CATALOGUE);
    expect(out.verdict).toBe('not-authorised');
    expect(out.headline).toBe('209.85.220.41 is not allowed to send mail for mydomain.example (SPF fail).');
    expect(out.why.join(' ')).toMatch(/inbound MX servers/);
    expect(out.fixes[0]).toMatchObject({ add: 'include:_spf.google.com' });
    expect(out.fixes[0]!.text).toMatch(/"mx" can then usually be removed/);
    // The Google hint from the bounce agrees with the lint: one fix, not two.
    expect(out.fixes.filter((f) => f.add === 'include:_spf.google.com')).toHaveLength(1);
    expect(out.suggestedRecord).toBe('v=spf1 mx include:spf.mailjet.com include:_spf.google.com -all');
  });

  it('seed 004: own Postfix server, no record → publish one with ip4 of the server', async () => {
    const facts = parseBounce(seed('seed-004-postfix-gmail-5.7.26.txt'));
    const { check, analysis } = await run('198.51.100.26', 'www@droplet.example');
    expect(check.result).toBe('none');
    const out = explainBounce(facts, check, analysis, CATALOGUE);
    expect(out.verdict).toBe('no-record');
    expect(out.suggestedRecord).toBe('v=spf1 ip4:198.51.100.26 ~all');
    expect(out.fixes[0]).toMatchObject({ add: 'ip4:198.51.100.26' });
  });

  it('seed 001: an IP the record does not list, no service hint → add it (or the service’s include)', async () => {
    const facts = parseBounce(seed('seed-001-exchange-openspf-why.txt'));
    const { check, analysis } = await run('69.84.129.239', 'al@topel.example');
    const out = explainBounce(facts, check, analysis, CATALOGUE);
    expect(out.verdict).toBe('not-authorised');
    expect(out.fixes[0]!.add).toBe('ip4:69.84.129.239');
    expect(out.fixes[0]!.text).toMatch(/include instead/);
    expect(out.suggestedRecord).toBe('v=spf1 ip4:192.0.2.0/24 ip4:69.84.129.239 -all');
  });

  it('a broken record: permerror, the lint errors are the fixes', async () => {
    const { check, analysis } = await run('192.0.2.1', 'a@broken.example');
    expect(check.result).toBe('permerror');
    const out = explainBounce(parseBounce(''), check, analysis, CATALOGUE);
    expect(out.verdict).toBe('broken-record');
    expect(out.fixes.length).toBeGreaterThan(0);
    expect(out.fixes.map((f) => f.text).join(' ')).toMatch(/nothing-here\.example/);
  });

  it('an explicit refusal says which term to remove', async () => {
    const { check, analysis } = await run('203.0.113.66', 'a@refuses.example');
    const out = explainBounce(parseBounce(''), check, analysis, CATALOGUE);
    expect(out.fixes.map((f) => f.text)).toContain('Remove "-ip4:203.0.113.66" from the record of refuses.example: it explicitly refuses 203.0.113.66.');
  });

  it('a pass: SPF is fine now; a 5.7.26 points at DKIM/DMARC instead', async () => {
    const facts = parseBounce(seed('seed-004-postfix-gmail-5.7.26.txt'));
    const { check, analysis } = await run('203.0.113.5', 'a@refuses.example');
    expect(check.result).toBe('pass');
    const out = explainBounce(facts, check, analysis, CATALOGUE);
    expect(out.verdict).toBe('passes-now');
    expect(out.why.join(' ')).toMatch(/DKIM/);
    expect(out.suggestedRecord).toBeNull();
  });
});

describe('insertBeforeAll', () => {
  it('adds before all or redirect, skips terms already there', () => {
    expect(insertBeforeAll('v=spf1 mx -all', ['include:x.example'])).toBe('v=spf1 mx include:x.example -all');
    expect(insertBeforeAll('v=spf1 redirect=_spf.example', ['ip4:192.0.2.1'])).toBe('v=spf1 ip4:192.0.2.1 redirect=_spf.example');
    expect(insertBeforeAll('v=spf1 mx', ['a'])).toBe('v=spf1 mx a');
    expect(insertBeforeAll('v=spf1 include:x.example ~all', ['include:x.example'])).toBe('v=spf1 include:x.example ~all');
  });
});
