import { promises as dnsPromises } from 'node:dns';
import {
  type AnyAnswer,
  formatDnsServer,
  invalidNameAnswer,
  invalidNameReason,
  normalizeName,
  normalizeResolverOptions,
  type ResolverOptions,
} from './options';
import type { DnsAnswer, DnsErrorKind, RecordByType, Resolver, RRType } from './types';

/**
 * A Resolver on node:dns (c-ares). c-ares retries truncated UDP answers over TCP by itself.
 * It only reports TTLs for A/AAAA, and cannot ask for type 99 (SPF): use the wire resolver
 * when either matters.
 */
export function createNodeResolver(opts: ResolverOptions = {}): Resolver {
  const { servers, timeoutMs, tries } = normalizeResolverOptions(opts);
  const resolver = new dnsPromises.Resolver({ timeout: timeoutMs, tries });
  if (servers) resolver.setServers(servers.map(formatDnsServer));

  async function ask(name: string, type: RRType): Promise<AnyAnswer> {
    const bad = invalidNameReason(name);
    if (bad) return invalidNameAnswer(name, bad);
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
        case 'SPF':
          return { kind: 'error', error: 'unsupported', message: 'node:dns cannot query type 99 (SPF); use the wire resolver' };
      }
    } catch (err) {
      return fromNodeError(err);
    }
  }

  return {
    resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>> {
      return ask(name, type) as Promise<DnsAnswer<RecordByType[T]>>;
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
