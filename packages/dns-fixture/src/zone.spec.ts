import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isZoneError, ZoneError } from './errors';
import { loadZone, normalizeZone, type Zone } from './zone';

const YAML = `
ttl: 300
records:
  Example.COM.:
    TXT: ["v=spf1 mx -all", ["v=spf1 ip4:192.0.2.1", " -all"]]
    A: [192.0.2.1, 192.0.2.2]
    MX: [{ priority: 10, exchange: mx.example.com }, "20 mx2.example.com"]
    ttl: 60
    behaviour: { TXT: timeout, A: servfail }
  1.2.0.192.in-addr.arpa:
    PTR: [mail.example.com]
  alias.example.com:
    CNAME: alias.example.net
  "*.wild.example.com":
    SPF: ["v=spf1 -all"]
  empty.example.com:
`;

function thrown(fn: () => unknown): ZoneError {
  try {
    fn();
  } catch (error) {
    if (isZoneError(error)) return error;
    throw error;
  }
  throw new Error('expected a ZoneError');
}

describe('loadZone', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dns-fixture-zone-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses YAML text into the zone as written', () => {
    const zone = loadZone(YAML);
    expect(zone.ttl).toBe(300);
    expect(Object.keys(zone.records)).toEqual(['Example.COM.', '1.2.0.192.in-addr.arpa', 'alias.example.com', '*.wild.example.com', 'empty.example.com']);
  });

  it('reads .yaml and .json files, and JSON text', () => {
    const yamlFile = path.join(dir, 'zone.yaml');
    const jsonFile = path.join(dir, 'zone.json');
    fs.writeFileSync(yamlFile, YAML);
    fs.writeFileSync(jsonFile, JSON.stringify({ records: { 'a.test': { TXT: 'x' } } }));
    expect(loadZone(yamlFile).records['alias.example.com']).toEqual({ CNAME: 'alias.example.net' });
    expect(loadZone(jsonFile)).toEqual({ records: { 'a.test': { TXT: 'x' } } });
    expect(loadZone('{"records": {"b.test": {"A": "192.0.2.1"}}}')).toEqual({ records: { 'b.test': { A: '192.0.2.1' } } });
  });

  it('names the file when it cannot be read or parsed', () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(thrown(() => loadZone(missing)).message).toContain(`${missing}: cannot read zone file`);
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'records: [unclosed');
    expect(thrown(() => loadZone(broken)).message).toContain(`${broken}: invalid YAML/JSON`);
  });

  it('names the file, the name and the field of an invalid value', () => {
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'records:\n  example.com:\n    MX: [{ priority: 10, exchange: mx.example.com }, "mx2.example.com"]\n');
    const error = thrown(() => loadZone(file));
    expect(error.path).toBe('records["example.com"].MX[1]');
    expect(error.message).toBe(`${file}: records["example.com"].MX[1]: expected { priority, exchange } or "<priority> <exchange>", got "mx2.example.com"`);
  });
});

describe('normalizeZone', () => {
  const zone = (records: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({ ...extra, records });

  it('lower-cases names, drops the trailing dot and applies TTLs', () => {
    const normalized = normalizeZone(loadZone(YAML));
    expect([...normalized.names.keys()]).toEqual(['example.com', '1.2.0.192.in-addr.arpa', 'alias.example.com', '*.wild.example.com', 'empty.example.com']);
    expect(normalized.names.get('example.com')?.ttl).toBe(60);
    expect(normalized.names.get('alias.example.com')?.ttl).toBe(300);
    expect(normalized.negativeTtl).toBe(60);
    expect(normalized.names.get('empty.example.com')?.rrsets.size).toBe(0);
  });

  it('reads MX in both spellings', () => {
    const mx = normalizeZone(loadZone(YAML)).names.get('example.com')?.rrsets.get('MX');
    expect(mx?.map((rr) => rr.data)).toEqual([
      { preference: 10, exchange: 'mx.example.com' },
      { preference: 20, exchange: 'mx2.example.com' },
    ]);
  });

  // RFC 1035 §3.3: a character-string holds at most 255 octets.
  it('splits a long TXT string into 255-octet strings and keeps a list as separate strings', () => {
    const long = `v=spf1 ${'a'.repeat(600)}`;
    const txt = normalizeZone(zone({ 'a.test': { TXT: [long, ['one', 'two']] } })).names.get('a.test')?.rrsets.get('TXT');
    expect(txt?.map((rr) => (rr.data as Buffer[]).map((part) => part.length))).toEqual([[255, 255, 97], [3, 3]]);
    expect(Buffer.concat(txt?.[0]?.data as Buffer[]).toString()).toBe(long);
  });

  it('counts octets, not characters, when splitting', () => {
    const txt = normalizeZone(zone({ 'a.test': { TXT: 'é'.repeat(200) } })).names.get('a.test')?.rrsets.get('TXT');
    expect((txt?.[0]?.data as Buffer[]).map((part) => part.length)).toEqual([255, 145]);
  });

  it('accepts record types in any case and a single value for a list', () => {
    const name = normalizeZone(zone({ 'a.test': { txt: 'x', a: '192.0.2.1' } })).names.get('a.test');
    expect([...(name?.rrsets.keys() ?? [])]).toEqual(['TXT', 'A']);
  });

  // RFC 7505 §3: the null MX is one MX of preference 0 whose exchange is the root.
  it('reads the null MX ("" or ".") as the root, kept as ""', () => {
    const names = normalizeZone(
      zone({ 'a.test': { MX: '0 .' }, 'b.test': { MX: { priority: 0, exchange: '' } }, 'c.test': { MX: [{ preference: 0, exchange: '.' }] } }),
    ).names;
    for (const name of ['a.test', 'b.test', 'c.test']) {
      expect(names.get(name)?.rrsets.get('MX')?.map((rr) => rr.data)).toEqual([{ preference: 0, exchange: '' }]);
    }
  });

  // RFC 2181 §11: a label may hold any octet; RFC 7208 macro expansion makes such names (OpenSPF suite).
  it('accepts any printable character but "." in a label, space included', () => {
    const names = normalizeZone(
      zone({
        'macro%percent  space%20url-space.example.com': { TXT: 'x' },
        'a:foo:bar/baz.example.com': { A: '192.0.2.1' },
        'JUMPIN%27%20JUPITER.example.com': { MX: "10 x!#$&'()[]{}<>@,;=?^`|~\\\"y.example.com" },
        ' .example.com': {},
      }),
    ).names;
    expect([...names.keys()]).toEqual(['macro%percent  space%20url-space.example.com', 'a:foo:bar/baz.example.com', 'jumpin%27%20jupiter.example.com', ' .example.com']);
    expect(names.get('jumpin%27%20jupiter.example.com')?.rrsets.get('MX')?.[0]?.data).toEqual({ preference: 10, exchange: "x!#$&'()[]{}<>@,;=?^`|~\\\"y.example.com" });
  });

  it('normalizes behaviours', () => {
    const names = normalizeZone(
      zone({ 'a.test': { behaviour: 'timeout' }, 'b.test': { behaviour: { delayMs: 200 } }, 'c.test': { behavior: { txt: 'servfail', A: { delayMs: 5 } } } }),
    ).names;
    expect(names.get('a.test')?.behaviour?.all).toEqual({ kind: 'timeout' });
    expect(names.get('b.test')?.behaviour?.all).toEqual({ kind: 'delay', ms: 200 });
    expect([...(names.get('c.test')?.behaviour?.byType ?? [])]).toEqual([
      ['TXT', { kind: 'servfail' }],
      ['A', { kind: 'delay', ms: 5 }],
    ]);
  });

  it.each([
    ['records that are not a map', 'records: nothing-here', 'records', /records: expected a map of owner names/],
    ['a zone that is not a map', '- just a list', '', /a zone must be an object/],
    ['an unknown top-level field', { record: {} }, 'record', /unknown field/],
    ['a negative TTL', zone({}, { ttl: -1 }), 'ttl', /TTL must be an integer/],
    ['an unknown record field', zone({ 'a.test': { TXTT: 'x' } }), 'records["a.test"].TXTT', /unknown field \(expected a record type/],
    ['a bad IPv4 address', zone({ 'a.test': { A: ['192.0.2.1', '192.0.2.300'] } }), 'records["a.test"].A[1]', /expected an IPv4 address, got "192.0.2.300"/],
    ['an IPv4 address as AAAA', zone({ 'a.test': { AAAA: '192.0.2.1' } }), 'records["a.test"].AAAA', /expected an IPv6 address/],
    ['an MX priority out of range', zone({ 'a.test': { MX: [{ priority: 70000, exchange: 'mx.test' }] } }), 'records["a.test"].MX[0]', /priority must be an integer 0-65535/],
    ['a number as TXT', zone({ 'a.test': { TXT: [12] } }), 'records["a.test"].TXT[0]', /quote it in YAML/],
    ['a character-string over 255 octets in a list', zone({ 'a.test': { TXT: [['x'.repeat(256)]] } }), 'records["a.test"].TXT[0][0]', /256 octets, the limit is 255/],
    ['an empty record list', zone({ 'a.test': { TXT: [] } }), 'records["a.test"].TXT', /at least one record/],
    ['a CNAME with other records', zone({ 'a.test': { CNAME: 'b.test', TXT: 'x' } }), 'records["a.test"].CNAME', /cannot have other records \(found TXT\)/],
    ['two names differing only in case', zone({ 'a.test': {}, 'A.TEST.': {} }), 'records["A.TEST."]', /same name as "a.test"/],
    ['an empty label', zone({ 'a..test': {} }), 'records["a..test"]', /empty label/],
    ['a label over 63 octets', zone({ [`${'x'.repeat(64)}.test`]: {} }), `records["${'x'.repeat(64)}.test"]`, /longer than 63 octets/],
    ['a tab in a name', zone({ 'a\tb.test': {} }), 'records["a\\tb.test"]', /control characters or whitespace other than a space/],
    ['a control character in a name', zone({ 'a\u0000b.test': {} }), 'records["a\\u0000b.test"]', /control characters/],
    ['a no-break space in a name', zone({ 'a\u00a0b.test': {} }), 'records["a\u00a0b.test"]', /whitespace other than a space/],
    ['a name over 253 octets with spaces', zone({ [`${' '.repeat(60)}.`.repeat(5) + 'test']: {} }), `records["${`${' '.repeat(60)}.`.repeat(5)}test"]`, /longer than 253 octets/],
    ['an empty PTR target', zone({ 'a.test': { PTR: '' } }), 'records["a.test"].PTR', /empty domain name/],
    ['a misplaced wildcard', zone({ 'a.*.test': {} }), 'records["a.*.test"]', /only allowed as the whole leftmost label/],
    ['a wildcard target', zone({ 'a.test': { CNAME: '*.test' } }), 'records["a.test"].CNAME', /only allowed/],
    ['an unknown behaviour', zone({ 'a.test': { behaviour: 'explode' } }), 'records["a.test"].behaviour', /expected one of timeout \| servfail/],
    ['a behaviour for an unknown type', zone({ 'a.test': { behaviour: { TXX: 'timeout' } } }), 'records["a.test"].behaviour.TXX', /unknown query type/],
    ['delayMs mixed with types', zone({ 'a.test': { behaviour: { delayMs: 5, TXT: 'timeout' } } }), 'records["a.test"].behaviour.delayMs', /cannot be mixed/],
    ['a negative delay', zone({ 'a.test': { behaviour: { delayMs: -5 } } }), 'records["a.test"].behaviour.delayMs', /milliseconds >= 0/],
  ])('rejects %s', (_label, input, where, message) => {
    const error = thrown(() => (typeof input === 'string' ? loadZone(input) : normalizeZone(input)));
    expect(error).toBeInstanceOf(ZoneError);
    expect(error.path).toBe(where);
    expect(error.message).toMatch(message);
  });

  it('accepts the documented example as a typed object', () => {
    const typed = {
      ttl: 300,
      records: {
        'example.com': {
          TXT: ['v=spf1 mx -all', ['v=spf1 ip4:192.0.2.1', ' -all']],
          MX: [{ priority: 10, exchange: 'mx.example.com' }, '20 mx2.example.com'],
          behaviour: { TXT: 'timeout', A: 'servfail' },
        },
        'slow.example.com': { CNAME: 'example.com', behaviour: { delayMs: 200 } },
      },
    } satisfies Zone;
    expect(normalizeZone(typed).names.size).toBe(2);
  });
});
