import { analysisContentHash, canonicalJson } from './content-hash';
import { analyzeWith } from '../../../test/support/monitoring/analyses';

describe('analysisContentHash', () => {
  it('ignores the analysis time, TTLs and the order of DNS answers', async () => {
    const a = await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 a include:_spf.google.com -all'], A: ['192.0.2.1', '192.0.2.2'] } }, new Date('2026-01-01T00:00:00Z'));
    const b = await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 a include:_spf.google.com -all'], A: ['192.0.2.2', '192.0.2.1'] } }, new Date('2026-06-01T00:00:00Z'));
    b.tree.ttl = 42;
    b.lint = [...b.lint].reverse();
    expect(b.analyzedAt).not.toBe(a.analyzedAt);
    expect(b.networks.map((n) => n.cidr)).not.toEqual(a.networks.map((n) => n.cidr));
    expect(analysisContentHash(b)).toBe(analysisContentHash(a));
  });

  it('changes when the record, a provider record or an address changes', async () => {
    const zone = { 'example.com': { TXT: ['v=spf1 a include:_spf.google.com -all'], A: ['192.0.2.1'] } };
    const base = analysisContentHash(await analyzeWith('example.com', zone));
    expect(analysisContentHash(await analyzeWith('example.com', { 'example.com': { ...zone['example.com'], TXT: ['v=spf1 a include:_spf.google.com ~all'] } }))).not.toBe(base);
    expect(analysisContentHash(await analyzeWith('example.com', { 'example.com': { ...zone['example.com'], A: ['192.0.2.9'] } }))).not.toBe(base);
    expect(analysisContentHash(await analyzeWith('example.com', { ...zone, '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ~all'] } }))).not.toBe(base);
  });

  it('is a sha256 hex digest', async () => {
    expect(analysisContentHash(await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 -all'] } }))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('round-trips an analysis (same data, keys sorted)', async () => {
    const a = await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 a mx include:_spf.google.com -all'], A: ['192.0.2.1'], MX: [{ priority: 10, exchange: 'mx.example.com' }] }, 'mx.example.com': { A: ['192.0.2.2'] } });
    const text = canonicalJson(a);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(a)));
    expect(text.indexOf('"allQualifier"')).toBeLessThan(text.indexOf('"analyzedAt"'));
    expect(canonicalJson([1, undefined, 'x', { b: undefined }])).toBe('[1,null,"x",{}]');
  });

  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"x":2,"z":1}]},"b":1}');
  });
});
