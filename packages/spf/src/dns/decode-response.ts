import * as dnsPacket from 'dns-packet';

/** A decoded resource record as dns-packet gives it (its typings miss type 99 and OPT). */
export interface WireRR {
  name: string;
  type: string;
  ttl?: number;
  data?: unknown;
}

/** The parts of a decoded response the resolver reads, in dns-packet's shape. */
export interface WirePacket {
  flag_qr?: boolean;
  flag_tc?: boolean;
  rcode?: string;
  questions?: Array<{ name: string; type: string }>;
  answers?: WireRR[];
  authorities?: WireRR[];
}

/**
 * Decodes a DNS response as dns-packet does, or undefined where dns-packet throws. The answers
 * SPF asks for (A, AAAA, MX, TXT, PTR, CNAME, SOA, type 99, an empty OPT) are decoded here with
 * one object per record; anything else, and anything out of the ordinary (a record whose data
 * does not fill its RDLENGTH exactly, a name dns-packet would refuse), goes to dns-packet, so
 * the two never differ: the generic decoder built a header of 17 fields, a Buffer per TXT
 * string and a list per name for every answer of a fleet run.
 */
export function decodeResponse(msg: Buffer): WirePacket | undefined {
  const fast = decodeCommon(msg);
  if (fast !== undefined) return fast;
  try {
    return dnsPacket.decode(msg) as WirePacket;
  } catch {
    return undefined;
  }
}

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE', 'RCODE_11', 'RCODE_12', 'RCODE_13', 'RCODE_14', 'RCODE_15'];
const TYPE_NAMES: Record<number, string> = { 1: 'A', 5: 'CNAME', 6: 'SOA', 12: 'PTR', 15: 'MX', 16: 'TXT', 28: 'AAAA', 41: 'OPT', 99: 'SPF' };
const CLASS_IN = 1;
const aaaa = (dnsPacket as unknown as { aaaa: { decode(buf: Buffer, offset: number): string } }).aaaa;

/** Thrown inside decodeCommon only, to hand the message over to dns-packet. */
const GIVE_UP = Symbol('give up');

function decodeCommon(msg: Buffer): WirePacket | undefined {
  if (msg.length < 12) return undefined;
  const flags = msg.readUInt16BE(2);
  const counts = [msg.readUInt16BE(4), msg.readUInt16BE(6), msg.readUInt16BE(8), msg.readUInt16BE(10)] as const;
  const names = new Map<number, string>();
  let offset = 12;
  const name = (): string => {
    const decoded = decodeName(msg, offset, names);
    if (decoded === undefined) throw GIVE_UP;
    offset = decoded.next;
    return decoded.name;
  };
  try {
    const questions: Array<{ name: string; type: string }> = [];
    for (let i = 0; i < counts[0]; i++) {
      const q = name();
      if (offset + 4 > msg.length) throw GIVE_UP;
      const type = TYPE_NAMES[msg.readUInt16BE(offset)];
      if (type === undefined || msg.readUInt16BE(offset + 2) !== CLASS_IN) throw GIVE_UP;
      questions.push({ name: q, type });
      offset += 4;
    }
    const sections: WireRR[][] = [[], [], []];
    for (let s = 0; s < 3; s++) {
      const list = sections[s]!;
      for (let i = 0; i < counts[s + 1]!; i++) {
        const owner = name();
        if (offset + 10 > msg.length) throw GIVE_UP;
        const code = msg.readUInt16BE(offset);
        const type = TYPE_NAMES[code];
        const length = msg.readUInt16BE(offset + 8);
        const start = offset + 10;
        const end = start + length;
        if (type === undefined || end > msg.length) throw GIVE_UP;
        if (code === 41) {
          // OPT: only the empty one (no options) is common enough to decode here.
          if (s !== 2 || length !== 0) throw GIVE_UP;
          offset = end;
          continue;
        }
        if (msg.readUInt16BE(offset + 2) !== CLASS_IN) throw GIVE_UP;
        const ttl = msg.readUInt32BE(offset + 4);
        offset = start;
        const data = decodeData(code, start, end);
        if (offset !== end) throw GIVE_UP;
        list.push({ name: owner, type, ttl, data });
      }
    }
    return { flag_qr: (flags & 0x8000) !== 0, flag_tc: (flags & 0x0200) !== 0, rcode: RCODES[flags & 0xf]!, questions, answers: sections[0]!, authorities: sections[1]! };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }

  /** RDATA of one record, leaving `offset` where dns-packet would continue. */
  function decodeData(code: number, start: number, end: number): unknown {
    switch (code) {
      case 1:
        if (end - start !== 4) throw GIVE_UP;
        offset = end;
        return `${msg[start]}.${msg[start + 1]}.${msg[start + 2]}.${msg[start + 3]}`;
      case 28:
        if (end - start !== 16) throw GIVE_UP;
        offset = end;
        return aaaa.decode(msg, start - 2);
      case 16: {
        const strings: string[] = [];
        for (let at = start; at < end; ) {
          const length = msg[at]!;
          if (at + 1 + length > end) throw GIVE_UP;
          strings.push(msg.toString('latin1', at + 1, at + 1 + length));
          at += 1 + length;
        }
        offset = end;
        return strings;
      }
      case 15: {
        if (end - start < 3) throw GIVE_UP;
        const preference = msg.readUInt16BE(start);
        offset = start + 2;
        return { preference, exchange: name() };
      }
      case 5:
      case 12:
        return name();
      case 6: {
        name();
        const rname = decodeName(msg, offset, undefined, true);
        if (rname === undefined || rname.next + 20 > end) throw GIVE_UP;
        offset = rname.next + 20;
        return { minimum: msg.readUInt32BE(rname.next + 16) };
      }
      case 99:
        offset = end;
        return msg.subarray(start, end);
      default:
        throw GIVE_UP;
    }
  }
}

/**
 * dns-packet's name.decode: labels as UTF-8, "." for the root, at most 254 octets, pointers
 * only backwards (before the label they jump from). undefined where it would throw. Names
 * already decoded from an offset are looked up (most names point at the question).
 */
function decodeName(msg: Buffer, from: number, known: Map<number, string> | undefined, mail = false): { name: string; next: number } | undefined {
  let offset = from;
  let oldOffset = from;
  let total = 0;
  let next = -1;
  let name = '';
  let labels = 0;
  for (;;) {
    if (offset >= msg.length) return undefined;
    const length = msg[offset++]!;
    if (length === 0) break;
    if ((length & 0xc0) === 0) {
      if (offset + length > msg.length) return undefined;
      total += length + 1;
      if (total > 254) return undefined;
      let label = msg.toString('utf-8', offset, offset + length);
      if (mail) label = label.replace(/\./g, '\\.');
      name = labels === 0 ? label : `${name}.${label}`;
      labels++;
      offset += length;
    } else if ((length & 0xc0) === 0xc0) {
      if (offset + 1 > msg.length) return undefined;
      const target = msg.readUInt16BE(offset - 1) - 0xc000;
      if (target >= oldOffset) return undefined;
      if (next < 0) next = offset + 1;
      // The rest of the name is the name decoded from there, if it was decoded whole before.
      const rest = labels === 0 && known !== undefined ? known.get(target) : undefined;
      if (rest !== undefined) {
        known?.set(from, rest);
        return { name: rest, next };
      }
      offset = target;
      oldOffset = target;
    } else return undefined;
  }
  const result = labels === 0 ? '.' : name;
  if (!mail) known?.set(from, result);
  return { name: result, next: next < 0 ? offset : next };
}
