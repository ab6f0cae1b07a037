import { promises as dnsPromises } from 'node:dns';
import { ResolverConfigError } from '../errors';
import {
  type AnyAnswer,
  closedAnswer,
  formatDnsServer,
  invalidNameAnswer,
  invalidNameReason,
  normalizeName,
  normalizeResolverOptions,
  type ResolverOptions,
} from './options';
import type { DnsAnswer, DnsErrorKind, RecordByType, Resolver, RRType } from './types';
import { createWireResolver, type WireResolver } from './wire-resolver';

export type NodeResolver = Resolver & { close(): void };

/**
 * Names c-ares would not send as given: it refuses (EBADNAME) every ASCII character but letters,
 * digits and `-_*\/.`, and reads `\` as an escape (`a\b` is sent as `ab`). Measured with c-ares
 * 1.34 (Node 20). Non-ASCII names are left to node:dns, which sends their A-labels (IDNA).
 */
const CARES_WOULD_ALTER = /[^A-Za-z0-9_*\/.\-\u0080-\uffff]/;

/**
 * A Resolver on node:dns (c-ares). c-ares retries truncated UDP answers over TCP by itself.
 * It only reports TTLs for A/AAAA, and cannot ask for type 99 (SPF): use the wire resolver
 * when either matters.
 *
 * RFC 7208 domain-specs may hold any visible character (`a:foo:bar/baz.example.com`, `%{H}`
 * expanded to `JUMPIN%27%20JUPITER`), which c-ares refuses or rewrites: those queries go, one
 * by one, through a wire resolver on the same servers and settings, created on first need.
 */
export function createNodeResolver(opts: ResolverOptions = {}): NodeResolver {
  const { servers, timeoutMs, tries, transport } = normalizeResolverOptions(opts);
  if (transport !== 'udp') {
    throw new ResolverConfigError(`Invalid transport ${JSON.stringify(transport)} for the node implementation: c-ares only does "udp" (use the wire implementation for "tcp")`);
  }
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries });
  if (servers) resolver.setServers(servers.map(formatDnsServer));
  let wire: WireResolver | undefined;
  let closed = false;

  function viaWire(name: string, type: RRType): Promise<AnyAnswer> {
    // The servers c-ares uses (the system's when none were given), in its "host:port" form.
    wire ??= createWireResolver({ servers: resolver.getServers(), timeoutMs, tries });
    return wire.resolve(name, type);
  }

  async function ask(name: string, type: RRType): Promise<AnyAnswer> {
    if (closed) return closedAnswer();
    if (invalidNameReason(name)) return invalidNameAnswer();
    if (type === 'SPF') return { kind: 'error', error: 'unsupported', message: 'node:dns cannot query type 99 (SPF); use the wire resolver' };
    if (CARES_WOULD_ALTER.test(name)) return viaWire(name, type);
    try {
      switch (type) {
        case 'TXT':
          return ok(await resolver.resolveTxt(name));
        case 'A':
        case 'AAAA': {
          const rrs = type === 'A' ? await resolver.resolve4(name, { ttl: true }) : await resolver.resolve6(name, { ttl: true });
          return ok(
            rrs.map((rr) => rr.address),
            rrs.reduce((min, rr) => Math.min(min, rr.ttl), Infinity),
          );
        }
        case 'MX':
          return ok((await resolver.resolveMx(name)).map((mx) => ({ priority: mx.priority, exchange: normalizeName(mx.exchange) })));
        case 'PTR':
          return ok((await resolver.resolvePtr(name)).map(normalizeName));
      }
    } catch (err) {
      if (closed) return closedAnswer();
      // A c-ares version refusing more than CARES_WOULD_ALTER knows of.
      if ((err as { code?: unknown } | null)?.code === 'EBADNAME') return viaWire(name, type);
      return fromNodeError(err);
    }
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return ask(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
    },
    /** Answers what is in flight, and every later query, with an error; closes the wire fallback. */
    close(): void {
      if (closed) return;
      closed = true;
      resolver.cancel();
      wire?.close();
    },
  };
}

function ok(records: RecordByType[RRType][], ttl = Infinity): AnyAnswer {
  // c-ares answers ENODATA rather than an empty list, but stay safe.
  if (records.length === 0) return { kind: 'nodata' };
  return Number.isFinite(ttl) ? { kind: 'ok', records, ttl } : { kind: 'ok', records };
}

const ERROR_KINDS: Record<string, DnsErrorKind> = {
  ETIMEOUT: 'timeout',
  ESERVFAIL: 'servfail',
  EREFUSED: 'refused',
};

/** Maps a node:dns rejection to data; the message keeps the code for diagnostics. */
export function fromNodeError(err: unknown): AnyAnswer {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
  if (code === 'ENODATA') return { kind: 'nodata' };
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'error', error: (typeof code === 'string' && ERROR_KINDS[code]) || 'error', message };
}
