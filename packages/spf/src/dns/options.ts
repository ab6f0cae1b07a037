import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ResolverConfigError } from '../errors';
import type { DnsAnswer, RecordByType, RRType } from './types';

/** Options shared by both resolver implementations. */
export interface ResolverOptions {
  /** "1.2.3.4", "127.0.0.1:5353", "[::1]:53" or "::1". Default: the system's servers. */
  servers?: string[];
  /** Per-try timeout. Default 3000. */
  timeoutMs?: number;
  /** Attempts per query (per server rotation) before answering `timeout`. Default 2. */
  tries?: number;
  /**
   * How the wire resolver talks to servers. 'udp' (default): datagrams, TCP only when an answer
   * is truncated. 'tcp': persistent connections with pipelined queries (RFC 7766 §6.2.1.1),
   * many queries per write: far fewer syscalls under load. The node implementation only has
   * 'udp' (c-ares switches to TCP by itself for truncated answers).
   */
  transport?: DnsTransport;
}

export type DnsTransport = 'udp' | 'tcp';

export interface DnsServer {
  /** IP literal, without brackets. */
  host: string;
  port: number;
  family: 4 | 6;
}

export const DEFAULT_TIMEOUT_MS = 3000;
export const DEFAULT_TRIES = 2;

const SERVER_FORMS = '"1.2.3.4", "127.0.0.1:5353", "[::1]:53" or "::1"';

/** Parses one server spec; throws ResolverConfigError when it is not an IP literal with an optional port. */
export function parseDnsServer(spec: string): DnsServer {
  if (typeof spec !== 'string' || spec.trim() !== spec || spec === '') {
    throw new ResolverConfigError(`Invalid DNS server ${JSON.stringify(spec)}: expected ${SERVER_FORMS}`);
  }
  let host = spec;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(spec);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (isIP(host) !== 6) {
      throw new ResolverConfigError(`Invalid DNS server ${JSON.stringify(spec)}: only IPv6 addresses go in brackets`);
    }
  } else if (spec.split(':').length === 2) {
    const [h, p] = spec.split(':');
    host = h ?? '';
    portText = p;
  }
  const family = isIP(host);
  if (family !== 4 && family !== 6) {
    throw new ResolverConfigError(`Invalid DNS server ${JSON.stringify(spec)}: expected an IP address (${SERVER_FORMS})`);
  }
  let port = 53;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) {
      throw new ResolverConfigError(`Invalid DNS server ${JSON.stringify(spec)}: port must be 1-65535`);
    }
  }
  // Canonical form (RFC 5952 for IPv6) so it compares equal to the source address of answers.
  return { host: family === 6 ? ipaddr.parse(host).toString() : host, port, family };
}

export function parseDnsServers(specs: readonly string[]): DnsServer[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new ResolverConfigError('Invalid DNS servers: give at least one server, or omit the option to use the system servers');
  }
  return specs.map(parseDnsServer);
}

/** "host:port" as node:dns setServers() and humans expect it. */
export function formatDnsServer(server: DnsServer): string {
  return server.family === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

export interface NormalizedResolverOptions {
  servers: DnsServer[] | undefined;
  timeoutMs: number;
  tries: number;
  transport: DnsTransport;
}

export function normalizeResolverOptions(opts: ResolverOptions = {}): NormalizedResolverOptions {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new ResolverConfigError(`Invalid timeoutMs ${String(opts.timeoutMs)}: expected a positive integer (milliseconds)`);
  }
  const tries = opts.tries ?? DEFAULT_TRIES;
  if (!Number.isInteger(tries) || tries < 1) {
    throw new ResolverConfigError(`Invalid tries ${String(opts.tries)}: expected an integer >= 1`);
  }
  const transport = opts.transport ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp') {
    throw new ResolverConfigError(`Invalid transport ${JSON.stringify(opts.transport)}: expected "udp" or "tcp"`);
  }
  const servers = opts.servers === undefined ? undefined : parseDnsServers(opts.servers);
  return { servers, timeoutMs, tries, transport };
}

/** Lower-case, without the trailing dot (the root "." becomes ""). */
export function normalizeName(name: string): string {
  // Names are nearly always lower-case ASCII already: then no toLowerCase call (and no copy).
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) {
      const lower = name.toLowerCase();
      return lower.endsWith('.') ? lower.slice(0, -1) : lower;
    }
  }
  return name.charCodeAt(name.length - 1) === 0x2e ? name.slice(0, -1) : name;
}

/**
 * Why a query name cannot be put on the wire (RFC 1035 §2.3.4), or undefined when it can.
 * Only lengths count: a label may hold any octet (RFC 2181 §11), and RFC 7208 names built by
 * macros do hold spaces, ':' or '%'.
 */
const ASCII = /^[\x00-\x7f]*$/;

export function invalidNameReason(name: string): string | undefined {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n === '') return 'empty name';
  // Octets = UTF-16 units while everything is ASCII; count real octets otherwise.
  const ascii = ASCII.test(n);
  if ((ascii ? n.length : Buffer.byteLength(n)) > 253) return 'longer than 253 octets';
  // Labels found by scanning for dots: this runs for every query, a split was an array each.
  for (let start = 0; ; ) {
    const dot = n.indexOf('.', start);
    const end = dot < 0 ? n.length : dot;
    if (end === start) return 'empty label';
    if ((ascii ? end - start : Buffer.byteLength(n.slice(start, end))) > 63) return 'label longer than 63 octets';
    if (dot < 0) return undefined;
    start = dot + 1;
  }
}

/** Any answer; implementations build these and cast once at the typed `resolve` boundary. */
export type AnyAnswer = DnsAnswer<RecordByType[RRType]>;

/**
 * The answer both implementations give, without sending anything, for a name invalidNameReason
 * refuses: no such name can exist, so NXDOMAIN. RFC 7208 §4.3 treats a malformed domain like
 * one that does not exist ("none"), and the engine's own check of expanded targets (§4.8, a
 * no-match) agrees; an `error` here would have turned into a temperror. No TTL: it is not a
 * server's answer.
 */
export function invalidNameAnswer(): AnyAnswer {
  return { kind: 'nxdomain' };
}

export function closedAnswer(): AnyAnswer {
  return { kind: 'error', error: 'error', message: 'resolver closed' };
}
