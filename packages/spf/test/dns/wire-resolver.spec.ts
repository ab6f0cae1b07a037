import { execFile } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as path from 'node:path';
import * as dnsPacket from 'dns-packet';
import { createWireResolver, encodeQuery, interpret } from '../../src/dns/wire-resolver';

type Decoded = Parameters<typeof interpret>[0];

function response(fields: Partial<dnsPacket.Packet> & { rcode?: string }): Decoded {
  const flags = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 }[fields.rcode ?? 'NOERROR'] ?? 0;
  const wire = dnsPacket.encode({ type: 'response', id: 1, flags, questions: [], ...fields });
  return dnsPacket.decode(wire) as Decoded;
}

const soa = (ttl: number, minimum: number): dnsPacket.Answer => ({
  type: 'SOA',
  name: 'example.com',
  ttl,
  data: { mname: 'ns.example.com', rname: 'hostmaster.example.com', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum },
});

describe('interpret (wire answers to DnsAnswer)', () => {
  it('reports the minimum TTL of the RRset', () => {
    const answers: dnsPacket.Answer[] = [
      { type: 'A', name: 'example.com', ttl: 300, data: '192.0.2.1' },
      { type: 'A', name: 'Example.COM', ttl: 60, data: '192.0.2.2' },
    ];
    expect(interpret(response({ answers }), 'example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1', '192.0.2.2'], ttl: 60 });
  });

  // RFC 1034 §3.6.2 / §4.3.2: records of the asked type at the end of the CNAME chain.
  it('follows a CNAME chain inside the answer section; the chain TTLs count too', () => {
    const answers: dnsPacket.Answer[] = [
      { type: 'CNAME', name: 'spf.example.com', ttl: 100, data: 'Mid.Example.net' },
      { type: 'CNAME', name: 'mid.example.net', ttl: 50, data: 'end.example.org' },
      { type: 'TXT', name: 'decoy.example.org', ttl: 10, data: ['v=spf1 +all'] },
      { type: 'TXT', name: 'end.example.org', ttl: 300, data: ['v=spf1 ', '-all'] },
    ];
    expect(interpret(response({ answers }), 'spf.example.com', 'TXT')).toEqual({ kind: 'ok', records: [['v=spf1 ', '-all']], ttl: 50 });
  });

  it('answers an error for a CNAME loop', () => {
    const answers: dnsPacket.Answer[] = [
      { type: 'CNAME', name: 'a.example.com', ttl: 1, data: 'b.example.com' },
      { type: 'CNAME', name: 'b.example.com', ttl: 1, data: 'a.example.com' },
    ];
    expect(interpret(response({ answers }), 'a.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'error' });
  });

  // RFC 2308 §5: the negative TTL is min(SOA TTL, SOA MINIMUM).
  it('takes the negative TTL from the SOA of nxdomain / nodata', () => {
    expect(interpret(response({ rcode: 'NXDOMAIN', authorities: [soa(900, 120)] }), 'x.example.com', 'TXT')).toEqual({ kind: 'nxdomain', ttl: 120 });
    expect(interpret(response({ authorities: [soa(30, 120)] }), 'example.com', 'MX')).toEqual({ kind: 'nodata', ttl: 30 });
    expect(interpret(response({}), 'example.com', 'MX')).toEqual({ kind: 'nodata' });
  });

  // RFC 6604 §2.1: the RCODE speaks for the last name of the chain.
  it('is nxdomain when the chain ends at a name that does not exist', () => {
    const answers: dnsPacket.Answer[] = [{ type: 'CNAME', name: 'a.example.com', ttl: 1, data: 'gone.example.com' }];
    expect(interpret(response({ rcode: 'NXDOMAIN', answers }), 'a.example.com', 'A')).toMatchObject({ kind: 'nxdomain' });
  });

  it('ignores records of other owners and types (nodata)', () => {
    const answers: dnsPacket.Answer[] = [{ type: 'TXT', name: 'other.example.com', ttl: 1, data: ['v=spf1 -all'] }];
    expect(interpret(response({ answers }), 'example.com', 'TXT')).toEqual({ kind: 'nodata' });
  });

  it.each([
    ['SERVFAIL', 'servfail'],
    ['REFUSED', 'refused'],
    ['NOTIMP', 'error'],
    ['FORMERR', 'error'],
  ])('maps RCODE %s to %s', (rcode, error) => {
    expect(interpret(response({ rcode }), 'example.com', 'TXT')).toMatchObject({ kind: 'error', error });
  });

  it('decodes MX, PTR (lower-case, no trailing dot), type 99 and binary TXT octet for octet', () => {
    const mx = response({ answers: [{ type: 'MX', name: 'example.com', ttl: 5, data: { preference: 10, exchange: 'MX1.Example.com' } }] });
    expect(interpret(mx, 'example.com', 'MX')).toEqual({ kind: 'ok', records: [{ priority: 10, exchange: 'mx1.example.com' }], ttl: 5 });
    const ptr = response({ answers: [{ type: 'PTR', name: '1.2.0.192.in-addr.arpa', ttl: 5, data: 'Host.Example.com' }] });
    expect(interpret(ptr, '1.2.0.192.in-addr.arpa', 'PTR')).toMatchObject({ records: ['host.example.com'] });
    const spf = response({
      answers: [{ type: 'SPF' as 'NULL', name: 'example.com', ttl: 5, data: Buffer.from('\x07v=spf1 \x04-all') }],
    });
    expect(interpret(spf, 'example.com', 'SPF')).toEqual({ kind: 'ok', records: [['v=spf1 ', '-all']], ttl: 5 });
    const txt = response({ answers: [{ type: 'TXT', name: 'example.com', ttl: 5, data: [Buffer.from([0x76, 0x3d, 0xe9, 0xff])] }] });
    expect(interpret(txt, 'example.com', 'TXT')).toMatchObject({ records: [['v=\u00e9\u00ff']] });
  });
});

/** A UDP server on loopback whose answers the test writes by hand. */
async function scriptedServer(onQuery: (query: dnsPacket.DecodedPacket, reply: (packet: dnsPacket.Packet | Buffer) => void) => void) {
  const socket = dgram.createSocket('udp4');
  const received: dnsPacket.DecodedPacket[] = [];
  socket.on('message', (msg, rinfo) => {
    const query = dnsPacket.decode(msg);
    received.push(query);
    onQuery(query, (packet) => socket.send(Buffer.isBuffer(packet) ? packet : dnsPacket.encode(packet), rinfo.port, rinfo.address));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answerTo(query: dnsPacket.DecodedPacket, answers: dnsPacket.Answer[], overrides: Partial<dnsPacket.Packet> = {}): dnsPacket.Packet {
  return { type: 'response', id: query.id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: query.questions, answers, ...overrides };
}

describe('createWireResolver on a scripted loopback server', () => {
  it('ignores answers with a wrong id or a wrong question and takes the matching one', async () => {
    const server = await scriptedServer((query, reply) => {
      const a = (data: string): dnsPacket.Answer[] => [{ type: 'A', name: 'example.com', ttl: 60, data }];
      reply(answerTo(query, a('192.0.2.66'), { id: ((query.id ?? 0) + 1) & 0xffff }));
      reply(answerTo(query, a('192.0.2.67'), { questions: [{ type: 'A', name: 'evil.example.com' }] }));
      reply(answerTo(query, a('192.0.2.68'), { questions: [{ type: 'AAAA', name: 'example.com' }] }));
      reply(Buffer.from('garbage'));
      reply(answerTo(query, a('192.0.2.1')));
    });
    const dns = createWireResolver({ servers: [server.address], timeoutMs: 1000, tries: 1 });
    try {
      expect(await dns.resolve('Example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1'], ttl: 60 });
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('uses random query ids and sends RD with EDNS0 by default, plain 512-octet queries with edns: false', async () => {
    const server = await scriptedServer((query, reply) => reply(answerTo(query, [])));
    const dns = createWireResolver({ servers: [server.address], timeoutMs: 1000, tries: 1 });
    const plain = createWireResolver({ servers: [server.address], timeoutMs: 1000, tries: 1, edns: false });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => dns.resolve(`n${i}.example.com`, 'TXT')));
      await plain.resolve('plain.example.com', 'TXT');
      const ids = new Set(server.received.map((q) => q.id));
      expect(ids.size).toBeGreaterThan(15);
      expect(server.received[0]?.flag_rd).toBe(true);
      const opt = (q: dnsPacket.DecodedPacket) => (q.additionals ?? []).find((rr) => rr.type === 'OPT') as dnsPacket.OptAnswer | undefined;
      expect(opt(server.received[0] as dnsPacket.DecodedPacket)?.udpPayloadSize).toBe(1232);
      expect(opt(server.received[20] as dnsPacket.DecodedPacket)).toBeUndefined();
    } finally {
      dns.close();
      plain.close();
      await server.close();
    }
  });

  // RFC 6891 §7: a server that does not know EDNS0 answers FORMERR; ask again without it.
  it('asks again without EDNS0 after FORMERR', async () => {
    const server = await scriptedServer((query, reply) => {
      const hasOpt = (query.additionals ?? []).some((rr) => rr.type === 'OPT');
      reply(hasOpt ? answerTo(query, [], { flags: 1, additionals: [] }) : answerTo(query, [{ type: 'TXT', name: 'example.com', ttl: 1, data: 'ok' }]));
    });
    const dns = createWireResolver({ servers: [server.address], timeoutMs: 1000, tries: 1 });
    try {
      expect(await dns.resolve('example.com', 'TXT')).toMatchObject({ kind: 'ok', records: [['ok']] });
      expect(server.received).toHaveLength(2);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('moves to the next server on SERVFAIL when there is one', async () => {
    const failing = await scriptedServer((query, reply) => reply(answerTo(query, [], { flags: 2 })));
    const working = await scriptedServer((query, reply) => reply(answerTo(query, [{ type: 'A', name: 'example.com', ttl: 1, data: '192.0.2.1' }])));
    const dns = createWireResolver({ servers: [failing.address, working.address], timeoutMs: 1000, tries: 2 });
    try {
      expect(await dns.resolve('example.com', 'A')).toMatchObject({ kind: 'ok', records: ['192.0.2.1'] });
      expect(failing.received).toHaveLength(1);
    } finally {
      dns.close();
      await failing.close();
      await working.close();
    }
  });

  it('keeps at most maxInFlight queries on the wire and queues the rest', async () => {
    const held: Array<() => void> = [];
    const server = await scriptedServer((query, reply) => held.push(() => reply(answerTo(query, []))));
    const dns = createWireResolver({ servers: [server.address], timeoutMs: 2000, tries: 1, maxInFlight: 3 });
    try {
      const answers = Promise.all(Array.from({ length: 10 }, (_, i) => dns.resolve(`n${i}.example.com`, 'TXT')));
      await waitFor(() => server.received.length === 3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.received).toHaveLength(3);
      while (server.received.length < 10 || held.length > 0) {
        held.splice(0).forEach((reply) => reply());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect((await answers).every((a) => a.kind === 'nodata')).toBe(true);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('close() answers everything in flight or queued with an error, and later queries too', async () => {
    const server = await scriptedServer(() => undefined);
    const dns = createWireResolver({ servers: [server.address], timeoutMs: 5000, tries: 1, maxInFlight: 1 });
    const first = dns.resolve('a.example.com', 'A');
    const queued = dns.resolve('b.example.com', 'A');
    await waitFor(() => server.received.length === 1);
    dns.close();
    expect(await first).toMatchObject({ kind: 'error', message: 'resolver closed' });
    expect(await queued).toMatchObject({ kind: 'error', message: 'resolver closed' });
    expect(await dns.resolve('c.example.com', 'A')).toMatchObject({ kind: 'error', message: 'resolver closed' });
    await server.close();
  });

  it('fails at once, not by timeout, when nothing listens on the server port (ICMP port unreachable)', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dns = createWireResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 5000, tries: 2 });
    const started = Date.now();
    const answers = await Promise.all([dns.resolve('example.com', 'A'), dns.resolve('example.com', 'TXT')]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const answer of answers) expect(answer).toMatchObject({ kind: 'error', error: 'error', message: expect.stringContaining('ECONNREFUSED') });
    dns.close();
  });

  it('answers an invalid name (RFC 1035 lengths) nxdomain without sending anything', async () => {
    const server = await scriptedServer(() => undefined);
    const dns = createWireResolver({ servers: [server.address] });
    expect(await dns.resolve('a..example.com', 'TXT')).toEqual({ kind: 'nxdomain' });
    expect(server.received).toHaveLength(0);
    dns.close();
    await server.close();
  });

  it('does not keep the process alive once its queries are answered (sockets are unref-ed)', async () => {
    const server = await scriptedServer((query, reply) => reply(answerTo(query, [{ type: 'A', name: 'example.com', ttl: 1, data: '192.0.2.1' }])));
    // A child process that asks once and never calls close(): it must still exit by itself.
    const child = `
      const swc = require('@swc/core');
      const fs = require('node:fs');
      require.extensions['.ts'] = (module, filename) => {
        const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
        module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
      };
      const { createWireResolver } = require(${JSON.stringify(path.join(__dirname, '../../src/dns/wire-resolver.ts'))});
      createWireResolver({ servers: [${JSON.stringify(server.address)}], timeoutMs: 2000 })
        .resolve('example.com', 'A')
        .then((answer) => console.log(JSON.stringify(answer)));
    `;
    try {
      const run = await new Promise<{ code: number | null; stdout: string; ms: number }>((resolve, reject) => {
        const started = Date.now();
        execFile(process.execPath, ['-e', child], { timeout: 4000 }, (err, stdout) => {
          if (err && err.killed) reject(new Error('child did not exit'));
          else resolve({ code: err ? 1 : 0, stdout, ms: Date.now() - started });
        });
      });
      expect(run.stdout.trim()).toBe(JSON.stringify({ kind: 'ok', records: ['192.0.2.1'], ttl: 1 }));
      expect(run.code).toBe(0);
      expect(run.ms).toBeLessThan(2000); // it did not wait for the 2 s query timer either
    } finally {
      await server.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('encodeQuery', () => {
  // RFC 1035 §4.1 and RFC 6891 §6.1.2, checked by an independent decoder.
  it.each([
    ['example.com', 'TXT', true],
    ['Mixed.Case.example.org', 'SPF', false],
    ['4.3.2.1.in-addr.arpa', 'PTR', true],
    [`${'a'.repeat(63)}.example`, 'AAAA', false],
  ] as const)('encodes %s/%s (edns %s) as dns-packet reads it', (name, type, edns) => {
    const decoded = dnsPacket.decode(encodeQuery(0xbeef, name, type, edns));
    expect(decoded).toMatchObject({ id: 0xbeef, type: 'query', flag_rd: true, flag_qr: false, opcode: 'QUERY' });
    expect(decoded.questions).toEqual([{ name, type, class: 'IN' }]);
    expect(decoded.answers).toEqual([]);
    expect(decoded.additionals).toEqual(edns ? [expect.objectContaining({ type: 'OPT', udpPayloadSize: 1232, flag_do: false, options: [] })] : []);
  });
});
