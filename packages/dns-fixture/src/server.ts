import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { CompiledZone, FORMERR_TEMPLATE, type Prepared, TRUNCATED_TEMPLATE } from './compile';
import { FixtureConfigError } from './errors';
import { type ParsedQuery, parseQuery, render, renderedLength, udpLimit } from './wire';
import { loadZone, normalizeZone, type Zone } from './zone';

export interface FixtureStats {
  /** Well-formed queries received (answered or not), over both transports. */
  queries: number;
  udp: number;
  tcp: number;
  /** Queries per `"<name> <TYPE>"`, the name lower-case without trailing dot, e.g. `"example.com TXT"`. */
  byNameType: Record<string, number>;
}

export interface DnsFixture {
  readonly host: string;
  readonly port: number;
  /** `"127.0.0.1:PORT"` (or `"[::1]:PORT"`), ready for `Resolver.setServers([address])`. */
  readonly address: string;
  /** Replaces all records atomically; throws ZoneError (keeping the old zone) when invalid. */
  setZone(zone: Zone): void;
  stats(): FixtureStats;
  resetStats(): void;
  stop(): Promise<void>;
}

export interface StartDnsFixtureOptions {
  /** A zone object, or the path of a `.yaml` / `.yml` / `.json` zone file. */
  zone: Zone | string;
  /** An IP address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** UDP and TCP port. Default 0: an ephemeral port free for both. */
  port?: number;
}

const DEFAULT_HOST = '127.0.0.1';
const EPHEMERAL_ATTEMPTS = 20;
const TCP_IDLE_MS = 30_000;
const RECV_BUFFER_OCTETS = 4 * 1024 * 1024;

/** Starts an authoritative DNS server for the zone on UDP and TCP, on one port. */
export async function startDnsFixture(opts: StartDnsFixtureOptions): Promise<DnsFixture> {
  const zone = typeof opts.zone === 'string' ? loadZone(opts.zone) : opts.zone;
  const host = opts.host ?? DEFAULT_HOST;
  const port = opts.port ?? 0;
  if (net.isIP(host) === 0) throw new FixtureConfigError(`host must be an IP address, got ${JSON.stringify(host)}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FixtureConfigError(`port must be an integer 0-65535, got ${String(port)}`);
  }
  const server = new FixtureServer(zone, host);
  await server.listen(port);
  return server;
}

/** Compiles a zone as the server would, throwing ZoneError for anything it could not serve. */
export function compileZone(zone: Zone, serial: number): CompiledZone {
  return new CompiledZone(normalizeZone(zone), serial);
}

class FixtureServer implements DnsFixture {
  port = 0;
  private zone: CompiledZone;
  private serial = 1;
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;
  private readonly connections = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private counters = { queries: 0, udp: 0, tcp: 0 };
  private byNameType = new Map<string, number>();
  private stopping: Promise<void> | undefined;

  constructor(
    zone: Zone,
    readonly host: string,
  ) {
    this.zone = compileZone(zone, this.serial);
  }

  get address(): string {
    return net.isIPv6(this.host) ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  setZone(zone: Zone): void {
    this.zone = compileZone(zone, this.serial + 1);
    this.serial += 1;
  }

  stats(): FixtureStats {
    return { ...this.counters, byNameType: Object.fromEntries(this.byNameType) };
  }

  resetStats(): void {
    this.counters = { queries: 0, udp: 0, tcp: 0 };
    this.byNameType = new Map();
  }

  /** Binds UDP then TCP on the same port; with port 0, retries until both get the same one. */
  async listen(port: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const udp = await this.bindUdp(port);
      const udpPort = udp.address().port;
      try {
        this.tcp = await this.listenTcp(udpPort);
        this.udp = udp;
        this.port = udpPort;
        return;
      } catch (error) {
        udp.close();
        const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (port !== 0 || !inUse || attempt >= EPHEMERAL_ATTEMPTS) throw error;
      }
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.connections) socket.destroy();
    const udp = this.udp;
    const tcp = this.tcp;
    await Promise.all([
      new Promise<void>((resolve) => (udp === undefined ? resolve() : udp.close(() => resolve()))),
      new Promise<void>((resolve) => (tcp === undefined ? resolve() : tcp.close(() => resolve()))),
    ]);
  }

  private bindUdp(port: number): Promise<dgram.Socket> {
    const socket = dgram.createSocket(net.isIPv6(this.host) ? 'udp6' : 'udp4');
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined); // e.g. ICMP port unreachable: not the server's problem
        try {
          socket.setRecvBufferSize(RECV_BUFFER_OCTETS); // the kernel may cap it; a bigger queue helps benchmarks
        } catch {
          // keep the default buffer
        }
        socket.on('message', (message, remote) => this.onUdp(socket, message, remote));
        resolve(socket);
      });
    });
  }

  private listenTcp(port: number): Promise<net.Server> {
    const server = net.createServer((socket) => this.onTcpConnection(socket));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host: this.host, exclusive: true }, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  private onUdp(socket: dgram.Socket, message: Buffer, remote: dgram.RemoteInfo): void {
    const parsed = parseQuery(message);
    if (parsed.kind === 'ignore') return;
    const send = (out: Buffer): void => {
      try {
        socket.send(out, remote.port, remote.address, ignoreError);
      } catch {
        // the socket closed while the answer was delayed
      }
    };
    if (parsed.kind === 'formerr') {
      send(render(FORMERR_TEMPLATE, message, 0, false, 0));
      return;
    }
    const query = parsed.query;
    this.counters.udp += 1;
    const prepared = this.prepare(query);
    if (prepared.drop) return;
    const withOpt = query.ednsPayload !== undefined;
    // RFC 1035 §4.2.1 / RFC 6891 §7: what does not fit is sent with TC set and no records.
    const fits = renderedLength(prepared.udp, query.questionOctets, withOpt) <= udpLimit(query.ednsPayload);
    const out = render(fits ? prepared.udp : TRUNCATED_TEMPLATE, message, query.questionOctets, withOpt, 0);
    this.after(prepared.delayMs, () => send(out));
  }

  private onTcpConnection(socket: net.Socket): void {
    this.connections.add(socket);
    socket.on('close', () => this.connections.delete(socket));
    socket.on('error', ignoreError);
    socket.setNoDelay(true);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    // Received octets not yet making a whole message, their total, and what the next one needs.
    let chunks: Buffer[] = [];
    let octets = 0;
    let need = 2;
    // RFC 1035 §4.2.2: each message is preceded by its 16-bit length. RFC 7766 §6.2.1.1: a client
    // may pipeline many; the answers to all the queries of one chunk leave in one write.
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      octets += chunk.length;
      if (octets < need) return;
      const received = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, octets);
      const answers: Buffer[] = [];
      let offset = 0;
      while (received.length - offset >= 2) {
        const end = offset + 2 + received.readUInt16BE(offset);
        if (end > received.length) break;
        this.onTcpMessage(socket, received.subarray(offset + 2, end), answers);
        offset = end;
      }
      const rest = received.length - offset;
      chunks = rest === 0 ? [] : [Buffer.from(received.subarray(offset))];
      octets = rest;
      need = rest >= 2 ? 2 + received.readUInt16BE(offset) : 2;
      if (answers.length > 0 && !socket.destroyed) socket.write(answers.length === 1 ? (answers[0] as Buffer) : Buffer.concat(answers));
    });
  }

  /** Adds the answer to `answers` (sent after the whole chunk), or sends it later when delayed. */
  private onTcpMessage(socket: net.Socket, message: Buffer, answers: Buffer[]): void {
    const parsed = parseQuery(message);
    if (parsed.kind === 'ignore') return;
    if (parsed.kind === 'formerr') {
      answers.push(render(FORMERR_TEMPLATE, message, 0, false, 2));
      return;
    }
    const query = parsed.query;
    this.counters.tcp += 1;
    const prepared = this.prepare(query);
    if (prepared.drop) return;
    const out = render(prepared.tcp, message, query.questionOctets, query.ednsPayload !== undefined, 2);
    if (prepared.delayMs <= 0) {
      answers.push(out);
      return;
    }
    this.after(prepared.delayMs, () => {
      if (!socket.destroyed) socket.write(out);
    });
  }

  private prepare(query: ParsedQuery): Prepared {
    const name = query.name.toLowerCase();
    this.counters.queries += 1;
    const key = `${name} ${query.type}`;
    this.byNameType.set(key, (this.byNameType.get(key) ?? 0) + 1);
    return this.zone.lookup(name, query.type, query.klass, query.opcode);
  }

  private after(delayMs: number, send: () => void): void {
    if (delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, delayMs);
    this.timers.add(timer);
  }
}

function ignoreError(): void {
  // a peer that went away is not the server's problem
}
