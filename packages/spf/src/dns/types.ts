/**
 * The resolver contract the engine is given. The engine never does I/O itself: every DNS
 * question goes through a Resolver, and DNS behaviour (cache, counters, retry) is stacked
 * around it as small decorators.
 */

/** Record types SPF evaluation needs. `SPF` (type 99) is only asked by the analyser's lint. */
export type RRType = 'TXT' | 'A' | 'AAAA' | 'MX' | 'PTR' | 'SPF';

export interface MxRecord {
  priority: number;
  exchange: string;
}

/** What one record of each type looks like once decoded. TXT: the character-strings of one RR. */
export interface RecordByType {
  TXT: string[];
  SPF: string[];
  A: string;
  AAAA: string;
  MX: MxRecord;
  PTR: string;
}

/** Why a query produced no usable answer (RFC 7208 §2.6.6 / §5 temperror vs void). */
export type DnsErrorKind = 'timeout' | 'servfail' | 'refused' | 'unsupported' | 'error';

/**
 * A DNS answer as data. NXDOMAIN and NODATA are distinct (both are "void" for §4.6.4);
 * errors carry their kind so the engine can map them to temperror.
 */
export type DnsAnswer<T> =
  | { kind: 'ok'; records: T[]; ttl?: number }
  | { kind: 'nxdomain'; ttl?: number }
  | { kind: 'nodata'; ttl?: number }
  | { kind: 'error'; error: DnsErrorKind; message: string };

export interface Resolver {
  resolve<T extends RRType>(name: string, type: T): Promise<DnsAnswer<RecordByType[T]>>;
}

/** Counters every decorator stack can expose (queries that reached the wire, cache hits …). */
export interface ResolverStats {
  queriesSent: number;
  cacheHits: number;
  inflightMerged: number;
  errors: number;
}
