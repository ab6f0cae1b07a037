import { execFile } from 'node:child_process';
import * as dgram from 'node:dgram';
import * as net from 'node:net';
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
    try {
      const run = await askInChildProcess({ servers: [server.address], timeoutMs: 2000 });
      expect(run.stdout.trim()).toBe(JSON.stringify({ kind: 'ok', records: ['192.0.2.1'], ttl: 1 }));
      expect(run.code).toBe(0);
      expect(run.ms).toBeLessThan(2000); // it did not wait for the 2 s query timer either
    } finally {
      await server.close();
    }
  });
});

/** A child process that asks example.com/A once and never calls close(): it must still exit by itself. */
async function askInChildProcess(options: Parameters<typeof createWireResolver>[0]): Promise<{ code: number | null; stdout: string; ms: number }> {
  const child = `
    const swc = require('@swc/core');
    const fs = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
      module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), options).code, filename);
    };
    const { createWireResolver } = require(${JSON.stringify(path.join(__dirname, '../../src/dns/wire-resolver.ts'))});
    createWireResolver(${JSON.stringify(options)})
      .resolve('example.com', 'A')
      .then((answer) => console.log(JSON.stringify(answer)));
  `;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    execFile(process.execPath, ['-e', child], { timeout: 4000 }, (err, stdout) => {
      if (err && err.killed) reject(new Error('child did not exit'));
      else resolve({ code: err ? 1 : 0, stdout, ms: Date.now() - started });
    });
  });
}

/** One accepted connection of scriptedTcpServer: the queries read from it so far, and the socket. */
interface TcpPeer {
  socket: net.Socket;
  queries: dnsPacket.DecodedPacket[];
  /** Received query octets, frames included, in order. */
  chunks: number;
}

/**
 * A TCP DNS server on loopback that hands each framed query to the test, with the connection it
 * came on (`index`: 0 for the first connection); the test writes answers as it likes.
 */
async function scriptedTcpServer(onQuery: (query: dnsPacket.DecodedPacket, peer: TcpPeer, index: number) => void) {
  const peers: TcpPeer[] = [];
  const server = net.createServer((socket) => {
    const peer: TcpPeer = { socket, queries: [], chunks: 0 };
    const index = peers.push(peer) - 1;
    let pending = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      peer.chunks += 1;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const query = dnsPacket.decode(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
        peer.queries.push(query);
        onQuery(query, peer, index);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    peers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const peer of peers) peer.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A response framed for TCP (RFC 1035 §4.2.2). */
function framedAnswer(query: dnsPacket.DecodedPacket, answers: dnsPacket.Answer[]): Buffer {
  return dnsPacket.streamEncode(answerTo(query, answers));
}

const aRecord = (query: dnsPacket.DecodedPacket, data: string): dnsPacket.Answer[] => [{ type: 'A', name: query.questions?.[0]?.name ?? '', ttl: 60, data }];

describe('createWireResolver over pipelined TCP (RFC 7766)', () => {
  const tcp = (address: string, opts: Parameters<typeof createWireResolver>[0] = {}) =>
    createWireResolver({ servers: [address], timeoutMs: 2000, tries: 1, transport: 'tcp', ...opts });

  // RFC 7766 §6.2.1.1: queries pipelined on one connection, answers in any order, matched by id.
  it('sends 1,000 concurrent queries on one connection, in few writes, with distinct ids, and matches answers sent in reverse', async () => {
    const server = await scriptedTcpServer((_query, peer) => {
      if (peer.queries.length < 1000) return;
      const answers = [...peer.queries].reverse().map((q) => framedAnswer(q, aRecord(q, `192.0.2.${Number(q.questions?.[0]?.name.split('.')[0]?.slice(1)) % 256}`)));
      peer.socket.write(Buffer.concat(answers));
    });
    const dns = tcp(server.address, { maxInFlight: 1000 });
    try {
      const names = Array.from({ length: 1000 }, (_, i) => `n${i}.example.com`);
      const answers = await Promise.all(names.map((name) => dns.resolve(name, 'A')));
      answers.forEach((answer, i) => expect(answer).toEqual({ kind: 'ok', records: [`192.0.2.${i % 256}`], ttl: 60 }));
      expect(server.peers).toHaveLength(1);
      const [peer] = server.peers as [TcpPeer];
      expect(new Set(peer.queries.map((q) => q.id)).size).toBe(1000);
      expect(peer.chunks).toBeLessThan(50); // batched writes, not one per query
      expect(peer.queries[0]?.additionals).toEqual([]); // no EDNS0 OPT over TCP
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('reads an answer that arrives one octet at a time', async () => {
    const server = await scriptedTcpServer((query, peer) => {
      const octets = framedAnswer(query, aRecord(query, '192.0.2.7'));
      let i = 0;
      const next = (): void => {
        if (i < octets.length && !peer.socket.destroyed) peer.socket.write(octets.subarray(i, ++i), () => setTimeout(next, 1));
      };
      next();
    });
    const dns = tcp(server.address);
    try {
      expect(await dns.resolve('split.example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.7'], ttl: 60 });
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('reads several answers from one chunk and an answer split between two, ignoring a wrong question', async () => {
    const server = await scriptedTcpServer((_query, peer) => {
      if (peer.queries.length < 3) return;
      const [a, b, c] = peer.queries as [dnsPacket.DecodedPacket, dnsPacket.DecodedPacket, dnsPacket.DecodedPacket];
      const wrong = dnsPacket.streamEncode(answerTo(b, aRecord(b, '192.0.2.66'), { questions: [{ type: 'A', name: 'evil.example.com' }] }));
      const octets = Buffer.concat([framedAnswer(c, aRecord(c, '192.0.2.3')), wrong, framedAnswer(a, aRecord(a, '192.0.2.1')), framedAnswer(b, aRecord(b, '192.0.2.2'))]);
      const cut = octets.length - 7;
      peer.socket.write(octets.subarray(0, cut), () => setTimeout(() => peer.socket.write(octets.subarray(cut)), 20));
    });
    const dns = tcp(server.address);
    try {
      const answers = await Promise.all(['a.example.com', 'b.example.com', 'c.example.com'].map((name) => dns.resolve(name, 'A')));
      expect(answers.map((answer) => answer.kind === 'ok' && answer.records)).toEqual([['192.0.2.1'], ['192.0.2.2'], ['192.0.2.3']]);
    } finally {
      dns.close();
      await server.close();
    }
  });

  // RFC 7766 §6.2.3: a server may close a connection; what it had not answered is asked again.
  it('reconnects when the server closes the connection and sends again what was pending', async () => {
    const server = await scriptedTcpServer((query, peer, index) => {
      if (index === 0) {
        if (peer.queries.length === 2) peer.socket.end(); // reads both, answers neither
        return;
      }
      peer.socket.write(framedAnswer(query, aRecord(query, '192.0.2.9')));
    });
    const dns = tcp(server.address);
    try {
      const answers = await Promise.all([dns.resolve('one.example.com', 'A'), dns.resolve('two.example.com', 'A')]);
      expect(answers).toEqual([
        { kind: 'ok', records: ['192.0.2.9'], ttl: 60 },
        { kind: 'ok', records: ['192.0.2.9'], ttl: 60 },
      ]);
      expect(server.peers.map((peer) => peer.queries.length)).toEqual([2, 2]);
      // The next query goes on the live connection.
      expect(await dns.resolve('three.example.com', 'A')).toMatchObject({ kind: 'ok' });
      expect(server.peers).toHaveLength(2);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('opens a new connection for queries after an idle connection was closed by the server', async () => {
    const server = await scriptedTcpServer((query, peer) => peer.socket.write(framedAnswer(query, aRecord(query, '192.0.2.10'))));
    const dns = tcp(server.address);
    try {
      expect(await dns.resolve('first.example.com', 'A')).toMatchObject({ kind: 'ok' });
      server.peers[0]?.socket.end(); // RFC 7766 §6.2.3 idle timeout
      await waitFor(() => server.peers[0]?.socket.closed === true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await dns.resolve('second.example.com', 'A')).toMatchObject({ kind: 'ok', records: ['192.0.2.10'] });
      expect(server.peers.map((peer) => peer.queries.length)).toEqual([1, 1]);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('fails a query whose connection closes unanswered twice, at once rather than by timeout', async () => {
    const server = await scriptedTcpServer((_query, peer) => peer.socket.destroy());
    const dns = tcp(server.address, { timeoutMs: 5000 });
    try {
      const started = Date.now();
      expect(await dns.resolve('gone.example.com', 'A')).toMatchObject({ kind: 'error', error: 'error', message: expect.stringContaining('connection closed before an answer') });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.peers).toHaveLength(2);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('fails at once when nothing listens on the port (connection refused)', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dns = tcp(`127.0.0.1:${port}`, { timeoutMs: 5000, tries: 2 });
    const started = Date.now();
    const answers = await Promise.all([dns.resolve('example.com', 'A'), dns.resolve('example.com', 'TXT')]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const answer of answers) expect(answer).toMatchObject({ kind: 'error', error: 'error', message: expect.stringContaining('ECONNREFUSED') });
    dns.close();
  });

  // RFC 7208 §2.6.6: no answer in time is a temperror, over TCP as over UDP.
  it('times out per query while the connection answers others, and keeps the connection', async () => {
    const server = await scriptedTcpServer((query, peer) => {
      if (query.questions?.[0]?.name !== 'silent.example.com') peer.socket.write(framedAnswer(query, aRecord(query, '192.0.2.11')));
    });
    const dns = tcp(server.address, { timeoutMs: 200 });
    try {
      const started = Date.now();
      const silent = dns.resolve('silent.example.com', 'A');
      const answered = await dns.resolve('loud.example.com', 'A');
      expect(answered).toMatchObject({ kind: 'ok', records: ['192.0.2.11'] });
      expect(await silent).toMatchObject({ kind: 'error', error: 'timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(await dns.resolve('after.example.com', 'A')).toMatchObject({ kind: 'ok' });
      expect(server.peers).toHaveLength(1);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('drops a connection that stays silent past a timeout, so the next try uses a fresh one', async () => {
    const server = await scriptedTcpServer((query, peer, index) => {
      if (index > 0) peer.socket.write(framedAnswer(query, aRecord(query, '192.0.2.12')));
    });
    const dns = tcp(server.address, { timeoutMs: 200, tries: 2 });
    try {
      expect(await dns.resolve('example.com', 'A')).toMatchObject({ kind: 'ok', records: ['192.0.2.12'] });
      expect(server.peers.map((peer) => peer.queries.length)).toEqual([1, 1]);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('spreads queries over tcpConnections connections', async () => {
    const server = await scriptedTcpServer((query, peer) => peer.socket.write(framedAnswer(query, aRecord(query, '192.0.2.13'))));
    const dns = tcp(server.address, { tcpConnections: 2 });
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => dns.resolve(`n${i}.example.com`, 'A')));
      expect(server.peers.map((peer) => peer.queries.length)).toEqual([5, 5]);
    } finally {
      dns.close();
      await server.close();
    }
  });

  it('close() answers what is in flight with an error and closes the connection', async () => {
    const server = await scriptedTcpServer(() => undefined);
    const dns = tcp(server.address, { timeoutMs: 5000 });
    const inFlight = dns.resolve('a.example.com', 'A');
    await waitFor(() => server.peers[0]?.queries.length === 1);
    dns.close();
    expect(await inFlight).toMatchObject({ kind: 'error', message: 'resolver closed' });
    await waitFor(() => server.peers[0]?.socket.closed === true);
    await server.close();
  });

  it('does not keep the process alive with its connection open (the socket is unref-ed)', async () => {
    const server = await scriptedTcpServer((query, peer) => peer.socket.write(framedAnswer(query, [{ type: 'A', name: 'example.com', ttl: 1, data: '192.0.2.1' }])));
    try {
      const run = await askInChildProcess({ servers: [server.address], timeoutMs: 2000, transport: 'tcp' });
      expect(run.stdout.trim()).toBe(JSON.stringify({ kind: 'ok', records: ['192.0.2.1'], ttl: 1 }));
      expect(run.code).toBe(0);
      expect(run.ms).toBeLessThan(2000); // the scripted server never closes the connection itself
    } finally {
      await server.close();
    }
  });

  it('validates tcpConnections', () => {
    expect(() => createWireResolver({ servers: ['127.0.0.1'], tcpConnections: 0 })).toThrow(/Invalid tcpConnections/);
    expect(() => createWireResolver({ servers: ['127.0.0.1'], transport: 'udp2' as never })).toThrow(/Invalid transport/);
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

  // RFC 1035 §4.2.2: over TCP the message is preceded by its length.
  it('frames a query for TCP with its 2-octet length', () => {
    const plain = encodeQuery(0xbeef, 'example.com', 'TXT', false);
    const framed = encodeQuery(0xbeef, 'example.com', 'TXT', false, true);
    expect(framed.readUInt16BE(0)).toBe(plain.length);
    expect(framed.subarray(2)).toEqual(plain);
  });
});
