import { checkHost } from '../src/eval/check-host';
import type { CheckHostInput } from '../src/eval/check-host';
import type { FakeZone } from '../src/dns/zone-fake-resolver';
import { createZoneFakeResolver } from '../src/dns/zone-fake-resolver';

function check(zone: FakeZone, input: Omit<CheckHostInput, 'resolver'>) {
  const resolver = createZoneFakeResolver(zone);
  return checkHost({ ...input, resolver }).then((r) => ({ ...r, queries: resolver.queries }));
}

const spf = (text: string | string[]) => ({ TXT: [text] });

describe('RFC 7208 §4.3 initial processing', () => {
  // RFC 7208 §4.3: a label over 63 octets → none
  it('returns none for a label longer than 63 octets', async () => {
    const r = await check({}, { ip: '192.0.2.1', sender: `a@${'x'.repeat(64)}.example.com` });
    expect(r.result).toBe('none');
    expect(r.queries).toHaveLength(0);
  });
  // RFC 7208 §4.3: a 63-octet label is fine
  it('accepts a 63-octet label', async () => {
    const name = `${'x'.repeat(63)}.example.com`;
    const r = await check({ [name]: spf('v=spf1 -all') }, { ip: '192.0.2.1', sender: `a@${name}` });
    expect(r.result).toBe('fail');
  });
  // RFC 7208 §4.3: empty labels and single-label names are malformed → none
  it.each(['a@example..com', 'a@localhost', 'a@[192.0.2.1]', 'a@192.0.2.1'])('returns none for %s', async (sender) => {
    const r = await check({}, { ip: '192.0.2.1', sender });
    expect(r.result).toBe('none');
  });
  // RFC 7208 §4.3: domain over 253 octets → none
  it('returns none for a domain over 253 octets', async () => {
    const long = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.') + '.com';
    expect((await check({}, { ip: '192.0.2.1', sender: `x@${long}` })).result).toBe('none');
  });
  // RFC 7208 §4.3: no local-part → "postmaster"
  it('substitutes postmaster for an empty local-part', async () => {
    const zone = { 'example.net': spf('v=spf1 -all exp=exp.example.net'), 'exp.example.net': { TXT: ['%{l} says no'] } };
    const r = await check(zone, { ip: '192.0.2.1', sender: '@example.net' });
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe('postmaster says no');
    expect(r.sender).toBe('postmaster@example.net');
  });
  // RFC 7208 §2.4: an empty MAIL FROM checks the HELO identity as postmaster@helo
  it('checks the HELO identity when MAIL FROM is empty', async () => {
    const r = await check({ 'mail.example.org': spf('v=spf1 ip4:192.0.2.0/24 -all') }, { ip: '192.0.2.7', sender: '', helo: 'mail.example.org' });
    expect(r.result).toBe('pass');
    expect(r.identity).toBe('helo');
    expect(r.sender).toBe('postmaster@mail.example.org');
  });
  // RFC 7208 §4.3 with RFC 5890: U-labels are queried as A-labels
  it('converts IDN U-labels to A-labels', async () => {
    const r = await check({ 'xn--bcher-kva.example': spf('v=spf1 +all') }, { ip: '192.0.2.1', sender: 'a@bücher.example' });
    expect(r.result).toBe('pass');
    expect(r.queries[0]).toEqual({ name: 'xn--bcher-kva.example', type: 'TXT' });
  });
  it('gives permerror (not an exception) for a malformed IP', async () => {
    const r = await check({}, { ip: '1.2.3', sender: 'a@example.com' });
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatch(/not a valid/);
  });
});

describe('RFC 7208 §4.4–4.5 record lookup and selection', () => {
  // §4.5: strings of one TXT RR are concatenated without spaces
  it('joins the strings of one TXT record without spaces', async () => {
    const r = await check({ 'example.com': { TXT: [['v=spf1 ip4:192.0.2.1', ' -all']] } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('pass');
    const split = await check({ 'example.com': { TXT: [['v=spf1', 'mx']] } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    // "v=spf1mx" is not an SPF record (§4.5: version terminated by SP or end)
    expect(split.result).toBe('none');
  });
  // §4.5: more than one v=spf1 record → permerror
  it('returns permerror for two SPF records', async () => {
    const r = await check({ 'example.com': { TXT: ['v=spf1 -all', 'v=spf1 +all'] } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatch(/2 SPF records/);
  });
  // §4.5: version tag is case-insensitive; unrelated TXT records are ignored
  it('selects v=SpF1 and ignores other TXT records', async () => {
    const r = await check({ 'example.com': { TXT: ['google-site-verification=abc', 'v=SpF1 ~all', 'v=spf10 +all'] } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('softfail');
  });
  // §4.5: no record → none; §4.4: NXDOMAIN → none
  it('returns none without a record and for NXDOMAIN', async () => {
    expect((await check({ 'example.com': { TXT: ['hello'] } }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('none');
    expect((await check({}, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('none');
  });
  // §4.4: DNS error or timeout on the record lookup → temperror
  it('returns temperror when the TXT lookup fails', async () => {
    const r = await check({ 'example.com': { error: 'timeout' } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('temperror');
  });
  // §4.4: only TXT is queried (type SPF is not used)
  it('never queries the SPF RR type', async () => {
    const r = await check({ 'example.com': { SPF: ['v=spf1 -all'] } }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('none');
    expect(r.queries.map((q) => q.type)).toEqual(['TXT']);
  });
  // §4.7: no match → neutral; "v=spf1" alone is valid
  it('defaults to neutral', async () => {
    expect((await check({ 'example.com': spf('v=spf1') }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('neutral');
  });
});

describe('RFC 7208 §4.6 syntax errors → permerror with the offending term', () => {
  it.each([
    ['v=spf1 ip4:192.0.2.1 -all moo', 'moo'],
    ['v=spf1 nclude:_spf.example.net -all', 'nclude:_spf.example.net'],
    ['v=spf1 -all.', '-all.'],
    ['v=spf1 ip4:192.0.2.1/33', 'ip4:192.0.2.1/33'],
    ['v=spf1 ip4:192.0.2.1/032', 'ip4:192.0.2.1/032'],
    ['v=spf1 ip4:1.2.3', 'ip4:1.2.3'],
    ['v=spf1 ip6::CAFE::BABE', 'ip6::CAFE::BABE'],
    ['v=spf1 a/24/64', 'a/24/64'],
    ['v=spf1 a:museum', 'a:museum'],
    ['v=spf1 a:abc.123', 'a:abc.123'],
    ['v=spf1 a:example.-com', 'a:example.-com'],
    ['v=spf1 a:example.com:8080', 'a:example.com:8080'],
    ['v=spf1 ptr/0', 'ptr/0'],
    ['v=spf1 include:', 'include:'],
    ['v=spf1 exists', 'exists'],
    ['v=spf1 redirect:example.net', 'redirect:example.net'],
    ['v=spf1 1up=foo', '1up=foo'],
    ['v=spf1 =all', '=all'],
    ['v=spf1 -all foo=%abc', 'foo=%abc'],
    ['v=spf1 exp= -all', 'exp='],
    ['v=spf1 -exists:%(ir).sbl.example.com', '-exists:%(ir).sbl.example.com'],
    ['v=spf1 a:%{c}.example.com', 'a:%{c}.example.com'],
    ['v=spf1 a:%{d0}.example.com', 'a:%{d0}.example.com'],
    ['v=spf1 a:ctrl.example.com\rptr -all', 'a:ctrl.example.com\rptr'],
  ])('%j → permerror at %j', async (record, term) => {
    const r = await check({ 'example.com': spf(record), 'example.net': spf('v=spf1 +all') }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('permerror');
    expect(r.problem).toContain(`'${term}'`);
    expect(r.problem).toMatch(/offset \d+/);
  });
  // §6: exp and redirect may appear at most once
  it('rejects duplicate redirect= and exp=', async () => {
    for (const record of ['v=spf1 redirect=a.example.com redirect=b.example.com', 'v=spf1 exp=a.example.com exp=b.example.com -all']) {
      expect((await check({ 'example.com': spf(record) }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('permerror');
    }
  });
  // §3.1: records are 7-bit ASCII
  it('rejects non-ASCII in a record', async () => {
    expect((await check({ 'example.com': spf('v=spf1 a:\u00efexample.net -all') }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('permerror');
  });
  // §4.6: syntax errors anywhere are detected before evaluating, even after a matching "all"
  it('detects errors after a matching all', async () => {
    expect((await check({ 'example.com': spf('v=spf1 +all foo:bar') }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('permerror');
  });
  // §6: unknown modifiers are ignored; dots/dashes/underscores allowed in names
  it('ignores unknown modifiers', async () => {
    const r = await check({ 'example.com': spf('v=spf1 moo.cow-far_out=man:dog/cat default=+ ip4:192.0.2.1 -all') }, { ip: '192.0.2.1', sender: 'a@example.com' });
    expect(r.result).toBe('pass');
  });
  // §4.6.1: one or more spaces separate terms
  it('accepts several spaces between terms', async () => {
    expect((await check({ 'example.com': spf('v=spf1   ip4:192.0.2.1   -all ') }, { ip: '192.0.2.1', sender: 'a@example.com' })).result).toBe('pass');
  });
});

describe('RFC 7208 §5 mechanisms', () => {
  const ip = '192.0.2.10';
  const sender = 'a@example.com';
  // §5.1: all matches everything
  it.each([
    ['v=spf1 -all', 'fail'],
    ['v=spf1 ~all', 'softfail'],
    ['v=spf1 ?all', 'neutral'],
    ['v=spf1 all', 'pass'],
    ['v=spf1 +all -all', 'pass'],
  ])('%s → %s (§4.6.2 qualifiers)', async (record, result) => {
    const r = await check({ 'example.com': spf(record) }, { ip, sender });
    expect(r.result).toBe(result);
    expect(r.matchedTerm).toBe(record.split(' ')[1]);
  });
  // §5.2: include results
  it.each([
    ['v=spf1 ip4:192.0.2.10', 'pass', 'fail'],
    ['v=spf1 ip4:198.51.100.1 -all', 'fail', 'softfail'],
    ['v=spf1 ip4:198.51.100.1 ~all', 'softfail', 'softfail'],
    ['v=spf1 ip4:198.51.100.1 ?all', 'neutral', 'softfail'],
  ])('include of a record giving %s → include %s', async (inner, _innerResult, outer) => {
    const r = await check({ 'example.com': spf('v=spf1 -include:inc.example.net ~all'), 'inc.example.net': spf(inner) }, { ip, sender });
    expect(r.result).toBe(outer);
  });
  // §5.2: include of a domain with no record → permerror; temperror propagates
  it('include none → permerror, include temperror → temperror', async () => {
    expect((await check({ 'example.com': spf('v=spf1 include:missing.example.net -all') }, { ip, sender })).result).toBe('permerror');
    expect((await check({ 'example.com': spf('v=spf1 include:t.example.net -all'), 't.example.net': { error: 'servfail' } }, { ip, sender })).result).toBe('temperror');
  });
  // §5.2: the innermost match is reported with its path
  it('reports the innermost matching mechanism and its path', async () => {
    const zone = {
      'example.com': spf('v=spf1 include:_spf.provider.test -all'),
      '_spf.provider.test': spf('v=spf1 include:_nb.provider.test ~all'),
      '_nb.provider.test': spf('v=spf1 ip4:192.0.2.0/24 ~all'),
    };
    const r = await check(zone, { ip, sender });
    expect(r.result).toBe('pass');
    expect(r.matchedTerm).toBe('include:_spf.provider.test');
    expect(r.matched).toEqual({ term: 'ip4:192.0.2.0/24', domain: '_nb.provider.test', path: ['example.com', '_spf.provider.test', '_nb.provider.test'] });
  });
  // §5.3: a with dual CIDR; only the connection's family is queried
  it('a matches with dual CIDR lengths', async () => {
    const zone = { 'example.com': spf('v=spf1 a/24//64 -all'), } as FakeZone;
    zone['example.com']!.A = ['192.0.2.200'];
    zone['example.com']!.AAAA = ['2001:db8:1::1'];
    expect((await check(zone, { ip: '192.0.2.10', sender })).result).toBe('pass');
    expect((await check(zone, { ip: '2001:db8:1::ffff', sender })).result).toBe('pass');
    expect((await check(zone, { ip: '2001:db8:2::1', sender })).result).toBe('fail');
    const r = await check(zone, { ip: '192.0.2.10', sender });
    expect(r.queries.filter((q) => q.type === 'AAAA')).toHaveLength(0);
  });
  // §5.3: a/0 matches only when records exist
  it('a/0 does not match without addresses', async () => {
    expect((await check({ 'example.com': spf('v=spf1 a/0 -all') }, { ip, sender })).result).toBe('fail');
  });
  // §5: IPv4-mapped IPv6 connections are IPv4
  it('treats ::ffff:192.0.2.10 as IPv4', async () => {
    const r = await check({ 'example.com': spf('v=spf1 ip4:192.0.2.10 -all') }, { ip: '::FFFF:192.0.2.10', sender });
    expect(r.result).toBe('pass');
    expect(r.ip).toBe('192.0.2.10');
  });
  // §5.4: mx resolves MX names then their addresses; no implicit MX
  it('mx matches an MX host address and never falls back to A', async () => {
    const zone: FakeZone = {
      'example.com': { TXT: ['v=spf1 mx -all'], MX: [{ priority: 10, exchange: 'mx1.example.com' }] },
      'mx1.example.com': { A: ['192.0.2.10'] },
      'nomx.example.com': { TXT: ['v=spf1 mx'], A: ['192.0.2.10'] },
    };
    expect((await check(zone, { ip, sender })).result).toBe('pass');
    expect((await check(zone, { ip, sender: 'a@nomx.example.com' })).result).toBe('neutral');
  });
  // §4.6.4: more than 10 MX names → permerror
  it('mx with 11 names is a permerror', async () => {
    const MX = Array.from({ length: 11 }, (_, i) => ({ priority: i, exchange: `mx${i}.example.com` }));
    const r = await check({ 'example.com': { TXT: ['v=spf1 mx -all'], MX } }, { ip, sender });
    expect(r.result).toBe('permerror');
  });
  // §5.4: a null MX ("." ) is skipped without crashing
  it('handles a null MX', async () => {
    const r = await check({ 'example.com': { TXT: ['v=spf1 mx ?all'], MX: [{ priority: 0, exchange: '' }] } }, { ip, sender });
    expect(r.result).toBe('neutral');
  });
  // §5.5: ptr validates names (forward-confirmed) and matches subdomains, case-insensitively
  it('ptr matches a validated name under the target', async () => {
    const zone: FakeZone = {
      'example.com': spf('v=spf1 ptr -all'),
      '10.2.0.192.in-addr.arpa': { PTR: ['forged.example.com', 'Mail.Example.com'] },
      'mail.example.com': { A: ['192.0.2.10'] },
      'forged.example.com': { A: ['198.51.100.1'] },
    };
    const r = await check(zone, { ip, sender });
    expect(r.result).toBe('pass');
    zone['mail.example.com'] = { A: ['198.51.100.2'] };
    expect((await check(zone, { ip, sender })).result).toBe('fail');
  });
  // §5.6: ip6 does not match IPv4 connections; ip4 CIDR /0 matches all IPv4
  it('ip4/ip6 match by family', async () => {
    expect((await check({ 'example.com': spf('v=spf1 ip6:::0/0 -all') }, { ip, sender })).result).toBe('fail');
    expect((await check({ 'example.com': spf('v=spf1 ip4:0.0.0.0/0 -all') }, { ip, sender })).result).toBe('pass');
    expect((await check({ 'example.com': spf('v=spf1 ip6:2001:db8::/32 -all') }, { ip: '2001:db8:ffff::1', sender })).result).toBe('pass');
  });
  // §5.7: exists always queries A, even for IPv6
  it('exists queries A for IPv6 clients', async () => {
    const r = await check({ 'example.com': spf('v=spf1 exists:%{ir}.%{v}.bl.example.net -all'), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.bl.example.net': { A: ['127.0.0.2'] } }, { ip: '2001:db8::1', sender });
    expect(r.result).toBe('pass');
    expect(r.queries[1]!.type).toBe('A');
  });
  // §5: DNS errors in mechanisms → temperror
  it('a lookup timing out gives temperror', async () => {
    expect((await check({ 'example.com': spf('v=spf1 a:slow.example.net -all'), 'slow.example.net': { error: 'timeout' } }, { ip, sender })).result).toBe('temperror');
  });
});

describe('RFC 7208 §6 modifiers', () => {
  const ip = '192.0.2.10';
  // §6.1: redirect applies only when nothing matched, and changes %{d}
  it('follows redirect and evaluates the target with its own domain', async () => {
    const zone: FakeZone = {
      'example.com': { TXT: ['v=spf1 redirect=_spf.example.net'], A: ['198.51.100.1'] },
      '_spf.example.net': { TXT: ['v=spf1 a -all'], A: ['192.0.2.10'] },
    };
    const r = await check(zone, { ip, sender: 'a@example.com' });
    expect(r.result).toBe('pass');
    expect(r.matched?.domain).toBe('_spf.example.net');
  });
  // §6.1: redirect to a domain without a record → permerror
  it('redirect to nothing is a permerror', async () => {
    expect((await check({ 'example.com': spf('v=spf1 redirect=none.example.net') }, { ip, sender: 'a@example.com' })).result).toBe('permerror');
  });
  // §6.1 + §5.1: "all" wins over redirect
  it('ignores redirect when all is present', async () => {
    const r = await check({ 'example.com': spf('v=spf1 redirect=example.com ~all') }, { ip, sender: 'a@example.com' });
    expect(r.result).toBe('softfail');
  });
  // §6.2: exp only on fail, expanded, with exp-only letters
  it('explains a fail with exp= and the c/r/t letters', async () => {
    const zone: FakeZone = { 'example.com': spf('v=spf1 -all exp=why.example.com'), 'why.example.com': { TXT: [['%{c} is not allowed for %{o}', ' (checked by %{r})']] } };
    const r = await checkHost({ ip: '192.0.2.10', sender: 'a@example.com', resolver: createZoneFakeResolver(zone), receiver: 'mx.receiver.test' });
    expect(r.explanation).toBe('192.0.2.10 is not allowed for example.com (checked by mx.receiver.test)');
  });
  // §6.2: no explanation for non-fail results; bad exp targets are ignored
  it('ignores exp for softfail and when the TXT is missing, multiple or malformed', async () => {
    const zone: FakeZone = {
      'soft.example.com': spf('v=spf1 ~all exp=why.example.com'),
      'why.example.com': { TXT: ['nope'] },
      'two.example.com': spf('v=spf1 -all exp=twice.example.com'),
      'twice.example.com': { TXT: ['one', 'two'] },
      'bad.example.com': spf('v=spf1 -all exp=badmacro.example.com'),
      'badmacro.example.com': { TXT: ['The %{x}-files'] },
      'gone.example.com': spf('v=spf1 -all exp=gone.example.net'),
    };
    expect((await check(zone, { ip, sender: 'a@soft.example.com' })).explanation).toBeNull();
    for (const d of ['two', 'bad', 'gone']) {
      const r = await check(zone, { ip, sender: `a@${d}.example.com` });
      expect(r.result).toBe('fail');
      expect(r.explanation).toBeNull();
    }
  });
  // §6.2: the included record's exp is not used; redirect's target exp is
  it('uses the exp of the record that produced the fail', async () => {
    const zone: FakeZone = {
      'inc.example.com': spf('v=spf1 include:other.example.com -all exp=mine.example.com'),
      'other.example.com': spf('v=spf1 -all exp=theirs.example.com'),
      'red.example.com': spf('v=spf1 exp=mine.example.com redirect=other.example.com'),
      'mine.example.com': { TXT: ['mine'] },
      'theirs.example.com': { TXT: ['theirs'] },
    };
    expect((await check(zone, { ip, sender: 'a@inc.example.com' })).explanation).toBe('mine');
    expect((await check(zone, { ip, sender: 'a@red.example.com' })).explanation).toBe('theirs');
  });
});

describe('RFC 7208 §7 macros', () => {
  const zoneFor = (text: string): FakeZone => ({
    'email.example.com': spf('v=spf1 -all exp=e.example.com'),
    'example.com': spf('v=spf1 -all exp=e.example.com'),
    'e.example.com': { TXT: [text] },
  });
  const explain = async (text: string, input: Partial<CheckHostInput> = {}) =>
    (await checkHost({ ip: '192.0.2.3', sender: 'strong-bad@email.example.com', helo: 'mx.example.org', resolver: createZoneFakeResolver(zoneFor(text)), ...input })).explanation;

  // §7.4 examples (sender strong-bad@email.example.com, IP 192.0.2.3)
  it.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
    ['%{h}', 'mx.example.org'],
    ['%% %_ %-', '%   %20'],
  ])('%s → %s', async (macro, expected) => {
    expect(await explain(macro)).toBe(expected);
  });
  // §7.4: IPv6 "i" is dot-separated nibbles
  it('expands %{ir} for IPv6 as reversed nibbles', async () => {
    expect(await explain('%{ir}.%{v}._spf.%{d2}', { ip: '2001:db8::cb01' })).toBe('1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com');
    expect(await explain('%{c}', { ip: '2001:DB8::CB01' })).toBe('2001:db8::cb01');
  });
  // §7.3: upper-case letters are URL-escaped
  it('URL-escapes upper-case macros', async () => {
    expect(await explain('why?l=%{L}', { sender: '~jack&jill=up-a_b3.c@email.example.com' })).toBe('why?l=~jack%26jill%3Dup-a_b3.c');
  });
  // §7.3: several delimiters
  it('splits on several delimiters', async () => {
    expect(await explain('%{l2r+-}', { sender: 'foo-bar+zip+quux@email.example.com' })).toBe('bar.foo');
  });
  // §7.2: %{t} is a timestamp
  it('expands %{t} from the clock', async () => {
    expect(await explain('%{t}', { now: () => 1_700_000_000_123 })).toBe('1700000000');
  });
  // §7.3: expanded names over 253 octets are truncated from the left
  it('truncates long expanded names from the left', async () => {
    const label = 'x'.repeat(60);
    const local = `${label}.${label}.${label}.${label}.${label}`;
    const zone: FakeZone = { 'example.com': spf('v=spf1 exists:%{l}.example.com -all') };
    const resolver = createZoneFakeResolver(zone);
    await checkHost({ ip: '192.0.2.3', sender: `${local}@example.com`, resolver });
    const asked = resolver.queries.find((q) => q.type === 'A')!.name;
    expect(asked.length).toBeLessThanOrEqual(253);
    expect(asked.endsWith(`${label}.example.com`)).toBe(true);
  });
  // §7.2: %{p} prefers a validated name in the domain
  it('expands %{p} to a validated name, else unknown', async () => {
    const zone: FakeZone = {
      ...zoneFor('from %{p}'),
      '3.2.0.192.in-addr.arpa': { PTR: ['other.example.net', 'mail.example.com'] },
      'other.example.net': { A: ['192.0.2.3'] },
      'mail.example.com': { A: ['192.0.2.3'] },
    };
    const r = await checkHost({ ip: '192.0.2.3', sender: 'a@example.com', resolver: createZoneFakeResolver(zone) });
    expect(r.explanation).toBe('from mail.example.com');
    const r2 = await checkHost({ ip: '192.0.2.4', sender: 'a@example.com', resolver: createZoneFakeResolver(zone) });
    expect(r2.explanation).toBe('from unknown');
  });
});

describe('RFC 7208 §4.6.4 processing limits', () => {
  const ip = '192.0.2.10';
  const sender = 'a@example.com';
  it('passes at exactly 10 DNS-querying terms', async () => {
    const zone: FakeZone = { 'example.com': { TXT: ['v=spf1 a mx a mx a mx a mx a ptr ip4:192.0.2.10 -all'], A: ['198.51.100.1'], MX: [{ priority: 1, exchange: 'example.com' }] } };
    const r = await check(zone, { ip, sender });
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(10);
  });
  it('gives permerror at the 11th term, counting across includes', async () => {
    const zone: FakeZone = {
      'example.com': { TXT: ['v=spf1 a include:inc.example.com a ip4:192.0.2.10 -all'], A: ['198.51.100.1'] },
      'inc.example.com': { TXT: ['v=spf1 a a a a a a a a'], A: ['198.51.100.2'] },
    };
    const r = await check(zone, { ip, sender });
    expect(r.result).toBe('permerror');
    expect(r.problem).toMatch(/too many DNS lookups/);
    expect(r.lookups).toBe(11);
  });
  it('stops include and redirect loops', async () => {
    expect((await check({ 'example.com': spf('v=spf1 include:example.com') }, { ip, sender })).result).toBe('permerror');
    expect((await check({ 'example.com': spf('v=spf1 ip4:198.51.100.1 redirect=example.com') }, { ip, sender })).result).toBe('permerror');
  });
  it('allows 2 void lookups and rejects the third', async () => {
    const two = await check({ 'example.com': spf('v=spf1 a:void1.example.com a:void2.example.com ?all') }, { ip, sender });
    expect(two.result).toBe('neutral');
    expect(two.voidLookups).toBe(2);
    const three = await check({ 'example.com': spf('v=spf1 a:void1.example.com a:void2.example.com a:void3.example.com ?all') }, { ip, sender });
    expect(three.result).toBe('permerror');
  });
  it('does not count the exp lookup as void', async () => {
    const r = await check({ 'example.com': spf('v=spf1 a:void1.example.com a:void2.example.com exp=void3.example.com -all') }, { ip, sender });
    expect(r.result).toBe('fail');
  });
  it('checks at most 10 PTR names', async () => {
    const PTR = Array.from({ length: 11 }, (_, i) => `h${i}.example.com`);
    const zone: FakeZone = { 'example.com': spf('v=spf1 ptr ?all'), '10.2.0.192.in-addr.arpa': { PTR }, 'h10.example.com': { A: ['192.0.2.10'] } };
    expect((await check(zone, { ip, sender })).result).toBe('neutral');
  });
  it('no limit on A records of one name', async () => {
    const A = Array.from({ length: 12 }, (_, i) => `198.51.100.${i + 1}`);
    const r = await check({ 'example.com': { TXT: ['v=spf1 a -all'], A } }, { ip: '198.51.100.12', sender });
    expect(r.result).toBe('pass');
  });
  it('times out slow checks as temperror', async () => {
    const slow = { resolve: () => new Promise<never>(() => undefined) };
    const r = await checkHost({ ip, sender, resolver: slow, limits: { timeoutMs: 50 } });
    expect(r.result).toBe('temperror');
  });
});

describe('RFC 7208 §9.1 Received-SPF', () => {
  it('builds the header with result, comment and key-value pairs', async () => {
    const r = await checkHost({ ip: '192.0.2.10', sender: 'me@example.com', helo: 'mail.example.com', receiver: 'mx.test', resolver: createZoneFakeResolver({ 'example.com': spf('v=spf1 ip4:192.0.2.0/24 -all') }) });
    expect(r.receivedSpf).toBe(
      'Received-SPF: pass (mx.test: domain of me@example.com designates 192.0.2.10 as permitted sender) client-ip=192.0.2.10; envelope-from="me@example.com"; helo=mail.example.com; receiver=mx.test; identity=mailfrom; mechanism=ip4:192.0.2.0/24;',
    );
  });
  it('quotes values with spaces and never contains line breaks', async () => {
    const r = await checkHost({ ip: '192.0.2.10', sender: 'Macro Error@example.com', helo: 'a\r\nb', resolver: createZoneFakeResolver({ 'example.com': spf('v=spf1 -all') }) });
    expect(r.receivedSpf).toContain('envelope-from="Macro Error@example.com"');
    expect(r.receivedSpf).not.toMatch(/[\r\n]/);
  });
});
