import { analyze, createAnalysisRunCache } from '../src/analyze/analyze';
import { collapseNetworks } from '../src/analyze/networks';
import { txtAnswerSize } from '../src/analyze/wire-size';
import type { FakeZone } from '../src/dns/zone-fake-resolver';
import { createZoneFakeResolver } from '../src/dns/zone-fake-resolver';
import { checkHost } from '../src/eval/check-host';

const GOOGLE: FakeZone = {
  '_spf.google.com': { TXT: ['v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all'] },
  '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all'] },
  '_netblocks2.google.com': { TXT: ['v=spf1 ip6:2001:4860:4000::/36 ~all'] },
  '_netblocks3.google.com': { TXT: ['v=spf1 ip4:172.217.0.0/19 ~all'] },
  'aspmx.l.google.com': { A: ['142.250.102.26'] },
};
const MAILJET: FakeZone = { 'spf.mailjet.com': { TXT: ['v=spf1 ip4:87.253.232.0/21 ip4:185.189.236.0/22 ~all'] } };

async function run(zone: FakeZone, domain = 'example.com', extra: Parameters<typeof analyze>[1] extends infer O ? Partial<O> : never = {}) {
  return analyze(domain, { resolver: createZoneFakeResolver({ ...GOOGLE, ...MAILJET, ...zone }), ...extra });
}
const codes = (a: Awaited<ReturnType<typeof analyze>>) => a.lint.map((l) => l.code);

describe('analyze: the whole tree', () => {
  it('counts per-node and total lookups (RFC 7208 §4.6.4) and builds the include tree', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 include:_spf.google.com include:spf.mailjet.com -all'] } });
    expect(a.lookupCount).toBe(5);
    expect(a.tree.ownCost).toBe(2);
    expect(a.tree.totalCost).toBe(5);
    expect(a.tree.children.map((c) => [c.domain, c.totalCost])).toEqual([['_spf.google.com', 3], ['spf.mailjet.com', 0]]);
    expect(a.status).toBe('ok');
    expect(a.allQualifier).toBe('-');
    expect(a.services.map((s) => s.id).sort()).toEqual(['google-workspace', 'mailjet']);
  });

  it('walks past 10 lookups and counts a repeated include again, as receivers do', async () => {
    const includes = Array.from({ length: 4 }, () => 'include:_spf.google.com').join(' ');
    const a = await run({ 'example.com': { TXT: [`v=spf1 ${includes} -all`] } });
    expect(a.lookupCount).toBe(16);
    expect(a.status).toBe('permerror');
    expect(codes(a)).toEqual(expect.arrayContaining(['too-many-lookups', 'duplicate-term']));
    // a receiver agrees: permerror at the 11th lookup
    const r = await checkHost({ ip: '203.0.113.1', sender: 'a@example.com', resolver: createZoneFakeResolver({ ...GOOGLE, 'example.com': { TXT: [`v=spf1 ${includes} -all`] } }) });
    expect(r.result).toBe('permerror');
  });

  it('gives networks with provenance and resolves a/mx to addresses', async () => {
    const a = await run({
      'example.com': { TXT: ['v=spf1 a mx/24 include:spf.mailjet.com ip6:2001:db8::/32 -all'], A: ['192.0.2.10'], MX: [{ priority: 10, exchange: 'mx.example.com' }] },
      'mx.example.com': { A: ['198.51.100.77'] },
    });
    expect(a.networks).toEqual(
      expect.arrayContaining([
        { cidr: '192.0.2.10', family: 4, path: ['example.com'], term: 'a' },
        { cidr: '198.51.100.0/24', family: 4, path: ['example.com'], term: 'mx/24' },
        { cidr: '87.253.232.0/21', family: 4, path: ['example.com', 'spf.mailjet.com'], term: 'ip4:87.253.232.0/21' },
        { cidr: '2001:db8::/32', family: 6, path: ['example.com'], term: 'ip6:2001:db8::/32' },
      ]),
    );
    expect(a.mxAddressLookups).toBe(1);
  });

  it('marks macro, exists and ptr parts as not statically resolvable', async () => {
    const a = await run({
      'example.com': { TXT: ['v=spf1 include:_spf.salesforce.com ptr exists:%{i}.bl.example.com -all'] },
      '_spf.salesforce.com': { TXT: ['v=spf1 exists:%{i}._spf.mta.salesforce.com -all'] },
    });
    expect(a.unresolvable.map((u) => [u.term, u.reason])).toEqual([
      ['exists:%{i}._spf.mta.salesforce.com', 'macro'],
      ['ptr', 'ptr'],
      ['exists:%{i}.bl.example.com', 'macro'],
    ]);
    expect(codes(a)).toEqual(expect.arrayContaining(['ptr-deprecated', 'not-statically-resolvable']));
    // The flattened record keeps the dynamic parts.
    expect(a.flattened.records[0]!.text).toContain('include:_spf.salesforce.com');
    expect(a.flattened.records[0]!.text).toContain('exists:%{i}.bl.example.com');
  });

  it('reports per-node errors: missing include target, syntax, multiple records', async () => {
    const a = await run({
      'example.com': { TXT: ['v=spf1 include:gone.example.net include:broken.example.net include:twice.example.net -all'] },
      'broken.example.net': { TXT: ['v=spf1 ip4:192.0.2.1 nclude:x.example.org -all'] },
      'twice.example.net': { TXT: ['v=spf1 -all', 'v=spf1 +all'] },
    });
    expect(a.status).toBe('permerror');
    const [gone, broken, twice] = a.tree.children;
    expect(gone!.status).toBe('nxdomain');
    expect(broken!.status).toBe('syntax');
    expect(twice!.status).toBe('multiple');
    expect(codes(a)).toEqual(expect.arrayContaining(['include-without-spf', 'typo-mechanism', 'multiple-records']));
    // the valid terms of a broken record still count
    expect(a.networks.some((n) => n.cidr === '192.0.2.1')).toBe(true);
  });

  it('counts void lookups (RFC 7208 §4.6.4) and flags more than two', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 a:v1.example.com a:v2.example.com mx:v3.example.com -all'] } });
    expect(a.voidLookups).toBe(3);
    expect(codes(a)).toContain('too-many-void-lookups');
    expect(a.status).toBe('permerror');
  });

  it('reports TTLs and record strings when known', async () => {
    const a = await run({ 'example.com': { TXT: [['v=spf1 ip4:192.0.2.1', ' -all']] } });
    expect(a.tree.strings).toEqual(['v=spf1 ip4:192.0.2.1', ' -all']);
    expect(a.record).toBe('v=spf1 ip4:192.0.2.1 -all');
  });

  it('answers a missing domain with status none and a finding', async () => {
    const a = await run({});
    expect(a.status).toBe('none');
    expect(codes(a)).toEqual(['no-spf-record']);
  });

  it('never throws for an invalid domain', async () => {
    const a = await analyze('not a domain', { resolver: createZoneFakeResolver({}) });
    expect(a.status).toBe('none');
    expect(codes(a)).toEqual(['invalid-domain']);
  });

  it('analyses a draft record in the context of a domain (what-if)', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 -all'] } }, 'example.com', { draftRecord: 'v=spf1 include:_spf.google.com ~all' });
    expect(a.record).toBe('v=spf1 include:_spf.google.com ~all');
    expect(a.lookupCount).toBe(4);
  });

  it('gives the same result with and without the run cache', async () => {
    const zone = { 'example.com': { TXT: ['v=spf1 include:_spf.google.com include:spf.mailjet.com -all'] }, 'example.org': { TXT: ['v=spf1 include:_spf.google.com ~all'] } };
    const plain = await run(zone);
    const runCache = createAnalysisRunCache();
    const resolver = createZoneFakeResolver({ ...GOOGLE, ...MAILJET, ...zone });
    await analyze('example.org', { resolver, runCache });
    const cached = await analyze('example.com', { resolver, runCache });
    expect({ ...cached, analyzedAt: '' }).toEqual({ ...plain, analyzedAt: '' });
  });

  it('does not reuse a memoised subtree where it would hide a loop', async () => {
    const zone: FakeZone = {
      'a.example': { TXT: ['v=spf1 include:b.example -all'] },
      'b.example': { TXT: ['v=spf1 include:c.example -all'] },
      'c.example': { TXT: ['v=spf1 include:a.example -all'] },
      'x.example': { TXT: ['v=spf1 include:b.example -all'] },
    };
    const runCache = createAnalysisRunCache();
    const resolver = createZoneFakeResolver(zone);
    const x = await analyze('x.example', { resolver, runCache });
    const a = await analyze('a.example', { resolver, runCache });
    expect(codes(x)).toContain('include-loop');
    expect(codes(a)).toContain('include-loop');
    expect(a.tree.children[0]!.children[0]!.children[0]!.status).toBe('loop');
  });
});

describe('lint: stable codes', () => {
  const lintOf = async (record: string | string[], zone: FakeZone = {}) => codes(await run({ 'example.com': { TXT: [record] }, ...zone }));

  it.each([
    ['v=spf1 +all', 'plus-all'],
    ['v=spf1 ?all', 'neutral-all'],
    ['v=spf1 ip4:192.0.2.1', 'no-all'],
    ['v=spf1 -all ip4:192.0.2.1', 'terms-after-all'],
    ['v=spf1 redirect=spf.mailjet.com -all', 'redirect-ignored'],
    ['v=spf1 ptr -all', 'ptr-deprecated'],
    ['v=spf1 ip4:192.0.2.1/24 -all', 'host-bits-set'],
    ['v=spf1 ip4:192.0.2.1 ip4:192.0.2.1 -all', 'duplicate-term'],
    ['v=spf1 ip4:87.253.232.9 include:spf.mailjet.com -all', 'redundant-network'],
    ['v=spf1 nclude:_spf.google.com -all', 'typo-mechanism'],
    ['v=spf1 include:_spf.google.com~all', 'missing-space'],
    ['v=spf1 include:nowhere.example.net -all', 'include-without-spf'],
  ])('%s → %s', async (record, code) => {
    expect(await lintOf(record)).toContain(code);
  });

  it('warns at 8 lookups and errors past 10', async () => {
    const rec = (n: number) => `v=spf1 ${Array.from({ length: n }, (_, i) => `a:h${i}.example.com`).join(' ')} -all`;
    const zone: FakeZone = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`h${i}.example.com`, { A: ['192.0.2.1'] }]));
    expect(await lintOf(rec(7), zone)).not.toContain('lookups-near-limit');
    expect(await lintOf(rec(8), zone)).toContain('lookups-near-limit');
    expect(await lintOf(rec(11), zone)).toContain('too-many-lookups');
  });

  it('flags mx covering only a hosted provider inbound servers (seed 000) and names the fix', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 mx include:spf.mailjet.com -all'], MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] } });
    const finding = a.lint.find((l) => l.code === 'mx-covers-inbound-only')!;
    expect(finding.fix).toContain('include:_spf.google.com');
    const fixed = await run({ 'example.com': { TXT: ['v=spf1 mx include:_spf.google.com include:spf.mailjet.com -all'], MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] } });
    expect(codes(fixed)).not.toContain('mx-covers-inbound-only');
  });

  it('flags a TXT answer above 450 and 512 octets', async () => {
    const big = (n: number) => ({ TXT: ['v=spf1 -all', 'x'.repeat(n)] });
    expect(codes(await run({ 'example.com': big(420) }))).toContain('answer-near-limit');
    expect(codes(await run({ 'example.com': { TXT: ['v=spf1 -all', ['y'.repeat(255), 'y'.repeat(255)]] } }))).toContain('answer-too-large');
  });

  it('flags a deprecated SPF RR when asked to look', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 -all'], SPF: ['v=spf1 -all'] } }, 'example.com', { checkSpfRr: true });
    expect(codes(a)).toContain('spf-rr-type');
  });

  it('flags a draft string over 255 octets', async () => {
    const long = `v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:192.0.2.${i}`).join(' ')} -all`;
    const a = await run({ 'example.com': { TXT: ['v=spf1 -all'] } }, 'example.com', { draftRecord: long });
    // a draft is published split into ≤255-octet strings; the analysis shows how
    expect(a.tree.strings!.every((s) => s.length <= 255)).toBe(true);
  });

  it('gives a no-space hint for a record glued to its version tag', async () => {
    expect(codes(await run({ 'example.com': { TXT: ['v=spf1include:_spf.google.com -all'] } }))).toEqual(['missing-space']);
  });
});

describe('flattening', () => {
  it('collapses networks (contained dropped, siblings merged)', () => {
    expect(collapseNetworks(['192.0.2.0/25', '192.0.2.128/25', '192.0.2.7', '10.0.0.0/8', '10.1.0.0/16', '2001:db8::/33', '2001:db8:8000::/33'])).toEqual(['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32']);
  });

  it('produces one record within 10 lookups when it fits', async () => {
    const a = await run({ 'example.com': { TXT: ['v=spf1 include:_spf.google.com include:spf.mailjet.com ~all'] } });
    expect(a.flattened.records).toHaveLength(1);
    expect(a.flattened.lookupCount).toBe(0);
    expect(a.flattened.withinLimits).toBe(true);
    expect(a.flattened.records[0]!.text).toMatch(/^v=spf1 ip4:.* ~all$/);
  });

  it('splits over include names with ≤255-octet strings and ≤512-octet answers when too long', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `ip4:198.51.${Math.floor(i / 2)}.${(i % 2) * 128 + 1}`).join(' ');
    const a = await run({ 'example.com': { TXT: [`v=spf1 ${many} -all`] } });
    expect(a.flattened.records.length).toBeGreaterThan(2);
    expect(a.flattened.records[0]!.text).toMatch(/^v=spf1 include:_spf1\.example\.com include:_spf2\.example\.com/);
    for (const r of a.flattened.records) {
      expect(r.strings.every((s) => s.length <= 255)).toBe(true);
      expect(txtAnswerSize(r.name, [r.strings])).toBeLessThanOrEqual(512);
    }
    expect(a.flattened.withinLimits).toBe(true);
    // Evaluating the suggestion authorises exactly the same IPs.
    const zone: FakeZone = Object.fromEntries(a.flattened.records.map((r) => [r.name, { TXT: [r.strings] }]));
    for (const ip of ['198.51.0.1', '198.51.59.129', '198.51.59.2']) {
      const original = await checkHost({ ip, sender: 'a@example.com', resolver: createZoneFakeResolver({ 'example.com': { TXT: [`v=spf1 ${many} -all`] } }) });
      const flat = await checkHost({ ip, sender: 'a@example.com', resolver: createZoneFakeResolver(zone) });
      expect(flat.result).toBe(original.result);
    }
  });
});
