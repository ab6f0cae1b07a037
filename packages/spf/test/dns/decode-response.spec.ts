import * as dnsPacket from 'dns-packet';
import fc from 'fast-check';
import { decodeResponse, type WirePacket, type WireRR } from '../../src/dns/decode-response';

/** What the resolver reads of a decoded response (interpret and decodeAnswerTo), comparable. */
function seen(packet: WirePacket | undefined): unknown {
  if (packet === undefined) return 'refused';
  const data = (rr: WireRR): unknown => {
    const d = rr.data;
    if (Buffer.isBuffer(d)) return ['octets', d.toString('latin1')];
    if (Array.isArray(d)) return d.map((s: unknown) => (Buffer.isBuffer(s) ? s.toString('latin1') : s));
    if (rr.type === 'SOA') return { minimum: (d as { minimum: number }).minimum };
    return d;
  };
  const rrs = (list: WireRR[] | undefined) => (list ?? []).map((rr) => ({ name: rr.name, type: rr.type, ttl: rr.ttl, data: data(rr) }));
  return {
    qr: packet.flag_qr,
    tc: packet.flag_tc,
    rcode: packet.rcode,
    questions: (packet.questions ?? []).map((q) => ({ name: q.name, type: q.type })),
    answers: rrs(packet.answers),
    authorities: rrs(packet.authorities),
  };
}

function reference(msg: Buffer): WirePacket | undefined {
  try {
    return dnsPacket.decode(msg) as WirePacket;
  } catch {
    return undefined;
  }
}

const label = fc.oneof(fc.constantFrom('example', 'com', '_spf', 'mx1', 'xn--bcher-kva', 'a b', 'ü', '%{i}'), fc.stringMatching(/^[a-z0-9-]{1,20}$/));
const nameArb = fc.array(label, { minLength: 1, maxLength: 5 }).map((l) => l.join('.'));
const ttl = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b)));
const answerArb = fc.oneof(
  fc.record({ type: fc.constant('A' as const), name: nameArb, ttl, data: fc.ipV4() }),
  fc.record({ type: fc.constant('AAAA' as const), name: nameArb, ttl, data: fc.constantFrom('2001:db8::1', '::', '::ffff:192.0.2.1', '2001:db8:0:1:2:3:4:5', 'fe80::1:0:0:1') }),
  fc.record({ type: fc.constant('TXT' as const), name: nameArb, ttl, data: fc.array(text, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('MX' as const), name: nameArb, ttl, data: fc.record({ preference: fc.integer({ min: 0, max: 65535 }), exchange: nameArb }) }),
  fc.record({ type: fc.constant('CNAME' as const), name: nameArb, ttl, data: nameArb }),
  fc.record({ type: fc.constant('PTR' as const), name: nameArb, ttl, data: nameArb }),
  fc.record({ type: fc.constant('NS' as const), name: nameArb, ttl, data: nameArb }),
  fc.record({ type: fc.constant('SPF' as const), name: nameArb, ttl, data: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)) }),
);
const soaArb = fc.record({
  type: fc.constant('SOA' as const),
  name: nameArb,
  ttl,
  data: fc.record({ mname: nameArb, rname: nameArb, serial: ttl, refresh: ttl, retry: ttl, expire: ttl, minimum: ttl }),
});
const packetArb = fc.record({
  id: fc.integer({ min: 0, max: 65535 }),
  flags: fc.integer({ min: 0, max: 0xffff }),
  questions: fc.array(fc.record({ name: nameArb, type: fc.constantFrom('A', 'AAAA', 'TXT', 'MX', 'SPF', 'PTR', 'NS') }), { maxLength: 2 }),
  answers: fc.array(answerArb, { maxLength: 5 }),
  authorities: fc.array(fc.oneof(soaArb, answerArb), { maxLength: 2 }),
  additionals: fc.array(fc.oneof(fc.constant({ type: 'OPT' as const, name: '.', udpPayloadSize: 1232 }), answerArb), { maxLength: 2 }),
});

function encode(p: object): Buffer {
  return dnsPacket.encode(p as dnsPacket.Packet);
}

describe('decodeResponse', () => {
  it('reads well-formed responses exactly as dns-packet does (RFC 1035 §4.1, §3.3, RFC 7208 §3.3 strings)', () => {
    fc.assert(
      fc.property(packetArb, (p) => {
        const msg = encode({ ...p, type: 'response' });
        expect(seen(decodeResponse(msg))).toEqual(seen(reference(msg)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses or reads damaged responses exactly as dns-packet does (flipped, cut, extended)', () => {
    fc.assert(
      fc.property(packetArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.integer({ min: -20, max: 8 }), (p, flips, cut) => {
        const original = encode({ ...p, type: 'response' });
        const msg = Buffer.concat([original, Buffer.alloc(Math.max(0, cut), 0xc0)]).subarray(0, Math.max(0, original.length + Math.min(0, cut)));
        for (const [at, value] of flips) if (msg.length > 0) msg[at % msg.length] = value;
        expect(seen(decodeResponse(msg))).toEqual(seen(reference(msg)));
      }),
      { numRuns: 4000 },
    );
  });

  it('refuses random octets where dns-packet does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const msg = Buffer.from(bytes);
        expect(seen(decodeResponse(msg))).toEqual(seen(reference(msg)));
      }),
      { numRuns: 2000 },
    );
  });

  it('follows compression pointers only backwards and caps names at 254 octets, like dns-packet', () => {
    const header = Buffer.from([0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    const question = Buffer.from([3, 0x61, 0x62, 0x63, 0, 0, 16, 0, 1]);
    const txt = (owner: number[]) => Buffer.concat([Buffer.from(owner), Buffer.from([0, 16, 0, 1, 0, 0, 0, 60, 0, 3, 2, 0x68, 0x69])]);
    for (const msg of [
      Buffer.concat([header, question, txt([0xc0, 12])]), // to the question: fine
      Buffer.concat([header, question, txt([0xc0, 40])]), // forwards: refused
      Buffer.concat([header, question, txt([1, 0x78, 0xc0, 12])]), // label then pointer
      Buffer.concat([header, question, txt([0x40, 0])]), // reserved label type
      Buffer.concat([header, Buffer.from(Array.from({ length: 5 }, () => [63, ...Array<number>(63).fill(0x61)]).flat()), Buffer.from([0, 0, 16, 0, 1])]),
    ]) {
      expect(seen(decodeResponse(msg))).toEqual(seen(reference(msg)));
    }
    expect(decodeResponse(Buffer.concat([header, question, txt([0xc0, 12])]))?.answers?.[0]).toEqual({ name: 'abc', type: 'TXT', ttl: 60, data: ['hi'] });
  });
});
