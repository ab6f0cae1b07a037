import * as dnsPacket from 'dns-packet';

/**
 * dns-packet exports its per-section and per-type codecs next to encode/decode;
 * @types/dns-packet leaves them out. We need the question decoder (to learn how many octets
 * the question takes) and the TXT codec (type 99 has the same RDATA, but no codec of its own).
 */
const codecs = dnsPacket as unknown as {
  question: { decode: ((buf: Buffer, offset?: number) => dnsPacket.Question) & { bytes: number } };
  txt: { encode(data: Buffer[]): Buffer };
};
const questionCodec = codecs.question;

/** The RDATA of a TXT RR (its character-strings), as dns-packet encodes it, without RDLENGTH. */
export function txtRdata(strings: readonly Buffer[]): Buffer {
  return codecs.txt.encode([...strings]).subarray(2);
}

/** RFC 1035 §4.1.1 RCODE values. */
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** The UDP payload size we advertise in our own OPT record (DNS flag day 2020). */
export const EDNS_PAYLOAD = 1232;
/** RFC 1035 §4.2.1: without EDNS a UDP message carries at most 512 octets. */
export const CLASSIC_UDP_LIMIT = 512;
/** The largest UDP payload an IPv4 datagram can carry. */
const MAX_UDP_PAYLOAD = 65507;
/** RFC 1035 §4.2.2: a TCP message length is 16 bits. */
export const MAX_MESSAGE = 65535;

/**
 * A response prepared when the zone is set. `head` is the 12-octet header and `body` the
 * answer/authority sections, both encoded by dns-packet; a query only adds its id, its RD bit
 * and its own question octets between the two (dns-packet never compresses names, so the
 * sections do not point into the question).
 */
export interface Template {
  readonly head: Buffer;
  readonly body: Buffer;
}

/** A record as handed to dns-packet; its typings do not know type 99 (SPF), so this is looser. */
export interface WireRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly data: unknown;
}

const PLACEHOLDER_QUESTION: dnsPacket.Question = { name: '.', type: 'A', class: 'IN' };
const PLACEHOLDER_QUESTION_OCTETS = 5; // root name (1) + type (2) + class (2)

export function buildTemplate(opts: {
  rcode: number;
  answers?: readonly WireRecord[];
  authorities?: readonly WireRecord[];
  truncated?: boolean;
  withQuestion?: boolean;
}): Template {
  const withQuestion = opts.withQuestion ?? true;
  const flags =
    dnsPacket.AUTHORITATIVE_ANSWER | (opts.truncated === true ? dnsPacket.TRUNCATED_RESPONSE : 0) | opts.rcode;
  const packet = dnsPacket.encode({
    type: 'response',
    id: 0,
    flags,
    questions: withQuestion ? [PLACEHOLDER_QUESTION] : [],
    answers: [...(opts.answers ?? [])] as dnsPacket.Answer[],
    authorities: [...(opts.authorities ?? [])] as dnsPacket.Answer[],
  });
  const questionOctets = withQuestion ? PLACEHOLDER_QUESTION_OCTETS : 0;
  return { head: Buffer.from(packet.subarray(0, 12)), body: Buffer.from(packet.subarray(12 + questionOctets)) };
}

/** Our OPT pseudo-RR (RFC 6891 §6.1.2), appended to answers of queries that carry one. */
export const OPT_RECORD: Buffer = Buffer.from(
  dnsPacket
    .encode({
      type: 'response',
      additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] }],
    })
    .subarray(12),
);

/** The parts of a query the server acts on. */
export interface ParsedQuery {
  readonly name: string;
  readonly type: string;
  readonly klass: string;
  readonly opcode: string;
  /** Octets of the question section as sent (the response echoes them, case included). */
  readonly questionOctets: number;
  /** undefined without EDNS; else the payload size the client can receive over UDP. */
  readonly ednsPayload: number | undefined;
}

export type QueryParse =
  | { readonly kind: 'query'; readonly query: ParsedQuery }
  | { readonly kind: 'formerr' }
  | { readonly kind: 'ignore' };

/** Decodes a query with dns-packet; anything malformed or not a query is ignored. */
export function parseQuery(message: Buffer): QueryParse {
  if (message.length < 12) return { kind: 'ignore' };
  let decoded: dnsPacket.DecodedPacket & { opcode?: string };
  try {
    decoded = dnsPacket.decode(message);
  } catch {
    return { kind: 'ignore' };
  }
  if (decoded.flag_qr) return { kind: 'ignore' }; // never answer a response (no reflection loops)
  const question = decoded.questions?.[0];
  if (decoded.questions?.length !== 1 || question === undefined) return { kind: 'formerr' };
  questionCodec.decode(message, 12);
  let ednsPayload: number | undefined;
  for (const additional of decoded.additionals ?? []) {
    if (additional.type === 'OPT') ednsPayload = (additional as dnsPacket.OptAnswer).udpPayloadSize;
  }
  return {
    kind: 'query',
    query: {
      name: question.name,
      type: question.type,
      klass: question.class ?? 'IN',
      opcode: decoded.opcode ?? 'QUERY',
      questionOctets: questionCodec.decode.bytes,
      ednsPayload,
    },
  };
}

/** How many octets a client accepts over UDP (RFC 6891 §6.2.5: never less than 512). */
export function udpLimit(ednsPayload: number | undefined): number {
  if (ednsPayload === undefined) return CLASSIC_UDP_LIMIT;
  return Math.min(Math.max(CLASSIC_UDP_LIMIT, ednsPayload), MAX_UDP_PAYLOAD);
}

export function renderedLength(template: Template, questionOctets: number, withOpt: boolean): number {
  return 12 + questionOctets + template.body.length + (withOpt ? OPT_RECORD.length : 0);
}

/**
 * Writes one response: the template with the query's id, opcode and RD bit (RFC 1035 §4.1.1:
 * copied from the query) and the query's question octets. `prefix` 2 adds the TCP length.
 */
export function render(
  template: Template,
  query: Buffer,
  questionOctets: number,
  withOpt: boolean,
  prefix: 0 | 2,
): Buffer {
  const length = renderedLength(template, questionOctets, withOpt);
  const out = Buffer.allocUnsafe(prefix + length);
  if (prefix === 2) out.writeUInt16BE(length, 0);
  template.head.copy(out, prefix);
  out[prefix] = query[0] ?? 0;
  out[prefix + 1] = query[1] ?? 0;
  out[prefix + 2] = ((template.head[2] ?? 0) & ~0x79) | ((query[2] ?? 0) & 0x79);
  query.copy(out, prefix + 12, 12, 12 + questionOctets);
  template.body.copy(out, prefix + 12 + questionOctets);
  if (withOpt) {
    OPT_RECORD.copy(out, prefix + length - OPT_RECORD.length);
    out.writeUInt16BE(out.readUInt16BE(prefix + 10) + 1, prefix + 10);
  }
  return out;
}
