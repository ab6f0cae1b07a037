import { detectServicesInTree } from '../../src/catalogue/detect';
import { diffAnalyses } from '../../src/diff/diff-analyses';
import { summarizeDiff } from '../../src/diff/summarize';
import type { Change, ChangeKind } from '../../src/diff/types';
import type { Qualifier } from '../../src/parser/types';
import type { Analysis, AnalysisNode, AuthorizedNetwork } from '../../src/types/analysis';

/** Published SPF records by name; an array of two or more is "multiple records". */
type Zone = Record<string, string | string[]>;

const COSTLY = /^(include:|a$|a:|a\/|mx$|mx:|mx\/|ptr|exists:|redirect=)/i;

/**
 * A minimal valid Analysis built from record texts, without DNS: walks include/redirect like the
 * analyser (repeated includes counted again), keeps ip4/ip6 networks with their provenance.
 */
function analysisOf(domain: string, zone: Zone, overrides: Partial<Analysis> = {}): Analysis {
  const networks: AuthorizedNetwork[] = [];
  let voids = 0;
  let broken = false;
  const walk = (name: string, via: AnalysisNode['via'], parent: string[], term?: string): AnalysisNode => {
    const path = [...parent, name];
    const published = zone[name];
    const node: AnalysisNode = { domain: name, via, ...(term ? { term } : {}), record: null, status: 'ok', errors: [], ownCost: 0, totalCost: 0, voidLookups: 0, terms: [], children: [] };
    if (published === undefined) {
      node.status = 'none';
      if (via !== 'root') {
        voids++;
        node.voidLookups = 1;
        broken = true;
      }
      return node;
    }
    if (Array.isArray(published) && published.length > 1) {
      node.status = 'multiple';
      node.record = published.join('\n');
      broken = true;
      return node;
    }
    const text = Array.isArray(published) ? published[0]! : published;
    node.record = text;
    const terms = text.split(' ').slice(1).filter(Boolean);
    const hasAll = terms.some((t) => /^[-~?+]?all$/i.test(t));
    for (const t of terms) {
      const bare = t.replace(/^[-~?+]/, '').toLowerCase();
      const qualifier = (/^[-~?+]/.test(t) ? t[0] : '+') as Qualifier;
      if (COSTLY.test(bare) && !(bare.startsWith('redirect=') && hasAll)) node.ownCost++;
      if (bare.startsWith('include:')) node.children.push(walk(bare.slice(8).toLowerCase(), 'include', path, t));
      else if (bare.startsWith('redirect=') && !hasAll) node.children.push(walk(bare.slice(9).toLowerCase(), 'redirect', path, t));
      else if (/^ip[46]:/.test(bare) && qualifier === '+') networks.push({ cidr: bare.slice(4), family: bare.startsWith('ip4') ? 4 : 6, path, term: t });
    }
    node.totalCost = node.ownCost + node.children.reduce((s, c) => s + c.totalCost, 0);
    return node;
  };
  const tree = walk(domain, 'root', []);
  const allOf = (n: AnalysisNode): Qualifier | null => {
    const all = n.record?.split(' ').find((t) => /^[-~?+]?all$/i.test(t));
    if (all) return (/^[-~?+]/.test(all) ? all[0] : '+') as Qualifier;
    const r = n.children.find((c) => c.via === 'redirect');
    return r ? allOf(r) : null;
  };
  const lookupCount = tree.totalCost;
  const status = tree.record === null ? 'none' : broken || lookupCount > 10 || voids > 2 ? 'permerror' : 'ok';
  return {
    domain,
    analyzedAt: '2026-01-01T00:00:00.000Z',
    record: tree.record,
    status,
    lookupCount,
    voidLookups: voids,
    mxAddressLookups: 0,
    ptrLookups: 0,
    allQualifier: tree.status === 'multiple' ? null : allOf(tree),
    tree,
    networks,
    unresolvable: [],
    services: detectServicesInTree(tree),
    lint: [],
    flattened: { records: [], lookupCount, withinLimits: lookupCount <= 10, notes: [] },
    dnsErrors: [],
    truncated: false,
    ...overrides,
  };
}

const byKind = (changes: Change[], kind: ChangeKind) => changes.filter((c) => c.kind === kind);
const one = (changes: Change[], kind: ChangeKind): Change => {
  const found = byKind(changes, kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};

// Real provider records, from fixtures/providers.yaml.
const GOOGLE: Zone = {
  '_spf.google.com': 'v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all',
  '_netblocks.google.com': 'v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ip4:209.85.128.0/17 ip4:216.58.192.0/19 ip4:216.239.32.0/19 ~all',
  '_netblocks2.google.com': 'v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ip6:2a00:1450:4000::/36 ip6:2c0f:fb50:4000::/36 ~all',
  '_netblocks3.google.com': 'v=spf1 ~all',
};
const NETBLOCKS3_LATER = 'v=spf1 ip4:172.217.0.0/19 ip4:172.217.32.0/20 ip4:172.217.128.0/19 ip4:172.217.160.0/20 ip4:172.217.192.0/19 ip4:172.253.56.0/21 ip4:172.253.112.0/20 ip4:108.177.96.0/19 ip4:35.191.0.0/16 ip4:130.211.0.0/22 ~all';
const SENDGRID_OLD: Zone = {
  'sendgrid.net': 'v=spf1 ip4:208.115.214.0/24 ip4:74.63.202.0/24 ip4:75.126.200.128/27 ip4:75.126.253.0/24 ip4:67.228.50.32/27 ip4:174.36.80.208/28 ip4:174.36.92.96/27 ip4:69.162.98.0/24 ip4:74.63.194.0/24 ip4:74.63.234.0/24 ip4:74.63.235.0/24 include:sendgrid.biz ~all',
  'sendgrid.biz': 'v=spf1 ip4:167.89.0.0/17 ip4:208.115.235.0/24 ip4:74.63.231.0/24 ip4:74.63.247.0/24 ip4:74.63.236.0/24 ip4:208.115.239.0/24 ip4:173.193.132.0/23 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ip4:198.21.0.0/21 ip4:192.254.112.0/20 ~all',
};
const SENDGRID_NEW: Zone = {
  'sendgrid.net': 'v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ip4:198.21.0.0/21 ip4:192.254.112.0/20 ip4:168.245.0.0/17 ip4:149.72.0.0/16 ~all',
};

describe('diffAnalyses', () => {
  it('reports nothing for identical analyses', () => {
    const zone = { 'example.com': 'v=spf1 include:_spf.google.com include:sendgrid.net -all', ...GOOGLE, ...SENDGRID_OLD };
    const diff = diffAnalyses(analysisOf('example.com', zone), analysisOf('example.com', zone));
    expect(diff).toMatchObject({ changed: false, changes: [], termsAdded: [], termsRemoved: [], servicesAdded: [], servicesRemoved: [], networksAdded: [], networksRemoved: [], lookupDelta: 0, voidDelta: 0, providerOnly: false, changedIncludes: [], maxSeverity: null });
    expect(summarizeDiff(diff)).toBe('example.com: no change');
  });

  it('treats a provider adding a netblock as a provider-only change at its include', () => {
    const own = { 'example.com': 'v=spf1 include:_spf.google.com ~all' };
    const before = analysisOf('example.com', { ...own, ...GOOGLE });
    const after = analysisOf('example.com', { ...own, ...GOOGLE, '_netblocks3.google.com': NETBLOCKS3_LATER });
    const diff = diffAnalyses(before, after);

    expect(diff.changed).toBe(true);
    expect(diff.providerOnly).toBe(true);
    expect(diff.recordBefore).toBe(diff.recordAfter);
    expect(diff.termsAdded).toEqual([]);
    expect(diff.networksAdded.map((n) => n.cidr)).toHaveLength(10);
    expect(diff.networksAdded[0]).toEqual({ cidr: '172.217.0.0/19', family: 4, path: ['example.com', '_spf.google.com', '_netblocks3.google.com'], term: 'ip4:172.217.0.0/19' });
    expect(diff.changedIncludes).toEqual([{ domain: '_netblocks3.google.com', before: 'v=spf1 ~all', after: NETBLOCKS3_LATER }]);

    const added = one(diff.changes, 'network-added');
    expect(added).toMatchObject({ severity: 'info', fromSharedInclude: true, sources: ['_netblocks3.google.com'] });
    expect(added.message).toMatch(/^Google Workspace \(_netblocks3\.google\.com\) added 10 networks: 172\.217\.0\.0\/19, .* and 5 more\.$/);
    expect(one(diff.changes, 'include-changed')).toMatchObject({ severity: 'info', fromSharedInclude: true, sources: ['_netblocks3.google.com'] });
    expect(byKind(diff.changes, 'record-changed')).toEqual([]);
    expect(diff.maxSeverity).toBe('info');
    expect(summarizeDiff(diff)).toMatch(/^example\.com: 2 info \(provider change\) — /);
  });

  it('attributes SendGrid dropping sendgrid.biz to sendgrid.net, with the lookup decrease', () => {
    const own = { 'example.com': 'v=spf1 include:sendgrid.net -all' };
    const diff = diffAnalyses(analysisOf('example.com', { ...own, ...SENDGRID_OLD }), analysisOf('example.com', { ...own, ...SENDGRID_NEW }));

    expect(diff.providerOnly).toBe(true);
    const removed = one(diff.changes, 'network-removed');
    expect(removed).toMatchObject({ severity: 'warning', fromSharedInclude: true, sources: ['sendgrid.net'] });
    // 11 own ranges + 11 of sendgrid.biz's 12 (167.89.0.0/17 & co. moved into sendgrid.net are not removed)
    expect(removed.message).toMatch(/^SendGrid \(sendgrid\.net\) removed 17 networks \(it no longer includes sendgrid\.biz\): /);
    expect((removed.before as AuthorizedNetwork[]).some((n) => n.path.includes('sendgrid.biz'))).toBe(true);
    expect(diff.networksRemoved.map((n) => n.cidr)).not.toContain('167.89.0.0/17');
    expect(one(diff.changes, 'network-added')).toMatchObject({ severity: 'info', fromSharedInclude: true, sources: ['sendgrid.net'] });
    const lookups = one(diff.changes, 'lookups-changed');
    expect(lookups).toMatchObject({ severity: 'info', before: 2, after: 1, fromSharedInclude: true, sources: ['sendgrid.net'] });
    expect(lookups.message).toBe('Lookup count fell from 2 to 1, because SendGrid (sendgrid.net) changed (not your record).');
    expect(diff.lookupDelta).toBe(-1);
  });

  it('classifies the owner removing an include: service removed (warning), fewer lookups (info)', () => {
    const zone = { ...GOOGLE, ...SENDGRID_OLD };
    const before = analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 include:_spf.google.com include:sendgrid.net ~all' });
    const after = analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 include:_spf.google.com ~all' });
    const diff = diffAnalyses(before, after);

    expect(diff.servicesRemoved).toEqual(['sendgrid']);
    expect(diff.termsRemoved).toEqual(['include:sendgrid.net']);
    expect(diff.termsAdded).toEqual([]);
    const service = one(diff.changes, 'service-removed');
    expect(service).toMatchObject({ severity: 'warning', fromSharedInclude: false });
    expect(service.message).toBe('SendGrid (sendgrid.net) is no longer authorised: the record no longer includes sendgrid.net, so mail sent through SendGrid will fail SPF.');
    expect(one(diff.changes, 'lookups-changed')).toMatchObject({ severity: 'info', before: 6, after: 4, fromSharedInclude: false, message: 'Lookup count fell from 6 to 4.' });
    const networks = one(diff.changes, 'network-removed');
    expect(networks).toMatchObject({ severity: 'warning', fromSharedInclude: false });
    expect(networks.message).toMatch(/^The record no longer includes SendGrid \(sendgrid\.net\), so 23 networks are no longer authorised: /);
    expect(one(diff.changes, 'terms-removed')).toMatchObject({ severity: 'info', message: 'Removed from the record: include:sendgrid.net' });
    expect(one(diff.changes, 'record-changed').severity).toBe('info');
    expect(diff.providerOnly).toBe(false);
    expect(diff.maxSeverity).toBe('warning');
    expect(diff.changes[0]!.severity).toBe('warning'); // most severe first
  });

  it('makes a removed service breaking when nothing is authorised any more', () => {
    const before = analysisOf('example.com', { 'example.com': 'v=spf1 include:sendgrid.net -all', ...SENDGRID_NEW });
    const after = analysisOf('example.com', { 'example.com': 'v=spf1 -all', ...SENDGRID_NEW });
    const service = one(diffAnalyses(before, after).changes, 'service-removed');
    expect(service.severity).toBe('breaking');
    expect(service.message).toMatch(/the record now authorises no servers at all\.$/);
  });

  it('breaks when the record grows past 10 lookups (RFC 7208 §4.6.4)', () => {
    const nine = 'v=spf1 a mx a:mail.example.com include:_spf.google.com include:spf.mailjet.com include:spf.mtasv.net ~all';
    const zone: Zone = { ...GOOGLE, 'spf.mailjet.com': 'v=spf1 ip4:87.253.232.0/21 ~all', 'spf.mtasv.net': 'v=spf1 ip4:50.31.156.0/24 ~all', 'mail.zendesk.com': 'v=spf1 ip4:192.161.144.0/20 ~all', 'mktomail.com': 'v=spf1 ip4:199.15.212.0/22 ~all' };
    const before = analysisOf('example.com', { ...zone, 'example.com': nine });
    const after = analysisOf('example.com', { ...zone, 'example.com': `${nine.replace(' ~all', '')} include:mail.zendesk.com include:mktomail.com ~all` });
    expect(before.lookupCount).toBe(9);
    expect(after.lookupCount).toBe(11);
    const diff = diffAnalyses(before, after);

    const lookups = one(diff.changes, 'lookups-changed');
    expect(lookups).toMatchObject({ severity: 'breaking', before: 9, after: 11, fromSharedInclude: false });
    expect(lookups.message).toBe('Lookup count rose from 9 to 11 — over the limit of 10: receivers will return permerror and may reject mail.');
    expect(one(diff.changes, 'status-changed')).toMatchObject({ severity: 'breaking', before: 'ok', after: 'permerror' });
    expect(diff.servicesAdded).toEqual(['zendesk', 'marketo']);
    expect(byKind(diff.changes, 'service-added').map((c) => c.severity)).toEqual(['info', 'info']);
    expect(diff.maxSeverity).toBe('breaking');
    expect(diff.changes[0]!.severity).toBe('breaking');
    expect(summarizeDiff(diff)).toMatch(/^example\.com: 2 breaking, \d+ info — /);
  });

  it('warns on any lookup increase, and says when the count nears the limit', () => {
    const zone: Zone = { 'spf.mailjet.com': 'v=spf1 ip4:87.253.232.0/21 ~all' };
    const small = diffAnalyses(analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 a mx ~all' }), analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 a mx include:spf.mailjet.com ~all' }));
    expect(one(small.changes, 'lookups-changed')).toMatchObject({ severity: 'warning', message: 'Lookup count rose from 2 to 3.' });

    const near = diffAnalyses(
      analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 a mx a:x.example.com mx:y.example.com a:z.example.com a:w.example.com ~all' }),
      analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 a mx a:x.example.com mx:y.example.com a:z.example.com a:w.example.com include:spf.mailjet.com a:v.example.com ~all' }),
    );
    expect(one(near.changes, 'lookups-changed')).toMatchObject({ severity: 'warning', before: 6, after: 8 });
    expect(one(near.changes, 'lookups-changed').message).toMatch(/close to the limit of 10/);
  });

  it('breaks when void lookups go over 2', () => {
    const before = analysisOf('example.com', { 'example.com': 'v=spf1 include:gone1.example.net include:gone2.example.net ~all' });
    const after = analysisOf('example.com', { 'example.com': 'v=spf1 include:gone1.example.net include:gone2.example.net include:gone3.example.net ~all' });
    const voids = one(diffAnalyses(before, after).changes, 'voids-changed');
    expect(voids).toMatchObject({ severity: 'breaking', before: 2, after: 3 });
    expect(voids.message).toMatch(/over the limit of 2/);
  });

  describe('the "all" qualifier', () => {
    const diffAll = (from: string, to: string) =>
      one(diffAnalyses(analysisOf('example.com', { 'example.com': `v=spf1 ip4:192.0.2.1${from}` }), analysisOf('example.com', { 'example.com': `v=spf1 ip4:192.0.2.1${to}` })).changes, 'all-changed');

    it('warns when -all loosens to ~all', () => {
      const change = diffAll(' -all', ' ~all');
      expect(change).toMatchObject({ severity: 'warning', before: '-', after: '~', fromSharedInclude: false });
      expect(change.message).toMatch(/^The policy for unlisted servers loosened from -all \(fail\) to ~all \(softfail\)/);
    });

    it('is info when ~all tightens to -all', () => {
      expect(diffAll(' ~all', ' -all')).toMatchObject({ severity: 'info', before: '~', after: '-' });
    });

    it('warns when ~all becomes ?all or disappears, and breaks on +all', () => {
      expect(diffAll(' ~all', ' ?all').severity).toBe('warning');
      expect(diffAll(' -all', '').severity).toBe('warning');
      expect(diffAll(' ~all', ' +all').severity).toBe('breaking');
      expect(diffAll('', ' +all')).toMatchObject({ severity: 'breaking', before: null, after: '+' });
      expect(diffAll('', ' -all').severity).toBe('info');
    });

    it('attributes a change in a redirect target to the provider', () => {
      const own = { 'example.com': 'v=spf1 redirect=_spf.provider.example' };
      const diff = diffAnalyses(
        analysisOf('example.com', { ...own, '_spf.provider.example': 'v=spf1 ip4:192.0.2.0/24 -all' }),
        analysisOf('example.com', { ...own, '_spf.provider.example': 'v=spf1 ip4:192.0.2.0/24 ~all' }),
      );
      expect(one(diff.changes, 'all-changed')).toMatchObject({ severity: 'warning', fromSharedInclude: true, sources: ['_spf.provider.example'] });
      expect(diff.providerOnly).toBe(true);
    });
  });

  it('breaks when the record is removed, without a second alert for the status', () => {
    const zone = { 'example.com': 'v=spf1 include:_spf.google.com ip4:192.0.2.1 -all', ...GOOGLE };
    const diff = diffAnalyses(analysisOf('example.com', zone), analysisOf('example.com', GOOGLE));
    expect(diff.changes.map((c) => c.kind)).toEqual(['record-removed']);
    const removed = diff.changes[0]!;
    expect(removed).toMatchObject({ severity: 'breaking', fromSharedInclude: false, before: zone['example.com'], after: null });
    expect(removed.message).toMatch(/^The SPF record of example\.com was removed \(it authorised Google Workspace and 18 networks\)/);
    expect(diff).toMatchObject({ recordAfter: null, statusBefore: 'ok', statusAfter: 'none', servicesRemoved: ['google-workspace'], maxSeverity: 'breaking' });
    expect(diff.networksRemoved).toHaveLength(18);
  });

  it('reports a new record as info', () => {
    const diff = diffAnalyses(analysisOf('example.com', {}), analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 -all' }));
    expect(diff.changes.map((c) => [c.kind, c.severity])).toEqual([['record-added', 'info']]);
  });

  it('breaks when a second SPF record appears (RFC 7208 §4.5)', () => {
    const before = analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 -all' });
    const after = analysisOf('example.com', { 'example.com': ['v=spf1 ip4:192.0.2.1 -all', 'v=spf1 include:sendgrid.net -all'] });
    const diff = diffAnalyses(before, after);
    expect(diff.changes.map((c) => [c.kind, c.severity])).toEqual([['multiple-records', 'breaking']]);
    expect(diff.changes[0]!.message).toMatch(/now publishes 2 SPF records: receivers return permerror/);
  });

  it('reports only a text change when the terms are merely reordered', () => {
    const zone = { ...GOOGLE, ...SENDGRID_NEW };
    const diff = diffAnalyses(
      analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 include:_spf.google.com include:sendgrid.net ip4:192.0.2.1 -all' }),
      analysisOf('example.com', { ...zone, 'example.com': 'v=spf1 +ip4:192.0.2.1 INCLUDE:sendgrid.net include:_spf.google.com -all' }),
    );
    expect(diff.termsAdded).toEqual([]);
    expect(diff.termsRemoved).toEqual([]);
    expect(diff.changes.map((c) => [c.kind, c.severity])).toEqual([['record-changed', 'info']]);
    expect(diff.changes[0]!.message).toBe('The SPF record text of example.com changed; its terms are the same.');
  });

  it('lists added and removed terms as written', () => {
    const diff = diffAnalyses(
      analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 ip4:192.0.2.1 -all' }),
      analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 ip4:198.51.100.0/24 -all' }),
    );
    expect(diff.termsAdded).toEqual(['ip4:198.51.100.0/24']);
    expect(diff.termsRemoved).toEqual(['ip4:192.0.2.1']); // the duplicate
    expect(one(diff.changes, 'network-added')).toMatchObject({ severity: 'info', fromSharedInclude: false, message: 'The record now authorises 198.51.100.0/24.' });
  });

  it("treats the owner's own sub-include as the owner's change", () => {
    const own = { 'example.com': 'v=spf1 include:_spf.example.com -all' };
    const diff = diffAnalyses(
      analysisOf('example.com', { ...own, '_spf.example.com': 'v=spf1 ip4:192.0.2.1 -all' }),
      analysisOf('example.com', { ...own, '_spf.example.com': 'v=spf1 ip4:192.0.2.1 ip4:192.0.2.2 -all' }),
    );
    expect(one(diff.changes, 'network-added')).toMatchObject({ fromSharedInclude: false, message: 'The record of _spf.example.com now authorises 192.0.2.2.' });
    expect(one(diff.changes, 'include-changed').fromSharedInclude).toBe(false);
    expect(diff.providerOnly).toBe(false);
  });

  it("keeps a provider's change attributed to it when the owner edits the same day", () => {
    const before = analysisOf('example.com', { ...GOOGLE, 'example.com': 'v=spf1 include:_spf.google.com ~all' });
    const after = analysisOf('example.com', { ...GOOGLE, ...SENDGRID_NEW, '_netblocks3.google.com': NETBLOCKS3_LATER, 'example.com': 'v=spf1 include:_spf.google.com include:sendgrid.net ~all' });
    const diff = diffAnalyses(before, after);
    const added = byKind(diff.changes, 'network-added');
    expect(added.map((c) => [c.fromSharedInclude, c.sources])).toEqual([
      [true, ['_netblocks3.google.com']],
      [false, undefined],
    ]);
    expect(one(diff.changes, 'service-added')).toMatchObject({ fromSharedInclude: false, message: 'SendGrid (sendgrid.net) is now authorised.' });
    expect(one(diff.changes, 'lookups-changed')).toMatchObject({ severity: 'warning', fromSharedInclude: false });
    expect(diff.providerOnly).toBe(false);
  });

  it('raises a breaking status change, not a flood of removals, when the root lookup fails', () => {
    const zone = { 'example.com': 'v=spf1 include:_spf.google.com -all', ...GOOGLE };
    const before = analysisOf('example.com', zone);
    const failedTree: AnalysisNode = { domain: 'example.com', via: 'root', record: null, status: 'temperror', errors: [{ code: 'dns-error', message: 'DNS timeout looking up TXT example.com' }], ownCost: 0, totalCost: 0, voidLookups: 0, terms: [], children: [] };
    const after = analysisOf('example.com', {}, { tree: failedTree, status: 'temperror', lint: [{ code: 'dns-error', severity: 'error', domain: 'example.com', message: 'DNS timeout looking up TXT example.com.' }] });
    const diff = diffAnalyses(before, after);
    expect(diff.changes.map((c) => [c.kind, c.severity])).toEqual([['status-changed', 'breaking']]);
    expect(diff.changes[0]!.message).toMatch(/from ok to temperror .* Cause: DNS timeout looking up TXT example\.com\.$/);
    expect(diff.networksRemoved).toEqual([]);
    expect(diff.servicesRemoved).toEqual([]);
  });

  it('reports a provider include losing its record as a provider-caused breaking status change', () => {
    const own = { 'example.com': 'v=spf1 include:spf.mailjet.com -all' };
    const before = analysisOf('example.com', { ...own, 'spf.mailjet.com': 'v=spf1 ip4:87.253.232.0/21 ~all' });
    const after = analysisOf('example.com', own);
    const diff = diffAnalyses(before, after);
    expect(one(diff.changes, 'status-changed')).toMatchObject({ severity: 'breaking', fromSharedInclude: true, sources: ['spf.mailjet.com'] });
    expect(one(diff.changes, 'include-changed').message).toBe('Mailjet (spf.mailjet.com) no longer returns an SPF record.');
    expect(diff.providerOnly).toBe(true);
    expect(diff.maxSeverity).toBe('breaking');
  });
});

describe('summarizeDiff', () => {
  it('gives one line with counts and the most severe message', () => {
    const before = analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 -all' });
    const after = analysisOf('example.com', { 'example.com': 'v=spf1 ip4:192.0.2.1 ~all' });
    const line = summarizeDiff(diffAnalyses(before, after));
    // all-changed, plus record-changed, terms-added ~all and terms-removed -all
    expect(line).toBe('example.com: 1 warning, 3 info — The policy for unlisted servers loosened from -all (fail) to ~all (softfail): receivers no longer fail mail from servers you have not listed, they only mark it as suspicious. (+3 more)');
    expect(line).not.toMatch(/\n/);
  });
});
