import { buildRecord, draftFromRecord, draftProblems, EMPTY_DRAFT, splitList } from './build-record';

describe('buildRecord', () => {
  it('writes terms in the usual order and ends with the chosen strictness', () => {
    expect(
      buildRecord({ ...EMPTY_DRAFT, mx: true, a: true, ip4: ['38.106.5.33/32'], ip6: ['2001:db8::/32'], includes: ['_spf.google.com', 'spf.mailjet.com'], all: '-all' }),
    ).toBe('v=spf1 mx a ip4:38.106.5.33/32 ip6:2001:db8::/32 include:_spf.google.com include:spf.mailjet.com -all');
  });

  it('drops duplicates and empty entries', () => {
    expect(buildRecord({ ...EMPTY_DRAFT, ip4: ['192.0.2.1', ' 192.0.2.1 ', ''], includes: ['a.example', 'a.example'] })).toBe('v=spf1 ip4:192.0.2.1 include:a.example ~all');
  });

  it('an empty draft is still a valid record', () => {
    expect(buildRecord(EMPTY_DRAFT)).toBe('v=spf1 ~all');
  });
});

describe('draftFromRecord', () => {
  it('round-trips what the builder writes', () => {
    const text = 'v=spf1 mx a ip4:192.0.2.0/24 ip6:2001:db8::1 include:_spf.google.com -all';
    const draft = draftFromRecord(text);
    expect(draft).toEqual({ mx: true, a: true, ip4: ['192.0.2.0/24'], ip6: ['2001:db8::1'], includes: ['_spf.google.com'], extra: [], all: '-all' });
    expect(buildRecord(draft!)).toBe(text);
  });

  it('keeps terms it has no checkbox for', () => {
    const draft = draftFromRecord('v=spf1 a:mail.example.com exists:%{i}.bl.example include:spf.protection.outlook.com ~all')!;
    expect(draft.extra).toEqual(['a:mail.example.com', 'exists:%{i}.bl.example']);
    expect(draft.includes).toEqual(['spf.protection.outlook.com']);
  });

  it('is null for text that is not an SPF record', () => {
    expect(draftFromRecord('google-site-verification=abc')).toBeNull();
    expect(draftFromRecord('')).toBeNull();
  });
});

describe('draftProblems and splitList', () => {
  it('names each malformed address or include', () => {
    expect(draftProblems({ ...EMPTY_DRAFT, ip4: ['192.0.2.0/24', '300.1.1.1', 'x.x.x.x'], ip6: ['2001:db8::/129'], includes: ['not a domain'] })).toEqual([
      '"300.1.1.1" is not an IPv4 address or range (e.g. 192.0.2.10 or 192.0.2.0/24).',
      '"x.x.x.x" is not an IPv4 address or range (e.g. 192.0.2.10 or 192.0.2.0/24).',
      '"2001:db8::/129" is not an IPv6 address or range (e.g. 2001:db8::/32).',
      '"not a domain" is not a domain name.',
    ]);
  });

  it('splits on commas, spaces and new lines', () => {
    expect(splitList('192.0.2.1, 192.0.2.2\n 192.0.2.0/24;')).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.0/24']);
  });
});
