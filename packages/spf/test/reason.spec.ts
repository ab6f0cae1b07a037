import type { Analysis } from '../src/types/analysis';
import { describeAuthorised, describeReason, summariseAuthorised, type AuthorisedSummary } from '../src/explain/reason';

type ReasonInput = Parameters<typeof describeReason>[0];

const base: ReasonInput = { result: 'pass', domain: 'example.com', ip: '192.0.2.10', matchedTerm: null, matched: null, problem: null };

describe('describeReason', () => {
  it('pass through an include names the term, its record and the way there', () => {
    const r: ReasonInput = {
      ...base,
      ip: '209.85.128.5',
      matchedTerm: 'include:_spf.google.com',
      matched: { term: 'ip4:209.85.128.0/17', domain: '_netblocks.google.com', path: ['example.com', '_spf.google.com', '_netblocks.google.com'] },
    };
    expect(describeReason(r)).toBe(
      '209.85.128.5 is authorised for example.com: it matches ip4:209.85.128.0/17 in _netblocks.google.com, reached via include:_spf.google.com (example.com → _spf.google.com → _netblocks.google.com).',
    );
  });

  it('pass through a direct include does not repeat a two-step chain', () => {
    const r: ReasonInput = {
      ...base,
      matchedTerm: 'include:_spf.example.net',
      matched: { term: 'ip4:192.0.2.0/24', domain: '_spf.example.net', path: ['example.com', '_spf.example.net'] },
    };
    expect(describeReason(r)).toBe('192.0.2.10 is authorised for example.com: it matches ip4:192.0.2.0/24 in _spf.example.net, reached via include:_spf.example.net.');
  });

  it('pass by the domain\'s own term', () => {
    const r: ReasonInput = { ...base, matchedTerm: 'ip4:192.0.2.0/24', matched: { term: 'ip4:192.0.2.0/24', domain: 'example.com', path: ['example.com'] } };
    expect(describeReason(r)).toBe("192.0.2.10 is authorised for example.com: it matches ip4:192.0.2.0/24 in example.com's own record.");
  });

  it('pass after a redirect says so', () => {
    const r: ReasonInput = { ...base, matchedTerm: 'a', matched: { term: 'a', domain: 'spf.example.net', path: ['example.com', 'spf.example.net'] } };
    expect(describeReason(r)).toContain('it matches a in spf.example.net, reached via redirect (example.com → spf.example.net)');
  });

  it('fail at -all lists what is authorised and that the IP is in none of it', () => {
    const r: ReasonInput = { ...base, result: 'fail', matchedTerm: '-all', matched: { term: '-all', domain: 'example.com', path: ['example.com'] } };
    const authorised: AuthorisedSummary = {
      services: ['Google Workspace'],
      networks: [
        { cidr: '198.51.100.0/24', holder: '' },
        { cidr: '35.190.247.0/24', holder: '_netblocks.google.com' },
      ],
      dynamicTerms: [],
    };
    expect(describeReason(r, authorised)).toBe(
      '192.0.2.10 is not authorised for example.com: nothing before -all matched, so the result is fail (receivers may reject the message). ' +
        'The record authorises Google Workspace; 2 networks: 198.51.100.0/24, 35.190.247.0/24 (_netblocks.google.com); 192.0.2.10 is in none of them.',
    );
  });

  it('softfail at ~all without an analysis still explains the result', () => {
    const r: ReasonInput = { ...base, result: 'softfail', matchedTerm: '~all', matched: { term: '~all', domain: 'example.com', path: ['example.com'] } };
    expect(describeReason(r, null)).toBe(
      '192.0.2.10 is not authorised for example.com: nothing before ~all matched, so the result is softfail (receivers should accept the message but treat it as suspicious).',
    );
  });

  it('neutral with no match says the record has no "all"', () => {
    expect(describeReason({ ...base, result: 'neutral' })).toContain('no mechanism matched and the record has no "all", so the result is neutral');
  });

  it('an explicit deny names the term and lists nothing else', () => {
    const r: ReasonInput = { ...base, result: 'fail', matchedTerm: '-ip4:192.0.2.10', matched: { term: '-ip4:192.0.2.10', domain: 'example.com', path: ['example.com'] } };
    expect(describeReason(r, { services: ['X'], networks: [], dynamicTerms: [] })).toBe(
      "192.0.2.10 is explicitly given fail by example.com: it matches -ip4:192.0.2.10 in example.com's own record (receivers may reject the message).",
    );
  });

  it.each([
    ['none', 'example.com has no SPF record', 'No SPF policy applies: example.com has no SPF record.'],
    ['permerror', 'too many DNS lookups', 'The SPF policy of example.com cannot be evaluated (permanent error): too many DNS lookups.'],
    ['temperror', 'DNS timeout looking up the SPF record of example.com', 'A temporary DNS problem stopped the check: DNS timeout looking up the SPF record of example.com.'],
  ] as const)('%s explains the problem in words', (result, problem, start) => {
    expect(describeReason({ ...base, result, problem })).toContain(start);
  });
});

describe('describeAuthorised', () => {
  it('names up to 8 networks and counts the rest', () => {
    const networks = Array.from({ length: 11 }, (_, i) => ({ cidr: `192.0.2.${i}`, holder: '' }));
    const text = describeAuthorised('203.0.113.1', { services: [], networks, dynamicTerms: [] });
    expect(text).toBe(
      'The record authorises 11 networks: 192.0.2.0, 192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4, 192.0.2.5, 192.0.2.6, 192.0.2.7 …and 3 more; 203.0.113.1 is in none of them.',
    );
  });

  it('mentions terms decided at check time', () => {
    expect(describeAuthorised('203.0.113.1', { services: [], networks: [], dynamicTerms: ['exists:%{i}.spf.example.com'] })).toBe(
      'The record authorises no fixed network except through terms decided at check time (exists:%{i}.spf.example.com), which did not match.',
    );
  });
});

describe('summariseAuthorised', () => {
  it('deduplicates services and networks and names the holder of included networks only', () => {
    const analysis = {
      domain: 'example.com',
      services: [
        { id: 'google', name: 'Google Workspace', include: '_spf.google.com', path: ['example.com'] },
        { id: 'google', name: 'Google Workspace', include: '_spf.google.com', path: ['example.com', 'other.example'] },
      ],
      networks: [
        { cidr: '192.0.2.0/24', family: 4, path: ['example.com'], term: 'ip4:192.0.2.0/24' },
        { cidr: '192.0.2.0/24', family: 4, path: ['example.com', 'x.example'], term: 'ip4:192.0.2.0/24' },
        { cidr: '35.190.247.0/24', family: 4, path: ['example.com', '_spf.google.com', '_netblocks.google.com'], term: 'ip4:35.190.247.0/24' },
      ],
      unresolvable: [],
    } satisfies Pick<Analysis, 'services' | 'networks' | 'unresolvable' | 'domain'>;
    expect(summariseAuthorised(analysis)).toEqual({
      services: ['Google Workspace'],
      networks: [
        { cidr: '192.0.2.0/24', holder: '' },
        { cidr: '35.190.247.0/24', holder: '_netblocks.google.com' },
      ],
      dynamicTerms: [],
    });
  });
});


describe('hints from lint', () => {
  it('adds the seed-000 advice when mx only covers a hosted provider inbound servers', () => {
    const summary = summariseAuthorised({
      domain: 'mydomain.test',
      services: [{ id: 'mailjet', name: 'Mailjet', include: 'spf.mailjet.com', path: ['mydomain.test'] }],
      networks: [{ cidr: '87.253.232.0/21', family: 4, path: ['mydomain.test', 'spf.mailjet.com'], term: 'ip4:87.253.232.0/21' }],
      unresolvable: [],
      lint: [{ code: 'mx-covers-inbound-only', severity: 'warning', domain: 'mydomain.test', term: 'mx', message: '"mx" authorises Google Workspace\'s inbound MX servers.', fix: 'Add "include:_spf.google.com".' }],
    });
    expect(describeAuthorised('209.85.220.41', summary)).toBe(
      'The record authorises Mailjet; 1 network: 87.253.232.0/21 (spf.mailjet.com); 209.85.220.41 is in none of them. Hint: "mx" authorises Google Workspace\'s inbound MX servers. Add "include:_spf.google.com".',
    );
  });
});
