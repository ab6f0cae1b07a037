import { providerChanges, providerContentHash } from './provider-attribution';
import { analyzeWith, twoAnalyses } from '../../../test/support/monitoring/analyses';

const google = (domain: string, record: string, netblocks: string) => ({ [domain]: { TXT: [record] }, '_netblocks.google.com': { TXT: [netblocks] } });
const OLD = 'v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all';
const NEW = 'v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:108.177.8.0/21 ~all';

describe('providerChanges', () => {
  it('names the changed include, its service, hashes and the networks it added', async () => {
    const { previous, next, diff } = await twoAnalyses('a.example', google('a.example', 'v=spf1 include:_spf.google.com -all', OLD), google('a.example', 'v=spf1 include:_spf.google.com -all', NEW));
    const changes = providerChanges(previous, next, diff);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      includeDomain: '_netblocks.google.com',
      service: 'Google Workspace',
      diff: { recordBefore: OLD, recordAfter: NEW, networksAdded: ['108.177.8.0/21'], networksRemoved: [], lookupDelta: 0 },
    });
    expect(changes[0]!.beforeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(changes[0]!.afterHash).not.toBe(changes[0]!.beforeHash);
    expect(changes[0]!.diff.changes.length).toBeGreaterThan(0);
  });

  it('gives the same hashes to every domain that includes the provider, however it is reached', async () => {
    const a = await twoAnalyses('a.example', google('a.example', 'v=spf1 include:_spf.google.com -all', OLD), google('a.example', 'v=spf1 include:_spf.google.com -all', NEW));
    const b = await twoAnalyses('b.example', google('b.example', 'v=spf1 ip4:192.0.2.1 +include:_SPF.google.com ~all', OLD), google('b.example', 'v=spf1 ip4:192.0.2.1 +include:_SPF.google.com ~all', NEW));
    const [ca] = providerChanges(a.previous, a.next, a.diff);
    const [cb] = providerChanges(b.previous, b.next, b.diff);
    expect(cb!.includeDomain).toBe(ca!.includeDomain);
    expect(cb!.afterHash).toBe(ca!.afterHash);
    expect(cb!.beforeHash).toBe(ca!.beforeHash);
  });

  it('is empty when the owner changed anything', async () => {
    const { previous, next, diff } = await twoAnalyses('a.example', google('a.example', 'v=spf1 include:_spf.google.com -all', OLD), google('a.example', 'v=spf1 include:_spf.google.com ~all', NEW));
    expect(diff.providerOnly).toBe(false);
    expect(providerChanges(previous, next, diff)).toEqual([]);
  });
});

describe('providerContentHash', () => {
  it('ignores TTLs and how the include was reached', async () => {
    const a = await analyzeWith('a.example', { 'a.example': { TXT: ['v=spf1 include:sendgrid.net -all'] } });
    const b = await analyzeWith('b.example', { 'b.example': { TXT: ['v=spf1 redirect=sendgrid.net'] } });
    const na = a.tree.children[0]!;
    const nb = { ...b.tree.children[0]!, ttl: 1 };
    expect(na.domain).toBe('sendgrid.net');
    expect(nb.via).toBe('redirect');
    expect(providerContentHash(nb)).toBe(providerContentHash(na));
  });
});
