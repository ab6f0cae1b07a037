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

/** Thrown inside the reader only, to hand the message over to dns-packet. */
const GIVE_UP = Symbol('give up');

function decodeCommon(msg: Buffer): WirePacket | undefined {
  if (msg.length < 12) return undefined;
  try {
    return new Reader(msg).response();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** One pass over one message; a class rather than closures, so a message costs one object. */
class Reader {
  private offset = 12;
  /** The name decoded from offset 12 (the question's), which most owner names point at. */
  private questionName: string | undefined;

  constructor(private readonly msg: Buffer) {}

  response(): WirePacket {
    const msg = this.msg;
    const flags = msg.readUInt16BE(2);
    const questions: Array<{ name: string; type: string }> = [];
    for (let i = msg.readUInt16BE(4); i > 0; i--) {
      const name = this.name();
      const at = this.offset;
      if (at + 4 > msg.length) throw GIVE_UP;
      const type = TYPE_NAMES[msg.readUInt16BE(at)];
      if (type === undefined || msg.readUInt16BE(at + 2) !== CLASS_IN) throw GIVE_UP;
      questions.push({ name, type });
      this.offset = at + 4;
    }
    const answers = this.records(msg.readUInt16BE(6), false);
    const authorities = this.records(msg.readUInt16BE(8), false);
    this.records(msg.readUInt16BE(10), true);
    return { flag_qr: (flags & 0x8000) !== 0, flag_tc: (flags & 0x0200) !== 0, rcode: RCODES[flags & 0xf]!, questions, answers, authorities };
  }

  private records(count: number, additional: boolean): WireRR[] {
    const msg = this.msg;
    const list: WireRR[] = [];
    for (let i = count; i > 0; i--) {
      const name = this.name();
      const at = this.offset;
      if (at + 10 > msg.length) throw GIVE_UP;
      const code = msg.readUInt16BE(at);
      const type = TYPE_NAMES[code];
      const start = at + 10;
      const end = start + msg.readUInt16BE(at + 8);
      if (type === undefined || end > msg.length) throw GIVE_UP;
      if (code === 41) {
        // OPT: only the empty one (no options) is common enough to decode here.
        if (!additional || end !== start) throw GIVE_UP;
        this.offset = end;
        continue;
      }
      if (msg.readUInt16BE(at + 2) !== CLASS_IN) throw GIVE_UP;
      const ttl = msg.readUInt32BE(at + 4);
      this.offset = start;
      const data = this.data(code, start, end);
      if (this.offset !== end) throw GIVE_UP;
      list.push({ name, type, ttl, data });
    }
    return list;
  }

  /** RDATA of one record, leaving the offset where dns-packet would continue. */
  private data(code: number, start: number, end: number): unknown {
    const msg = this.msg;
    switch (code) {
      case 1:
        if (end - start !== 4) throw GIVE_UP;
        this.offset = end;
        return `${msg[start]}.${msg[start + 1]}.${msg[start + 2]}.${msg[start + 3]}`;
      case 28:
        if (end - start !== 16) throw GIVE_UP;
        this.offset = end;
        return aaaa.decode(msg, start - 2);
      case 16: {
        const strings: string[] = [];
        for (let at = start; at < end; ) {
          const length = msg[at]!;
          if (at + 1 + length > end) throw GIVE_UP;
          strings.push(msg.toString('latin1', at + 1, at + 1 + length));
          at += 1 + length;
        }
        this.offset = end;
        return strings;
      }
      case 15: {
        if (end - start < 3) throw GIVE_UP;
        const preference = msg.readUInt16BE(start);
        this.offset = start + 2;
        return { preference, exchange: this.name() };
      }
      case 5:
      case 12:
        return this.name();
      case 6: {
        this.name();
        this.name(true);
        if (this.offset + 20 > end) throw GIVE_UP;
        const minimum = msg.readUInt32BE(this.offset + 16);
        this.offset += 20;
        return { minimum };
      }
      case 99:
        this.offset = end;
        return msg.subarray(start, end);
      default:
        throw GIVE_UP;
    }
  }

  /**
   * dns-packet's name.decode at the offset: labels as UTF-8, "." for the root, at most 254
   * octets, pointers only backwards (before the label they jump from); GIVE_UP where it throws.
   * `mail` escapes dots inside labels, as dns-packet does for an SOA's RNAME.
   */
  private name(mail = false): string {
    const msg = this.msg;
    const from = this.offset;
    let offset = from;
    let oldOffset = from;
    let total = 0;
    let next = -1;
    let name = '';
    let labels = 0;
    for (;;) {
      if (offset >= msg.length) throw GIVE_UP;
      const length = msg[offset++]!;
      if (length === 0) break;
      if ((length & 0xc0) === 0) {
        if (offset + length > msg.length) throw GIVE_UP;
        total += length + 1;
        if (total > 254) throw GIVE_UP;
        let label = msg.toString('utf-8', offset, offset + length);
        if (mail) label = label.replace(/\./g, '\\.');
        name = labels === 0 ? label : `${name}.${label}`;
        labels++;
        offset += length;
      } else if ((length & 0xc0) === 0xc0) {
        if (offset + 1 > msg.length) throw GIVE_UP;
        const target = msg.readUInt16BE(offset - 1) - 0xc000;
        if (target >= oldOffset) throw GIVE_UP;
        if (next < 0) next = offset + 1;
        // A whole name pointing at the question's is the question's name (same walk from there).
        if (target === 12 && labels === 0 && !mail && this.questionName !== undefined) {
          this.offset = next;
          return this.questionName;
        }
        offset = target;
        oldOffset = target;
      } else throw GIVE_UP;
    }
    const result = labels === 0 ? '.' : name;
    if (from === 12 && !mail) this.questionName = result;
    this.offset = next < 0 ? offset : next;
    return result;
  }
}
