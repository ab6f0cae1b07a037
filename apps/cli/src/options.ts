import { isIP } from 'node:net';
import { InvalidArgumentError } from 'commander';
import { normalizeDomain, parseClientIp } from '@spfwatch/spf';

/**
 * Parsing and validation of command-line values. Each parser returns the clean value or throws
 * commander's InvalidArgumentError, so commander reports "option '--x <v>' argument 'v' is
 * invalid. <why>" and the program exits with the usage-error code.
 */

export const DNS_SERVER_FORMS = '"1.2.3.4", "1.2.3.4:5353", "::1" or "[::1]:5353"';

/** Where a DNS server spec points, in the "host:port" form the resolver stack takes. */
export interface DnsServerSpec {
  host: string;
  port: number;
  family: 4 | 6;
}

/**
 * One --dns value: an IP literal with an optional port ("127.0.0.1", "127.0.0.1:5353", "::1",
 * "[::1]:5353"). Host names are refused: the resolver needs an address to send queries to, and
 * resolving the resolver through the system DNS would hide which server answered.
 */
export function parseDnsServer(spec: string): DnsServerSpec {
  const text = spec.trim();
  if (text === '') throw new InvalidArgumentError(`Expected a DNS server address such as ${DNS_SERVER_FORMS}.`);
  let host = text;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
    if (isIP(host) !== 6) throw new InvalidArgumentError(`Only an IPv6 address goes in brackets; expected ${DNS_SERVER_FORMS}.`);
  } else if (text.split(':').length === 2) {
    // Exactly one colon: IPv4 (or a name) with a port. More colons: a bare IPv6 address.
    [host = '', portText] = text.split(':');
  }
  const family = isIP(host);
  if (family !== 4 && family !== 6) {
    throw new InvalidArgumentError(`'${host}' is not an IP address; expected ${DNS_SERVER_FORMS}.`);
  }
  let port = 53;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new InvalidArgumentError(`Port '${portText}' is not a number from 1 to 65535.`);
  }
  return { host, port, family };
}

export function formatDnsServer(server: DnsServerSpec): string {
  return server.family === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

/** Commander accumulator for the repeatable --dns option. */
export function collectDnsServer(spec: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), formatDnsServer(parseDnsServer(spec))];
}

/** Upper bound so a typo (an extra zero or three) cannot make a batch hang for hours. */
export const MAX_TIMEOUT_MS = 600_000;

/** --timeout-ms: a whole number of milliseconds, 1 … 600000. */
export function parseTimeoutMs(text: string): number {
  return parsePositiveInteger(text, MAX_TIMEOUT_MS, 'milliseconds');
}

export const MAX_CONCURRENCY = 1024;

/** --concurrency: how many checks a batch keeps in flight. */
export function parseConcurrency(text: string): number {
  return parsePositiveInteger(text, MAX_CONCURRENCY, 'checks in flight');
}

function parsePositiveInteger(text: string, max: number, unit: string): number {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(`Expected a whole number of ${unit} from 1 to ${max}.`);
  }
  return value;
}

/** --ip: an IPv4, IPv6 or IPv4-mapped IPv6 address, exactly as check_host() accepts it. */
export function parseIpAddress(text: string): string {
  const ip = parseClientIp(text.trim());
  if (!ip) throw new InvalidArgumentError(`'${text}' is not a valid IPv4 or IPv6 address.`);
  return text.trim();
}

export type DomainValidation = { ok: true; domain: string } | { ok: false; message: string };

/** A domain argument of analyze: the engine's own rules (IDN → A-label, at least two labels …). */
export function validateDomain(text: string): DomainValidation {
  const check = normalizeDomain(text);
  if (check.ok) return { ok: true, domain: check.domain };
  return { ok: false, message: `invalid domain ${JSON.stringify(text)}: ${check.reason}` };
}

export const RESOLVER_IMPLEMENTATIONS = ['node', 'wire'] as const;
export type ResolverImplementation = (typeof RESOLVER_IMPLEMENTATIONS)[number];

export const FAIL_ON_LEVELS = ['error', 'warning'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

/** The DNS settings shared by every command. */
export interface ResolverSettings {
  servers?: string[];
  timeoutMs?: number;
  implementation: ResolverImplementation;
}

/** Picks the DNS settings out of commander's merged (global + command) option values. */
export function resolverSettingsFrom(opts: { dns?: string[]; timeoutMs?: number; resolver?: ResolverImplementation }): ResolverSettings {
  return {
    implementation: opts.resolver ?? 'node',
    ...(opts.dns !== undefined && opts.dns.length > 0 ? { servers: opts.dns } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  };
}
