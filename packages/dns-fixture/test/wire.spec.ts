import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import { type DnsFixture, startDnsFixture, type Zone } from '../src';
import { type Decoded, framed, query, tcpExchange, txtStrings, udpExchange, udpQuery } from './helpers';

// Raw dns-packet over dgram/net: the header bits, sections and framing a resolver relies on.

const BIG_TXT = Array.from({ length: 6 }, (_, i) => `v=spf1 ${'ip4:198.51.100.1 '.repeat(12)}-all ${i}`); // 6 RRs, ~1300 octets

const ZONE: Zone = {
  ttl: 120,
  negativeTtl: 30,
  records: {
    'example.com': { TXT: 'v=spf1 mx -all', SPF: ['v=spf1 -all'], MX: '10 mx.example.com' },
    'sub.example.com': { ttl: 60, A: '192.0.2.10' },
    'truncated.example.com': { TXT: 'v=spf1 -all', behaviour: 'truncate' },
    'big.example.com': { TXT: BIG_TXT },
    'split.example.com': { TXT: 'x'.repeat(600) },
    'loop-a.example.com': { CNAME: 'loop-b.example.com' },
    'loop-b.example.com': { CNAME: 'loop-a.example.com' },
    'self.example.com': { CNAME: 'self.example.com' },
    'to-sub.example.com': { CNAME: 'sub.example.com' },
    'null-mx.example.com': { MX: '0 .', TXT: 'v=spf1 -all' },
    'macro%percent  space%20url-space.example.com': { TXT: 'v=spf1 -all' },
    'a:foo:bar/baz.example.com': { A: '192.0.2.11' },
  },
};

let fixture: DnsFixture;

beforeAll(async () => {
  fixture = await startDnsFixture({ zone: ZONE });
});
afterAll(() => fixture.stop());

const rcode = (packet: Decoded): string => packet.rcode;
const answersOf = (packet: Decoded): dnsPacket.Answer[] => packet.answers ?? [];

describe('header and question', () => {
  // RFC 1035 §4.1.1: ID copied, QR set, AA set by an authoritative server, RD copied.
  it('echoes the id and the question as sent (case included) and sets QR and AA', async () => {
    const answer = await udpQuery(fixture.port, query('ExAmPle.CoM', 'TXT', { id: 0xbeef }));
    expect(answer.id).toBe(0xbeef);
    expect(answer.type).toBe('response');
    expect(answer.flag_aa).toBe(true);
    expect(answer.flag_rd).toBe(true);
    expect(answer.flag_tc).toBe(false);
    expect(answer.questions).toEqual([{ name: 'ExAmPle.CoM', type: 'TXT', class: 'IN' }]);
    expect(answersOf(answer).map(txtStrings)).toEqual([['v=spf1 mx -all']]);
  });

  it('answers a message without a question with FORMERR', async () => {
    const answer = await udpQuery(fixture.port, dnsPacket.encode({ type: 'query', id: 7, questions: [] }));
    expect(answer.id).toBe(7);
    expect(rcode(answer)).toBe('FORMERR');
  });

  it('ignores malformed packets and keeps serving', async () => {
    const garbage = [Buffer.from('hello'), Buffer.alloc(40, 0xff), query('example.com', 'TXT').subarray(0, 20)];
    for (const packet of garbage) expect(await udpExchange(fixture.port, packet, 150)).toBeUndefined();
    const tcp = await tcpExchange(fixture.port, Buffer.concat([Buffer.from([0, 3, 1, 2, 3]), framed(query('example.com', 'MX'))]), 1);
    expect(answersOf(tcp[0] as Decoded)).toHaveLength(1);
    expect(rcode(await udpQuery(fixture.port, query('example.com', 'TXT')))).toBe('NOERROR');
  });

  it('does not answer responses (no reflection loops)', async () => {
    const response = dnsPacket.encode({ type: 'response', id: 9, questions: [{ name: 'example.com', type: 'TXT' }] });
    expect(await udpExchange(fixture.port, response, 150)).toBeUndefined();
  });
});

describe('record types', () => {
  it('serves the deprecated SPF RR (type 99) with TXT-style RDATA', async () => {
    const answer = await udpQuery(fixture.port, query('example.com', 'SPF'));
    const rr = answersOf(answer)[0] as { type: string; data: Buffer };
    expect(rr.type).toBe('SPF');
    // RFC 7208 §3.1: RDATA is a list of character-strings, here one of 11 octets.
    expect(rr.data).toEqual(Buffer.concat([Buffer.from([11]), Buffer.from('v=spf1 -all')]));
  });

  it('splits a TXT string longer than 255 octets into 255-octet character-strings', async () => {
    const [answer] = await tcpExchange(fixture.port, framed(query('split.example.com', 'TXT')), 1);
    expect(answersOf(answer as Decoded).map((rr) => txtStrings(rr).map((part) => part.length))).toEqual([[255, 255, 90]]);
  });

  it('answers NODATA for a type the name lacks, and for unknown types', async () => {
    for (const type of ['AAAA', 'UNKNOWN_65']) {
      const answer = await udpQuery(fixture.port, query('example.com', type));
      expect(rcode(answer)).toBe('NOERROR');
      expect(answersOf(answer)).toEqual([]);
      expect(answer.authorities?.[0]?.type).toBe('SOA');
    }
  });

  // RFC 7505 §3: preference 0, exchange the root (one zero octet), so RDLENGTH is 3.
  it('encodes the null MX with the root as exchange', async () => {
    const wire = await udpExchange(fixture.port, query('null-mx.example.com', 'MX'));
    const answer = dnsPacket.decode(wire as Buffer) as Decoded;
    expect(answersOf(answer)).toEqual([expect.objectContaining({ type: 'MX', data: { preference: 0, exchange: '.' } })]);
    expect((wire as Buffer).subarray(-5)).toEqual(Buffer.from([0, 3, 0, 0, 0])); // RDLENGTH 3, preference 0, root
  });

  // RFC 2181 §11 / RFC 7208 §7.3: names made by macros may hold spaces, ':' or '/'.
  it('serves names with spaces, colons and slashes', async () => {
    const txt = await udpQuery(fixture.port, query('Macro%percent  space%20url-space.example.com', 'TXT'));
    expect(answersOf(txt).map(txtStrings)).toEqual([['v=spf1 -all']]);
    const [a] = await tcpExchange(fixture.port, framed(query('a:foo:bar/baz.example.com', 'A')), 1);
    expect(answersOf(a as Decoded)).toEqual([expect.objectContaining({ name: 'a:foo:bar/baz.example.com', data: '192.0.2.11' })]);
  });

  it('uses the per-name TTL over the zone TTL', async () => {
    const answer = await udpQuery(fixture.port, query('sub.example.com', 'A'));
    expect(answersOf(answer)[0]).toMatchObject({ type: 'A', ttl: 60, data: '192.0.2.10' });
    expect(answersOf(await udpQuery(fixture.port, query('example.com', 'MX')))[0]).toMatchObject({ ttl: 120 });
  });
});

describe('negative answers', () => {
  // RFC 2308 §3: the SOA comes with the negative TTL as its TTL and MINIMUM.
  it('puts an SOA with the negative TTL in the authority section of NXDOMAIN and NODATA', async () => {
    const nx = await udpQuery(fixture.port, query('missing.example.com', 'TXT'));
    const nodata = await udpQuery(fixture.port, query('sub.example.com', 'TXT'));
    expect(rcode(nx)).toBe('NXDOMAIN');
    expect(rcode(nodata)).toBe('NOERROR');
    for (const packet of [nx, nodata]) {
      expect(answersOf(packet)).toEqual([]);
      const soa = packet.authorities?.[0] as dnsPacket.SoaAnswer;
      expect(soa).toMatchObject({ type: 'SOA', name: 'example.com', ttl: 30 });
      expect(soa.data.minimum).toBe(30);
    }
  });
});

describe('truncation', () => {
  it('sets TC with no answers over UDP for a truncate name, and answers fully over TCP', async () => {
    const udp = await udpQuery(fixture.port, query('truncated.example.com', 'TXT'));
    expect(udp.flag_tc).toBe(true);
    expect(answersOf(udp)).toEqual([]);
    const [tcp] = await tcpExchange(fixture.port, framed(query('truncated.example.com', 'TXT')), 1);
    expect(tcp?.flag_tc).toBe(false);
    expect(answersOf(tcp as Decoded).map(txtStrings)).toEqual([['v=spf1 -all']]);
  });

  // RFC 1035 §4.2.1 and RFC 6891 §6.2.5
  it('truncates a UDP answer over 512 octets, or over the EDNS0 size the query advertises', async () => {
    const plain = await udpQuery(fixture.port, query('big.example.com', 'TXT'));
    expect(plain.flag_tc).toBe(true);
    expect(answersOf(plain)).toEqual([]);

    const roomy = await udpQuery(fixture.port, query('big.example.com', 'TXT', { edns: 4096 }));
    expect(roomy.flag_tc).toBe(false);
    expect(answersOf(roomy)).toHaveLength(BIG_TXT.length);
    expect(roomy.additionals?.map((rr) => rr.type)).toEqual(['OPT']);

    const small = await udpQuery(fixture.port, query('big.example.com', 'TXT', { edns: 1024 }));
    expect(small.flag_tc).toBe(true);
    expect(small.additionals?.map((rr) => rr.type)).toEqual(['OPT']);
  });

  it('leaves a small answer alone', async () => {
    expect((await udpQuery(fixture.port, query('example.com', 'TXT'))).flag_tc).toBe(false);
  });
});

describe('TCP', () => {
  // RFC 7766 §6.2.1: several queries on one connection, each with its 2-octet length.
  it('answers two queries sent on one connection in one write', async () => {
    const octets = Buffer.concat([framed(query('example.com', 'TXT', { id: 1 })), framed(query('sub.example.com', 'A', { id: 2 }))]);
    const answers = await tcpExchange(fixture.port, octets, 2);
    expect(answers.map((answer) => answer.id).sort()).toEqual([1, 2]);
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(answersOf(byId.get(1) as Decoded).map(txtStrings)).toEqual([['v=spf1 mx -all']]);
    expect(answersOf(byId.get(2) as Decoded)[0]).toMatchObject({ data: '192.0.2.10' });
  });

  it('reassembles a query split across writes', async () => {
    const answer = await splitWrite(fixture.port, framed(query('example.com', 'TXT', { id: 3 })));
    expect(answer.id).toBe(3);
    expect(answersOf(answer).map(txtStrings)).toEqual([['v=spf1 mx -all']]);
  });

  // RFC 7766 §6.2.1.1: a pipelining client; the answers to one read leave in one write.
  it('answers 500 queries pipelined in one write with one write, in order', async () => {
    const octets = Buffer.concat(Array.from({ length: 500 }, (_, id) => framed(query(id % 2 ? 'example.com' : 'sub.example.com', id % 2 ? 'TXT' : 'A', { id }))));
    const write = jest.spyOn(net.Socket.prototype, 'write');
    try {
      const answers = await tcpExchange(fixture.port, octets, 500);
      expect(answers.map((answer) => answer.id)).toEqual(Array.from({ length: 500 }, (_, id) => id));
      expect(answersOf(answers[1] as Decoded).map(txtStrings)).toEqual([['v=spf1 mx -all']]);
      expect(answersOf(answers[498] as Decoded)[0]).toMatchObject({ data: '192.0.2.10' });
      // One write from the client (the queries), one from the server, when the 500 arrive in one chunk.
      expect(write.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      write.mockRestore();
    }
  });

  it('sends a delayed answer on its own, after the others of its chunk', async () => {
    fixture.setZone({ ...ZONE, records: { ...ZONE.records, 'slow.example.com': { A: '192.0.2.99', behaviour: { delayMs: 50 } } } });
    try {
      const octets = Buffer.concat([framed(query('slow.example.com', 'A', { id: 1 })), framed(query('sub.example.com', 'A', { id: 2 }))]);
      const answers = await tcpExchange(fixture.port, octets, 2);
      expect(answers.map((answer) => answer.id)).toEqual([2, 1]);
    } finally {
      fixture.setZone(ZONE);
    }
  });

  it('counts TCP queries apart from UDP ones', async () => {
    fixture.resetStats();
    await tcpExchange(fixture.port, framed(query('example.com', 'TXT')), 1);
    await udpQuery(fixture.port, query('example.com', 'TXT'));
    expect(fixture.stats()).toMatchObject({ queries: 2, udp: 1, tcp: 1 });
  });
});

describe('CNAME', () => {
  it('answers a chain ending in records with the CNAME first', async () => {
    const answer = await udpQuery(fixture.port, query('to-sub.example.com', 'A'));
    expect(answersOf(answer).map((rr) => [rr.name, rr.type, 'data' in rr ? rr.data : undefined])).toEqual([
      ['to-sub.example.com', 'CNAME', 'sub.example.com'],
      ['sub.example.com', 'A', '192.0.2.10'],
    ]);
  });

  it('answers a CNAME loop with the chain so far, once around', async () => {
    const loop = await udpQuery(fixture.port, query('loop-a.example.com', 'TXT'));
    expect(rcode(loop)).toBe('NOERROR');
    expect(answersOf(loop).map((rr) => `${rr.name} -> ${String('data' in rr ? rr.data : '')}`)).toEqual([
      'loop-a.example.com -> loop-b.example.com',
      'loop-b.example.com -> loop-a.example.com',
    ]);
    const self = await udpQuery(fixture.port, query('self.example.com', 'A'));
    expect(answersOf(self)).toHaveLength(1);
  });

  it('answers a CNAME query with the CNAME alone', async () => {
    const answer = await udpQuery(fixture.port, query('loop-a.example.com', 'CNAME'));
    expect(answersOf(answer).map((rr) => rr.type)).toEqual(['CNAME']);
  });
});

/** Writes a framed message in two pieces 50 ms apart and returns the one answer. */
function splitWrite(port: number, message: Buffer): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(message.subarray(0, 5));
      setTimeout(() => socket.write(message.subarray(5)), 50);
    });
    let pending = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.decode(pending.subarray(2)) as Decoded);
      }
    });
  });
}
