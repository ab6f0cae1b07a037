import { randomBytes } from 'node:crypto';
import * as dgram from 'node:dgram';
import { getServers } from 'node:dns';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import {
  type AnyAnswer,
  closedAnswer,
  type DnsServer,
  formatDnsServer,
  invalidNameAnswer,
  invalidNameReason,
  normalizeName,
  normalizeResolverOptions,
  parseDnsServer,
  type ResolverOptions,
} from './options';
import type { DnsAnswer, DnsErrorKind, RecordByType, Resolver, RRType } from './types';
import { ResolverConfigError } from '../errors';
import { type Expiring, ExpiryQueue } from './expiry-queue';
import { decodeResponse, type WireRR, type WirePacket } from './decode-response';

export interface WireResolverOptions extends ResolverOptions {
  /**
   * Advertise EDNS0 with a 1232-octet UDP payload (DNS flag day 2020), so big TXT sets
   * rarely need TCP. A server answering FORMERR is asked again without it. Default true.
   */
  edns?: boolean;
  /** Queries on the wire at once; more wait in a queue. Default 1024. */
  maxInFlight?: number;
  /** With `transport: 'tcp'`: connections kept open per server, queries spread over them. Default 1. */
  tcpConnections?: number;
}

export type WireResolver = Resolver & { close(): void };

const EDNS_PAYLOAD = 1232;
const MAX_CNAME_CHAIN = 16;
const DEFAULT_MAX_IN_FLIGHT = 1024;
/**
 * Query ids are 16 bits per socket (UDP) or connection (TCP): keep enough of them free for random
 * picks to be cheap. It also means no connection ever has more than 65,536 queries in flight.
 */
const MAX_IN_FLIGHT = 32_768;
const DEFAULT_TCP_CONNECTIONS = 1;
const MAX_TCP_CONNECTIONS = 16;
/** A query in flight on a connection that closes is sent again on a new one this many times. */
const TCP_RESENDS = 1;
/** Queries per write at most (see queueWrite); 64-256 measured alike, one write per turn slower. */
const TCP_BATCH = 128;
const RECV_BUFFER_OCTETS = 4 * 1024 * 1024;

/** The outcome of one exchange with one server. */
type Exchange =
  | { kind: 'response'; packet: Decoded }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

type Decoded = WirePacket;

interface Pending extends Expiring {
  name: string;
  type: RRType;
  done: (outcome: Exchange) => void;
}

/** A query pipelined on a TCP connection: kept framed, to be sent again if the connection drops. */
interface TcpPending extends Pending {
  link: TcpLink;
  framed: Buffer;
  resends: number;
  /** `TcpLink.received` when it was queued: nothing heard since then means a dead connection. */
  receivedBefore: number;
}

/**
 * One persistent TCP connection to a server (RFC 7766 §6.2.1): queries are pipelined on it,
 * written in batches (queueWrite), and answers come back in any order, matched by id and
 * question. Reopened when needed; the socket is undefined until then.
 */
interface TcpLink {
  server: DnsServer;
  socket: net.Socket | undefined;
  /** In flight on this connection, by query id (unique per connection). */
  pending: Map<number, TcpPending>;
  /** Framed queries for the next write. */
  outbox: Buffer[];
  flushQueued: boolean;
  /** Received octets not yet making a whole message, their total, and how many the next message needs. */
  chunks: Buffer[];
  chunkOctets: number;
  needOctets: number;
  /** Messages received on this link, ever. */
  received: number;
}

/** One connected UDP socket per server, shared by every query in flight to it. */
interface Channel {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
  /** Queries written before connect() completed. */
  backlog: Buffer[] | undefined;
}

/**
 * A Resolver speaking DNS itself (dns-packet): one shared, connected UDP socket per server
 * with many queries in flight, TCP when an answer is truncated, TTLs for every type (negative TTL
 * from the SOA), type 99, and CNAME chains followed inside the answer section.
 *
 * With `transport: 'tcp'`, queries go over persistent, pipelined TCP connections instead (RFC
 * 7766 §6.2.1.1): one write carries every query issued in the same turn of the event loop, and
 * one read many answers, where UDP costs a system call per query and per answer.
 */
export function createWireResolver(opts: WireResolverOptions = {}): WireResolver {
  const normalized = normalizeResolverOptions(opts);
  const servers = normalized.servers ?? systemServers();
  const { timeoutMs, tries, transport } = normalized;
  const useEdns = opts.edns ?? true;
  const maxInFlight = opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
    throw new ResolverConfigError(`Invalid maxInFlight ${String(opts.maxInFlight)}: expected an integer 1-${MAX_IN_FLIGHT}`);
  }
  const tcpConnections = opts.tcpConnections ?? DEFAULT_TCP_CONNECTIONS;
  if (!Number.isInteger(tcpConnections) || tcpConnections < 1 || tcpConnections > MAX_TCP_CONNECTIONS) {
    throw new ResolverConfigError(`Invalid tcpConnections ${String(opts.tcpConnections)}: expected an integer 1-${MAX_TCP_CONNECTIONS}`);
  }

  const channels = new Map<DnsServer, Channel>();
  const tcpSockets = new Set<net.Socket>();
  const tcpLinks = new Map<DnsServer, { links: TcpLink[]; next: number }>();
  let closed = false;
  let active = 0;
  // All exchanges have the same timeout: one timer per transport instead of one per query.
  const udpExpiry = new ExpiryQueue<Pending>(timeoutMs, (p) => p.done({ kind: 'timeout' }));
  const tcpExpiry = new ExpiryQueue<TcpPending>(timeoutMs, (p) => {
    const { link } = p;
    const silent = link.received === p.receivedBefore;
    p.done({ kind: 'timeout' });
    // Not one message from the server since this query left: the connection is likely dead
    // (no FIN or RST reached us). Drop it (the others in flight go on a fresh one) so the
    // next attempt does not wait on it too.
    if (silent && link.socket) retire(link, link.socket);
  });
  const waiting: Array<() => void> = [];
  let waitingHead = 0;

  /**
   * A connected socket: the kernel drops datagrams from any other source, sends skip the
   * per-packet address lookup, and an ICMP "port unreachable" fails the queries at once
   * instead of letting them time out.
   */
  function channelTo(server: DnsServer): Channel {
    const existing = channels.get(server);
    if (existing) return existing;
    const socket = dgram.createSocket(server.family === 4 ? 'udp4' : 'udp6');
    const channel: Channel = { socket, pending: new Map(), backlog: [] };
    socket.on('message', (msg) => onUdpMessage(channel, msg));
    socket.on('error', (err) => {
      // The socket is unusable (or the server unreachable): fail what is in flight on it
      // and open a fresh one next time.
      if (channels.get(server) === channel) channels.delete(server);
      const message = `UDP ${formatDnsServer(server)}: ${err.message}`;
      for (const p of [...channel.pending.values()]) p.done({ kind: 'error', message });
      socket.close();
    });
    socket.connect(server.port, server.host, () => {
      if (channels.get(server) !== channel) return; // closed meanwhile
      try {
        // Room for bursts of answers; the kernel caps it (Linux) or refuses it (macOS): keep the default then.
        socket.setRecvBufferSize(RECV_BUFFER_OCTETS);
      } catch {
        // the default buffer will do
      }
      const backlog = channel.backlog ?? [];
      channel.backlog = undefined;
      for (const query of backlog) send(channel, query);
    });
    socket.unref();
    channels.set(server, channel);
    return channel;
  }

  function send(channel: Channel, query: Buffer): void {
    if (channel.backlog) {
      channel.backlog.push(query);
      return;
    }
    const failed = (err: Error): void => {
      channel.pending.get(query.readUInt16BE(0))?.done({ kind: 'error', message: `UDP send: ${err.message}` });
    };
    try {
      channel.socket.send(query, (err) => {
        if (err) failed(err);
      });
    } catch (err) {
      failed(err as Error); // the socket closed under us
    }
  }

  function onUdpMessage(channel: Channel, msg: Buffer): void {
    if (msg.length < 12) return;
    const pending = channel.pending.get(msg.readUInt16BE(0));
    if (!pending) return;
    const packet = decodeAnswerTo(msg, pending.name, pending.type);
    if (!packet) return; // not ours (or garbage): keep waiting for the real answer
    pending.done({ kind: 'response', packet });
  }

  function udpExchange(server: DnsServer, name: string, type: RRType, edns: boolean): Promise<Exchange> {
    const channel = channelTo(server);
    let id = randomId();
    while (channel.pending.has(id)) id = randomId();
    const query = encodeQuery(id, name, type, edns);
    return new Promise<Exchange>((resolve) => {
      const finish = (outcome: Exchange): void => {
        if (channel.pending.get(id) !== pending) return;
        channel.pending.delete(id);
        udpExpiry.settle(pending);
        resolve(outcome);
      };
      const pending: Pending = { name, type, done: finish, expiresAt: 0, settled: false };
      channel.pending.set(id, pending);
      udpExpiry.add(pending);
      send(channel, query);
    });
  }

  function tcpExchange(server: DnsServer, name: string, type: RRType): Promise<Exchange> {
    const query = encodeQuery(randomId(), name, type, false);
    return new Promise<Exchange>((resolve) => {
      const socket = net.connect({ host: server.host, port: server.port });
      tcpSockets.add(socket);
      let buffered = Buffer.alloc(0);
      let settled = false;
      const finish = (outcome: Exchange): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        tcpSockets.delete(socket);
        socket.destroy();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      socket.unref();
      socket.on('connect', () => {
        const framed = Buffer.allocUnsafe(query.length + 2);
        framed.writeUInt16BE(query.length, 0);
        query.copy(framed, 2);
        socket.write(framed);
      });
      socket.on('data', (chunk) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        if (buffered.length < 2) return;
        const length = buffered.readUInt16BE(0);
        if (buffered.length < length + 2) return;
        const msg = buffered.subarray(2, length + 2);
        const packet = msg.readUInt16BE(0) === query.readUInt16BE(0) ? decodeAnswerTo(msg, name, type) : undefined;
        finish(packet ? { kind: 'response', packet } : { kind: 'error', message: `TCP answer from ${formatDnsServer(server)} does not match the query` });
      });
      socket.on('error', (err) => finish({ kind: 'error', message: `TCP to ${formatDnsServer(server)}: ${err.message}` }));
      socket.on('close', () => finish({ kind: 'error', message: `TCP to ${formatDnsServer(server)} closed before a full answer` }));
    });
  }

  /** The next connection of the server's pool, round robin. */
  function linkTo(server: DnsServer): TcpLink {
    let pool = tcpLinks.get(server);
    if (!pool) {
      const links = Array.from({ length: tcpConnections }, (): TcpLink => ({
        server,
        socket: undefined,
        pending: new Map(),
        outbox: [],
        flushQueued: false,
        chunks: [],
        chunkOctets: 0,
        needOctets: 2,
        received: 0,
      }));
      pool = { links, next: 0 };
      tcpLinks.set(server, pool);
    }
    const link = pool.links[pool.next] as TcpLink;
    pool.next = (pool.next + 1) % pool.links.length;
    return link;
  }

  function pipelinedExchange(server: DnsServer, name: string, type: RRType): Promise<Exchange> {
    const link = linkTo(server);
    // At most maxInFlight (<= 32,768) queries are in flight in all, so a free id is near at hand.
    let id = randomId();
    while (link.pending.has(id)) id = randomId();
    // No OPT record: over TCP the payload size means nothing (RFC 6891 §6.2.5 is about UDP).
    const framed = encodeQuery(id, name, type, false, true);
    return new Promise<Exchange>((resolve) => {
      const finish = (outcome: Exchange): void => {
        if (link.pending.get(id) !== pending) return;
        link.pending.delete(id);
        tcpExpiry.settle(pending);
        resolve(outcome);
      };
      const pending: TcpPending = { name, type, done: finish, expiresAt: 0, settled: false, framed, resends: 0, receivedBefore: link.received, link };
      link.pending.set(id, pending);
      tcpExpiry.add(pending);
      queueWrite(link, framed);
    });
  }

  /**
   * Queries issued in one turn of the event loop leave together, in writes of TCP_BATCH queries
   * (the last one after the turn): one write for all would leave the server idle until the
   * client has issued every query, then the client idle while the server answers them all.
   */
  function queueWrite(link: TcpLink, framed: Buffer): void {
    link.outbox.push(framed);
    if (link.outbox.length >= TCP_BATCH) {
      flush(link);
      return;
    }
    if (link.flushQueued) return;
    link.flushQueued = true;
    setImmediate(() => {
      link.flushQueued = false;
      flush(link);
    });
  }

  function flush(link: TcpLink): void {
    if (closed || link.outbox.length === 0) return;
    const octets = link.outbox.length === 1 ? (link.outbox[0] as Buffer) : Buffer.concat(link.outbox);
    link.outbox = [];
    (link.socket ?? open(link)).write(octets);
  }

  function open(link: TcpLink): net.Socket {
    const { server } = link;
    const socket = net.connect({ host: server.host, port: server.port, noDelay: true });
    socket.unref();
    link.socket = socket;
    link.chunks = [];
    link.chunkOctets = 0;
    link.needOctets = 2;
    let connected = false;
    socket.once('connect', () => {
      connected = true;
    });
    socket.on('data', (chunk: Buffer) => {
      if (link.socket === socket) onTcpData(link, chunk);
    });
    socket.on('error', (err) => retire(link, socket, connected ? undefined : `TCP to ${formatDnsServer(server)}: ${err.message}`));
    // RFC 7766 §6.2.3/§6.2.4: a server may close an idle or busy connection; what it had not
    // answered is asked again on a new one.
    socket.on('end', () => retire(link, socket));
    socket.on('close', () => retire(link, socket, connected ? undefined : `TCP to ${formatDnsServer(server)}: connection closed`));
    return socket;
  }

  /**
   * The link's socket is gone. Queries in flight on it are sent again on a new connection
   * (up to TCP_RESENDS times each); when it never connected, they fail at once.
   */
  function retire(link: TcpLink, socket: net.Socket, failure?: string): void {
    if (link.socket !== socket) return;
    link.socket = undefined;
    socket.destroy();
    if (closed) return;
    if (failure !== undefined) link.outbox = []; // all theirs: every query in flight fails below
    for (const pending of [...link.pending.values()]) {
      if (failure !== undefined) {
        pending.done({ kind: 'error', message: failure });
      } else if (pending.resends < TCP_RESENDS) {
        pending.resends += 1;
        pending.receivedBefore = link.received;
        queueWrite(link, pending.framed);
      } else {
        pending.done({ kind: 'error', message: `TCP to ${formatDnsServer(link.server)}: connection closed before an answer (${TCP_RESENDS + 1} connections)` });
      }
    }
  }

  /** RFC 1035 §4.2.2 framing: any number of messages per chunk, and a message over any number of chunks. */
  function onTcpData(link: TcpLink, chunk: Buffer): void {
    link.chunks.push(chunk);
    link.chunkOctets += chunk.length;
    if (link.chunkOctets < link.needOctets) return;
    const octets = link.chunks.length === 1 ? (link.chunks[0] as Buffer) : Buffer.concat(link.chunks, link.chunkOctets);
    let offset = 0;
    while (octets.length - offset >= 2) {
      const end = offset + 2 + octets.readUInt16BE(offset);
      if (end > octets.length) break;
      onTcpMessage(link, octets.subarray(offset + 2, end));
      offset = end;
    }
    const rest = octets.length - offset;
    link.chunks = rest === 0 ? [] : [octets.subarray(offset)];
    link.chunkOctets = rest;
    link.needOctets = rest >= 2 ? 2 + octets.readUInt16BE(offset) : 2;
  }

  function onTcpMessage(link: TcpLink, msg: Buffer): void {
    link.received += 1;
    if (msg.length < 12) return;
    const pending = link.pending.get(msg.readUInt16BE(0));
    if (!pending) return; // timed out meanwhile
    const packet = decodeAnswerTo(msg, pending.name, pending.type);
    if (!packet) return; // an answer to an earlier query that had this id: keep waiting
    pending.done({ kind: 'response', packet });
  }

  /** One question, `tries` attempts over the servers in turn. Holds a slot until it returns. */
  async function query(name: string, type: RRType): Promise<AnyAnswer> {
    try {
      let last: AnyAnswer | undefined;
      for (let attempt = 0; attempt < tries && !closed; attempt++) {
        const server = servers[attempt % servers.length] as DnsServer;
        let outcome: Exchange;
        if (transport === 'tcp') {
          outcome = await pipelinedExchange(server, name, type);
        } else {
          outcome = await udpExchange(server, name, type, useEdns);
          if (outcome.kind === 'response' && useEdns && outcome.packet.rcode === 'FORMERR') {
            outcome = await udpExchange(server, name, type, false); // a server from before EDNS0
          }
          if (outcome.kind === 'response' && outcome.packet.flag_tc) {
            outcome = await tcpExchange(server, name, type); // RFC 7766: truncated means ask again over TCP
          }
        }
        if (outcome.kind === 'timeout') {
          last = { kind: 'error', error: 'timeout', message: `${formatDnsServer(server)} did not answer ${name}/${type} within ${timeoutMs} ms (${attempt + 1} of ${tries} tries)` };
          continue;
        }
        if (outcome.kind === 'error') {
          last = { kind: 'error', error: 'error', message: outcome.message };
          continue;
        }
        const answer = interpret(outcome.packet, name, type);
        // SERVFAIL/REFUSED speak for one server only: ask the next one while tries remain.
        if (answer.kind === 'error' && servers.length > 1 && (answer.error === 'servfail' || answer.error === 'refused')) {
          last = answer;
          continue;
        }
        return answer;
      }
      return closed || last === undefined ? closedAnswer() : last;
    } finally {
      releaseSlot();
    }
  }

  /** At most maxInFlight queries on the wire; the others wait in FIFO order. */
  function withSlot(name: string, type: RRType): Promise<AnyAnswer> {
    if (active < maxInFlight) {
      active++;
      return query(name, type);
    }
    return new Promise<void>((wake) => waiting.push(wake)).then(() => query(name, type));
  }

  function releaseSlot(): void {
    // Hand the slot straight to the next waiter (active stays the same) or give it back.
    if (waitingHead < waiting.length) {
      const wake = waiting[waitingHead] as () => void;
      waiting[waitingHead++] = noop;
      if (waitingHead > 1024 && waitingHead * 2 > waiting.length) {
        waiting.splice(0, waitingHead);
        waitingHead = 0;
      }
      wake();
    } else {
      active--;
    }
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      const bad = invalidNameReason(name);
      const answer: Promise<AnyAnswer> = closed
        ? Promise.resolve(closedAnswer())
        : bad
          ? Promise.resolve(invalidNameAnswer())
          : withSlot(normalizeName(name), type);
      return answer as Promise<DnsAnswer<RecordByType[T]>>;
    },
    close(): void {
      if (closed) return;
      closed = true;
      for (const channel of channels.values()) {
        for (const p of [...channel.pending.values()]) p.done({ kind: 'error', message: 'resolver closed' });
        channel.socket.close();
      }
      channels.clear();
      for (const socket of [...tcpSockets]) socket.destroy();
      for (const { links } of tcpLinks.values()) {
        for (const link of links) {
          for (const p of [...link.pending.values()]) p.done({ kind: 'error', message: 'resolver closed' });
          link.socket?.destroy();
          link.socket = undefined;
        }
      }
      tcpLinks.clear();
      // Queued queries wake up, see `closed` and answer at once.
      while (waitingHead < waiting.length) (waiting[waitingHead++] as () => void)();
    },
  };
}

function noop(): void {}

function systemServers(): DnsServer[] {
  const servers = getServers().map(parseDnsServer);
  if (servers.length === 0) throw new ResolverConfigError('No DNS servers: the system has none configured; pass `servers`');
  return servers;
}

let idPool = Buffer.alloc(0);
let idPoolOffset = 0;

/** Query ids come from the CSPRNG: they are (with the question) all that guards against spoofing. */
function randomId(): number {
  if (idPoolOffset + 2 > idPool.length) {
    idPool = randomBytes(8192);
    idPoolOffset = 0;
  }
  const id = idPool.readUInt16BE(idPoolOffset);
  idPoolOffset += 2;
  return id;
}

/** RFC 1035 §3.2.2 type codes, and 99 for SPF (RFC 4408 §3.1.1). */
const TYPE_CODES: Record<RRType, number> = { A: 1, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SPF: 99 };

/**
 * RFC 1035 §4.1 query with RD set, plus an RFC 6891 OPT RR when `edns`. Written by hand: it is
 * one fixed layout, and dns-packet's generic encoder costs more than the rest of a query.
 * `name` has been checked by invalidNameReason (labels of 1-63 octets, no empty label).
 * `framed` puts the 2-octet length of TCP (RFC 1035 §4.2.2) in front.
 */
export function encodeQuery(id: number, name: string, type: RRType, edns: boolean, framed = false): Buffer {
  const nameOctets = name === '' ? 1 : Buffer.byteLength(name) + 2;
  const length = 12 + nameOctets + 4 + (edns ? 11 : 0);
  const whole = Buffer.allocUnsafe((framed ? 2 : 0) + length);
  if (framed) whole.writeUInt16BE(length, 0);
  const buf = framed ? whole.subarray(2) : whole;
  buf.writeUInt16BE(id, 0);
  buf.writeUInt16BE(0x0100, 2); // QR=0, OPCODE=QUERY, RD=1
  buf.writeUInt16BE(1, 4); // QDCOUNT
  buf.writeUInt32BE(0, 6); // ANCOUNT, NSCOUNT
  buf.writeUInt16BE(edns ? 1 : 0, 10); // ARCOUNT
  let offset = 12;
  if (name !== '') {
    // The name is written once; each dot's octet then becomes the length of the label after it
    // (0x2e never occurs inside a UTF-8 sequence), with the first length in front.
    const end = 13 + buf.write(name, 13);
    let lengthAt = 12;
    for (let i = 13; i < end; i++) {
      if (buf[i] === 0x2e) {
        buf[lengthAt] = i - lengthAt - 1;
        lengthAt = i;
      }
    }
    buf[lengthAt] = end - lengthAt - 1;
    offset = end;
  }
  buf[offset++] = 0;
  buf.writeUInt16BE(TYPE_CODES[type], offset);
  buf.writeUInt16BE(1, offset + 2); // class IN
  offset += 4;
  if (edns) {
    buf[offset] = 0; // root owner
    buf.writeUInt16BE(41, offset + 1); // OPT
    buf.writeUInt16BE(EDNS_PAYLOAD, offset + 3);
    buf.writeUInt32BE(0, offset + 5); // extended RCODE, version 0, DO=0
    buf.writeUInt16BE(0, offset + 9); // no options
  }
  return whole;
}

/** Decodes `msg` when it is a response to exactly (name, type); undefined otherwise. */
function decodeAnswerTo(msg: Buffer, name: string, type: RRType): Decoded | undefined {
  const packet = decodeResponse(msg);
  if (!packet?.flag_qr) return undefined;
  const questions = packet.questions ?? [];
  // Some servers drop the question from a truncated answer; the id (and source) must do then.
  if (questions.length === 0 && packet.flag_tc) return packet;
  const q = questions[0];
  if (questions.length !== 1 || !q || q.type !== type || normalizeName(q.name) !== name) return undefined;
  return packet;
}

const RCODE_ERRORS: Record<string, DnsErrorKind> = { SERVFAIL: 'servfail', REFUSED: 'refused' };

/** Turns a response into an answer, following a CNAME chain inside the answer section. */
export function interpret(packet: Decoded, name: string, type: RRType): AnyAnswer {
  const rcode = packet.rcode ?? 'NOERROR';
  if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') {
    return { kind: 'error', error: RCODE_ERRORS[rcode] ?? 'error', message: `${rcode} for ${name}/${type}` };
  }
  const answers = (packet.answers ?? []) as WireRR[];
  let owner = name;
  let ttl = Infinity;
  let seen: Set<string> | undefined;
  for (;;) {
    if (hasRecord(answers, type, owner)) break;
    seen ??= new Set([name]);
    const cname = findRecord(answers, 'CNAME', owner);
    if (!cname || typeof cname.data !== 'string') break;
    owner = normalizeName(cname.data);
    ttl = Math.min(ttl, cname.ttl ?? Infinity);
    if (seen.has(owner) || seen.size > MAX_CNAME_CHAIN) {
      return { kind: 'error', error: 'error', message: `CNAME loop or chain too long at ${owner} for ${name}/${type}` };
    }
    seen.add(owner);
  }
  const records: RecordByType[RRType][] = [];
  for (const rr of answers) {
    if (rr.type !== type || normalizeName(rr.name) !== owner) continue;
    const record = decodeRecord(rr, type);
    if (record === undefined) return { kind: 'error', error: 'error', message: `malformed ${type} record for ${owner}` };
    records.push(record);
    ttl = Math.min(ttl, rr.ttl ?? Infinity);
  }
  if (records.length > 0) return withTtl({ kind: 'ok', records }, ttl);
  const negative = negativeTtl(packet);
  return withTtl({ kind: rcode === 'NXDOMAIN' ? 'nxdomain' : 'nodata' }, negative);
}

function hasRecord(answers: readonly WireRR[], type: string, owner: string): boolean {
  return findRecord(answers, type, owner) !== undefined;
}

/** The first RR of `type` owned by `owner` (answers.find without a closure per call). */
function findRecord(answers: readonly WireRR[], type: string, owner: string): WireRR | undefined {
  for (let i = 0; i < answers.length; i++) {
    const rr = answers[i]!;
    if (rr.type === type && normalizeName(rr.name) === owner) return rr;
  }
  return undefined;
}

function withTtl(answer: AnyAnswer, ttl: number): AnyAnswer {
  if (Number.isFinite(ttl) && answer.kind !== 'error') answer.ttl = ttl;
  return answer;
}

/** RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM). */
function negativeTtl(packet: Decoded): number {
  for (const rr of (packet.authorities ?? []) as WireRR[]) {
    if (rr.type === 'SOA') return Math.min(rr.ttl ?? Infinity, (rr.data as dnsPacket.SoaData | undefined)?.minimum ?? Infinity);
  }
  return Infinity;
}

function decodeRecord(rr: WireRR, type: RRType): RecordByType[RRType] | undefined {
  switch (type) {
    case 'TXT':
      // One RR = its character-strings, not joined (RFC 7208 §3.3 joins them, the caller decides).
      return Array.isArray(rr.data) ? rr.data.map(characterString) : undefined;
    case 'SPF':
      return Buffer.isBuffer(rr.data) ? splitCharacterStrings(rr.data) : undefined;
    case 'A':
    case 'AAAA':
      return typeof rr.data === 'string' ? rr.data : undefined;
    case 'PTR':
      return typeof rr.data === 'string' ? normalizeName(rr.data) : undefined;
    case 'MX': {
      const mx = rr.data as dnsPacket.MxData | undefined;
      return typeof mx?.exchange === 'string' ? { priority: mx.preference ?? 0, exchange: normalizeName(mx.exchange) } : undefined;
    }
  }
}

/** Octets to a string one-for-one, as node:dns does, so a lint can see every non-ASCII byte. */
function characterString(data: unknown): string {
  return Buffer.isBuffer(data) ? data.toString('latin1') : String(data);
}

/** RDATA of type 99 is TXT's: a sequence of <length><octets> character-strings (RFC 4408 §3.1.1). */
function splitCharacterStrings(rdata: Buffer): string[] | undefined {
  const out: string[] = [];
  let offset = 0;
  while (offset < rdata.length) {
    const length = rdata[offset] as number;
    if (offset + 1 + length > rdata.length) return undefined;
    out.push(rdata.toString('latin1', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  return out;
}
