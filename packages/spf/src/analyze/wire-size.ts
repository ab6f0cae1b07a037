const sizeByRecords = new WeakMap<string[][], number>();

/** Octets of a DNS response carrying these TXT records for `name` (no EDNS, name compression on). */
export function txtAnswerSize(name: string, records: string[][]): number {
  // Answers come shared from the run's DNS cache: size each RRset once.
  const known = sizeByRecords.get(records);
  if (known !== undefined) return known;
  const size = measureTxtAnswer(name, records);
  sizeByRecords.set(records, size);
  return size;
}

/** txtAnswerSize without the memo, for records built on the spot (a WeakMap entry per fresh array costs more than it saves). */
export function measureTxtAnswer(name: string, records: string[][]): number {
  const nameOctets = (name.endsWith('.') ? name.length - 1 : name.length) + 2;
  let size = 12 + nameOctets + 4; // header + question
  for (const strings of records) {
    let rdata = 0;
    for (const s of strings) rdata += byteLength(s) + 1;
    size += 2 + 10 + rdata; // compressed owner pointer + type/class/ttl/rdlength
  }
  return size;
}

/** Splits record text into ≤ 255-octet character-strings (RFC 7208 §3.3), never inside a term when avoidable. */
export function splitIntoStrings(text: string, max = 255): string[] {
  const out: string[] = [];
  let rest = text;
  let restOctets = byteLength(text);
  while (restOctets > max) {
    // Prefer to cut right after a space so each string ends on a term boundary.
    let cut = rest.lastIndexOf(' ', max);
    cut = cut > 0 ? cut + 1 : max;
    const head = rest.slice(0, cut);
    out.push(head);
    rest = rest.slice(cut);
    restOctets -= byteLength(head);
  }
  out.push(rest);
  return out;
}

/** splitIntoStrings for text known to be ASCII (octets = string length), without scanning it. */
export function splitAsciiIntoStrings(text: string, max = 255): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    cut = cut > 0 ? cut + 1 : max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

/** measureTxtAnswer for one RR of ASCII strings under an ASCII name. */
export function asciiTxtAnswerSize(name: string, strings: readonly string[]): number {
  let size = 12 + (name.endsWith('.') ? name.length - 1 : name.length) + 2 + 4 + 2 + 10;
  for (const s of strings) size += s.length + 1;
  return size;
}

const NON_ASCII = /[^\x00-\x7f]/;

export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

export function byteLength(s: string): number {
  // Records are almost always ASCII: the regex scan is native, the loop below is not.
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 0x80 ? 1 : s.charCodeAt(i) < 0x800 ? 2 : 3;
  return n;
}
