import { ZoneError } from './errors';
import { buildTemplate, MAX_MESSAGE, OPT_RECORD, RCODE, type Template, txtRdata, type WireRecord } from './wire';
import type { NormalizedAction, NormalizedName, NormalizedZone, RData } from './zone';

/** What to do with one query, decided when the zone is set. */
export interface Prepared {
  /** `timeout`: never answer. */
  readonly drop: boolean;
  readonly delayMs: number;
  readonly udp: Template;
  readonly tcp: Template;
}

interface NodeAnswers {
  readonly byType: ReadonlyMap<string, Prepared>;
  readonly other: Prepared;
}

/** A name that exists: with records (explicit) or only as an ancestor of one (empty non-terminal). */
interface ZoneNode {
  readonly explicit: NormalizedName | undefined;
}

const MAX_CNAME_CHAIN = 16;
const CACHE_LIMIT = 10_000;
const MAX_QUESTION_OCTETS = 255 + 4;
const SOA_MNAME = 'ns.fixture.spfwatch.invalid';
const SOA_RNAME = 'hostmaster.fixture.spfwatch.invalid';

function answerNow(template: Template): Prepared {
  return { drop: false, delayMs: 0, udp: template, tcp: template };
}

const TRUNCATED = buildTemplate({ rcode: RCODE.NOERROR, truncated: true });
const SERVFAIL = answerNow(buildTemplate({ rcode: RCODE.SERVFAIL }));
const REFUSED = answerNow(buildTemplate({ rcode: RCODE.REFUSED }));
const NOTIMP = answerNow(buildTemplate({ rcode: RCODE.NOTIMP }));
const DROP: Prepared = { drop: true, delayMs: 0, udp: TRUNCATED, tcp: TRUNCATED };

/** The header-only template sent when a UDP answer does not fit. */
export const TRUNCATED_TEMPLATE = TRUNCATED;
/** For a message with zero or several questions. */
export const FORMERR_TEMPLATE = buildTemplate({ rcode: RCODE.FORMERR, withQuestion: false });

/**
 * A zone turned into ready responses. Answers for names in the zone are all built here;
 * NXDOMAIN answers are shared per SOA owner and wildcard answers are built on first use, both
 * cached. Immutable once built: setZone swaps the whole object.
 */
export class CompiledZone {
  private readonly nodes = new Map<string, ZoneNode>();
  private readonly answers = new Map<string, NodeAnswers>();
  private readonly negativeByApex = new Map<string, Prepared>();
  private readonly synthesized = new Map<string, NodeAnswers>();
  private readonly recordTypes: readonly string[];

  constructor(
    private readonly zone: NormalizedZone,
    private readonly serial: number,
  ) {
    const types = new Set<string>(['ANY', 'CNAME']);
    for (const [name, explicit] of zone.names) {
      this.nodes.set(name, { explicit });
      for (const type of explicit.rrsets.keys()) types.add(type);
      for (const type of explicit.behaviour?.byType.keys() ?? []) types.add(type);
    }
    this.recordTypes = [...types];
    for (const name of zone.names.keys()) {
      for (let ancestor = parentOf(name); ancestor !== undefined; ancestor = parentOf(ancestor)) {
        if (this.nodes.has(ancestor)) continue;
        this.nodes.set(ancestor, { explicit: undefined });
      }
    }
    for (const [name, node] of this.nodes) {
      this.answers.set(name, this.buildNodeAnswers(name, node));
    }
  }

  /** The response to a query for `name` (lower-case, no trailing dot) and `type` (dns-packet's type name). */
  lookup(name: string, type: string, klass: string, opcode: string): Prepared {
    if (opcode !== 'QUERY') return NOTIMP;
    if (klass !== 'IN') return REFUSED;
    const answers = this.answers.get(name) ?? this.synthesize(name);
    if (answers === undefined) return this.negativeAnswer('nxdomain', name);
    return answers.byType.get(type) ?? answers.other;
  }

  /** RFC 4592 §3.3.1: a name that does not exist takes the records of a covering wildcard. */
  private synthesize(name: string): NodeAnswers | undefined {
    const cached = this.synthesized.get(name);
    if (cached !== undefined) return cached;
    const source = this.wildcardFor(name);
    if (source === undefined) return undefined;
    const answers = this.buildNodeAnswers(name, { explicit: source });
    if (this.synthesized.size >= CACHE_LIMIT) this.synthesized.clear();
    this.synthesized.set(name, answers);
    return answers;
  }

  /** The `*` child of the closest encloser of a name that does not exist (RFC 4592 §3.3.1). */
  private wildcardFor(name: string): NormalizedName | undefined {
    let encloser = parentOf(name);
    while (encloser !== undefined && !this.nodes.has(encloser)) encloser = parentOf(encloser);
    return this.nodes.get(encloser === undefined ? '*' : `*.${encloser}`)?.explicit;
  }

  /** The node answering for `name`: itself, or the wildcard that covers it. */
  private resolveNode(name: string): ZoneNode | undefined {
    const node = this.nodes.get(name);
    if (node !== undefined) return node;
    const wildcard = this.wildcardFor(name);
    return wildcard === undefined ? undefined : { explicit: wildcard };
  }

  private buildNodeAnswers(owner: string, node: ZoneNode): NodeAnswers {
    const explicit = node.explicit;
    if (explicit === undefined) return { byType: new Map(), other: this.negativeAnswer('nodata', owner) };
    const where = `records[${JSON.stringify(explicit.name)}]`;

    /** The answer without any behaviour; undefined type = a type nobody in the zone has. */
    const plain = (type: string | undefined): Template => {
      if (explicit.cname !== undefined) {
        // RFC 8482 lets ANY be answered with a subset; a CNAME owner answers with the CNAME.
        if (type === 'CNAME' || type === 'ANY') return buildTemplate({ rcode: RCODE.NOERROR, answers: [cnameRecord(owner, explicit)] });
        return this.chainTemplate(owner, type);
      }
      if (type === 'ANY') {
        // RFC 8482 §4.1: every RRset when they fit in one message, else one of them.
        const all = [...explicit.rrsets.values()];
        if (all.length === 0) return this.negativeAnswer('nodata', owner).udp;
        const every = buildTemplate({ rcode: RCODE.NOERROR, answers: all.flat().map((rr) => toWire(owner, explicit.ttl, rr)) });
        return fitsMessage(every) ? every : plain(all[0]?.[0]?.type);
      }
      const rrs = (type === undefined ? undefined : explicit.rrsets.get(type as never)) ?? [];
      if (rrs.length === 0) return this.negativeAnswer('nodata', owner).udp;
      const answers = rrs.map((rr) => toWire(owner, explicit.ttl, rr));
      return this.checked(`${where}.${type ?? ''}`, buildTemplate({ rcode: RCODE.NOERROR, answers }));
    };
    const prepare = (type: string | undefined): Prepared => {
      const action = (type === undefined ? undefined : explicit.behaviour?.byType.get(type)) ?? explicit.behaviour?.all;
      return this.applyAction(owner, action, () => plain(type));
    };

    const byType = new Map<string, Prepared>();
    for (const type of this.recordTypes) byType.set(type, prepare(type));
    return { byType, other: prepare(undefined) };
  }

  private applyAction(owner: string, action: NormalizedAction | undefined, base: () => Template): Prepared {
    switch (action?.kind) {
      case undefined:
        return answerNow(base());
      case 'timeout':
        return DROP;
      case 'servfail':
        return SERVFAIL;
      case 'refused':
        return REFUSED;
      case 'nxdomain':
        return this.negativeAnswer('nxdomain', owner);
      case 'truncate':
        return { drop: false, delayMs: 0, udp: TRUNCATED, tcp: base() };
      case 'delay': {
        const template = base();
        return { drop: false, delayMs: action.ms, udp: template, tcp: template };
      }
    }
  }

  /**
   * Follows a CNAME chain inside the zone (RFC 1034 §4.3.2 step 3a) and adds the records of
   * `type` at its end. A loop stops at the first name seen twice; the RCODE is that of the
   * last name (RFC 6604 §2.1).
   */
  private chainTemplate(start: string, type: string | undefined): Template {
    const answers: WireRecord[] = [];
    const seen = new Set<string>();
    let current = start;
    for (;;) {
      const node = this.resolveNode(current);
      if (node === undefined) {
        return buildTemplate({ rcode: RCODE.NXDOMAIN, answers, authorities: [this.soaRecord(current)] });
      }
      const explicit = node.explicit;
      if (explicit?.cname !== undefined) {
        if (seen.has(current) || answers.length >= MAX_CNAME_CHAIN) return buildTemplate({ rcode: RCODE.NOERROR, answers });
        seen.add(current);
        answers.push(cnameRecord(current, explicit));
        current = explicit.cname;
        continue;
      }
      const rrs = type === undefined ? [] : (explicit?.rrsets.get(type as never) ?? []);
      if (explicit === undefined || rrs.length === 0) {
        return buildTemplate({ rcode: RCODE.NOERROR, answers, authorities: [this.soaRecord(current)] });
      }
      for (const rr of rrs) answers.push(toWire(current, explicit.ttl, rr));
      return this.checked(`records[${JSON.stringify(start)}]`, buildTemplate({ rcode: RCODE.NOERROR, answers }));
    }
  }

  /**
   * RFC 2308: NXDOMAIN (§2.1) or NODATA (§2.2, NOERROR with no answers), each with the SOA in
   * the authority section so the answer can be cached. Shared by every name under one apex.
   */
  private negativeAnswer(kind: 'nxdomain' | 'nodata', name: string): Prepared {
    const key = `${kind} ${apexOf(name)}`;
    let prepared = this.negativeByApex.get(key);
    if (prepared === undefined) {
      const rcode = kind === 'nxdomain' ? RCODE.NXDOMAIN : RCODE.NOERROR;
      prepared = answerNow(buildTemplate({ rcode, authorities: [this.soaRecord(name)] }));
      if (this.negativeByApex.size >= CACHE_LIMIT) this.negativeByApex.clear();
      this.negativeByApex.set(key, prepared);
    }
    return prepared;
  }

  /** RFC 2308 §3: the SOA TTL is the negative TTL, and so is its MINIMUM. */
  private soaRecord(name: string): WireRecord {
    const ttl = this.zone.negativeTtl;
    return {
      name: apexOf(name),
      type: 'SOA',
      ttl,
      data: { mname: SOA_MNAME, rname: SOA_RNAME, serial: this.serial, refresh: 3600, retry: 600, expire: 86400, minimum: ttl },
    };
  }

  /** Rejects RRsets that could not be sent even over TCP. */
  private checked(where: string, template: Template): Template {
    if (!fitsMessage(template)) {
      throw new ZoneError(where, `the answer would be ${worstCaseSize(template)} octets, more than a DNS message can hold (${MAX_MESSAGE})`);
    }
    return template;
  }
}

/** The size of a response with the longest possible question and our OPT record. */
function worstCaseSize(template: Template): number {
  return 12 + MAX_QUESTION_OCTETS + template.body.length + OPT_RECORD.length;
}

function fitsMessage(template: Template): boolean {
  return worstCaseSize(template) <= MAX_MESSAGE;
}

function toWire(owner: string, ttl: number, rr: RData): WireRecord {
  if (rr.type === 'SPF') {
    // dns-packet has no codec for type 99; its RDATA is TXT-DATA (RFC 7208 §3.1, RFC 4408 §3.1.1).
    return { name: owner, type: 'SPF', ttl, data: txtRdata(rr.data) };
  }
  return { name: owner, type: rr.type, ttl, data: rr.type === 'TXT' ? [...rr.data] : rr.data };
}

function cnameRecord(owner: string, node: NormalizedName): WireRecord {
  return { name: owner, type: 'CNAME', ttl: node.ttl, data: node.cname };
}

function parentOf(name: string): string | undefined {
  const dot = name.indexOf('.');
  return dot === -1 ? undefined : name.slice(dot + 1);
}

/**
 * The owner of the SOA sent with negative answers. The fixture serves every name, so there is
 * no real zone cut: the last two labels stand in for the zone apex (`in-addr.arpa` for PTRs).
 */
export function apexOf(name: string): string {
  if (name === '' || name === '.') return '.';
  const labels = name.split('.');
  return labels.length <= 2 ? name : labels.slice(-2).join('.');
}
