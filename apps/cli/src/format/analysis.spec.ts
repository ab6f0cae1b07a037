import type { Analysis, LintFinding } from '@spfwatch/spf';
import { hasFindingsAtLeast, renderAnalysis, renderLint, renderTree } from './analysis';

const analysis: Analysis = {
  domain: 'example.com',
  analyzedAt: '2025-01-01T00:00:00.000Z',
  record: 'v=spf1 ip4:198.51.100.0/24 include:_spf.example.net include:missing.example.org -all',
  status: 'permerror',
  lookupCount: 3,
  voidLookups: 1,
  mxAddressLookups: 0,
  ptrLookups: 0,
  allQualifier: '-',
  tree: {
    domain: 'example.com',
    via: 'root',
    record: 'v=spf1 ip4:198.51.100.0/24 include:_spf.example.net include:missing.example.org -all',
    ttl: 300,
    status: 'ok',
    errors: [],
    ownCost: 2,
    totalCost: 3,
    voidLookups: 0,
    terms: [],
    children: [
      {
        domain: '_spf.example.net',
        via: 'include',
        term: 'include:_spf.example.net',
        record: 'v=spf1 ip4:192.0.2.0/24 a ~all',
        status: 'ok',
        errors: [],
        ownCost: 1,
        totalCost: 1,
        voidLookups: 0,
        terms: [{ text: 'a', kind: 'a', qualifier: '+', cost: 1, void: true }],
        children: [],
      },
      {
        domain: 'missing.example.org',
        via: 'include',
        term: 'include:missing.example.org',
        record: null,
        status: 'nxdomain',
        errors: [{ code: 'include-target-missing', message: 'missing.example.org does not exist: receivers return permerror' }],
        ownCost: 0,
        totalCost: 0,
        voidLookups: 1,
        terms: [],
        children: [],
      },
    ],
  },
  networks: [
    { cidr: '198.51.100.0/24', family: 4, path: ['example.com'], term: 'ip4:198.51.100.0/24' },
    { cidr: '192.0.2.0/24', family: 4, path: ['example.com', '_spf.example.net'], term: 'ip4:192.0.2.0/24' },
  ],
  unresolvable: [],
  services: [{ id: 'example-net', name: 'Example Net Mail', include: '_spf.example.net', path: ['example.com'] }],
  lint: [
    { code: 'void-lookup', severity: 'warning', message: 'a in _spf.example.net returns no address', domain: '_spf.example.net', term: 'a' },
    { code: 'include-target-missing', severity: 'error', message: 'include:missing.example.org has no SPF record', domain: 'example.com', term: 'include:missing.example.org', fix: 'remove include:missing.example.org' },
  ],
  flattened: {
    records: [{ name: 'example.com', text: 'v=spf1 ip4:198.51.100.0/24 ip4:192.0.2.0/24 -all', strings: ['v=spf1 ip4:198.51.100.0/24 ip4:192.0.2.0/24 -all'] }],
    lookupCount: 0,
    withinLimits: true,
    notes: ['"a" of _spf.example.net resolved to nothing and was dropped'],
  },
  dnsErrors: [],
  truncated: false,
};

describe('renderTree', () => {
  it('shows per-node cost, records and marked errors, indented by depth', () => {
    expect(renderTree(analysis.tree)).toEqual([
      'example.com  [total 3, own 2]  ttl 300',
      '    "v=spf1 ip4:198.51.100.0/24 include:_spf.example.net include:missing.example.org -all"',
      '  include:_spf.example.net → _spf.example.net  [1]',
      '      "v=spf1 ip4:192.0.2.0/24 a ~all"',
      '      a: void lookup',
      '  include:missing.example.org → missing.example.org  [0]  ✗ domain does not exist, void lookup',
      '      ✗ include-target-missing: missing.example.org does not exist: receivers return permerror',
    ]);
  });

  it('shows total and own cost for a child whose children cost too', () => {
    const child = { ...analysis.tree, via: 'include' as const, term: 'include:x.example', domain: 'x.example', ttl: undefined, record: null, ownCost: 1, totalCost: 4, children: [] };
    expect(renderTree(child, 1)[0]).toBe('  include:x.example → x.example  [total 4, own 1]');
  });
});

describe('renderLint', () => {
  it('lists errors first, with code, message, where and fix', () => {
    expect(renderLint(analysis.lint)).toBe(
      [
        'Lint (2):',
        '  error   include-target-missing: include:missing.example.org has no SPF record [include:missing.example.org in example.com]',
        '          fix: remove include:missing.example.org',
        '  warning void-lookup: a in _spf.example.net returns no address [a in _spf.example.net]',
      ].join('\n'),
    );
    expect(renderLint([])).toBe('Lint: no findings');
  });
});

describe('renderAnalysis', () => {
  it('renders every section', () => {
    const text = renderAnalysis(analysis);
    expect(text).toContain('SPF analysis of example.com: permerror (ends in -all)\n');
    expect(text).toContain('Lookups: 3/10\nVoid lookups: 1/2\nMX address lookups: 0\n');
    expect(text).toContain('Services (1):\n  Example Net Mail  via _spf.example.net\n');
    expect(text).toContain('Networks (2):\n  198.51.100.0/24  ip4:198.51.100.0/24 in example.com\n  192.0.2.0/24     ip4:192.0.2.0/24 in example.com → _spf.example.net\n');
    expect(text).toContain(
      'Flattened suggestion (0/10 lookups, within limits):\n  example.com  TXT  "v=spf1 ip4:198.51.100.0/24 ip4:192.0.2.0/24 -all"\n  note: "a" of _spf.example.net resolved to nothing and was dropped\n',
    );
  });

  it('flags totals over the RFC limits', () => {
    const text = renderAnalysis({ ...analysis, lookupCount: 12, voidLookups: 3 });
    expect(text).toContain('Lookups: 12/10  ✗ over the limit: receivers return permerror');
    expect(text).toContain('Void lookups: 3/2  ✗ over the limit');
  });
});

describe('hasFindingsAtLeast (--fail-on)', () => {
  const warning: LintFinding = { code: 'w', severity: 'warning', message: '', domain: 'example.com' };
  const info: LintFinding = { code: 'i', severity: 'info', message: '', domain: 'example.com' };
  const error: LintFinding = { code: 'e', severity: 'error', message: '', domain: 'example.com' };

  it('"error" fails only on errors, "warning" on warnings or errors, never on info', () => {
    expect(hasFindingsAtLeast([warning, info], 'error')).toBe(false);
    expect(hasFindingsAtLeast([error], 'error')).toBe(true);
    expect(hasFindingsAtLeast([warning], 'warning')).toBe(true);
    expect(hasFindingsAtLeast([error], 'warning')).toBe(true);
    expect(hasFindingsAtLeast([info], 'warning')).toBe(false);
  });
});
