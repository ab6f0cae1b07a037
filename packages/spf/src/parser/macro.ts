import type { MacroLetter, MacroPart, MacroString } from './types';

/** Where a macro-string appears decides which letters are allowed (RFC 7208 §7.1). */
export type MacroContext = 'domain-spec' | 'explain-string' | 'unknown-modifier';

const DOMAIN_LETTERS = new Set(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'v']);
/** §7.1: c, r and t are allowed only in "exp" text. */
const EXP_ONLY_LETTERS = new Set(['c', 'r', 't']);
const DELIMITERS = '.-+,/_=';

export type MacroParseResult = { ok: true; value: MacroString } | { ok: false; message: string; offset: number };

/**
 * Parses a macro-string (§7.1 ABNF):
 *   macro-string = *( macro-expand / macro-literal )
 *   macro-expand = ( "%{" macro-letter transformers *delimiter "}" ) / "%%" / "%_" / "%-"
 *   macro-literal = %x21-24 / %x26-7E      (explain-string also allows SP)
 */
export function parseMacroString(text: string, context: MacroContext): MacroParseResult {
  const parts: MacroPart[] = [];
  let literal = '';
  let hasMacros = false;
  const allowSpace = context === 'explain-string';
  const flushLiteral = (): void => {
    if (literal) {
      parts.push({ type: 'literal', text: literal });
      literal = '';
    }
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x25 /* % */) {
      const visible = ch >= 0x21 && ch <= 0x7e;
      if (!visible && !(allowSpace && ch === 0x20)) {
        return { ok: false, message: `character ${describeChar(ch)} is not allowed here`, offset: i };
      }
      literal += text[i];
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      // §7.1: "%%" → "%", "%_" → SP, "%-" → "%20". Kept as literal pieces of their own so the
      // domain-end rule can still tell that the string ends in a macro-expand.
      flushLiteral();
      parts.push({ type: 'literal', text: next === '%' ? '%' : next === '_' ? ' ' : '%20' });
      i += 2;
      continue;
    }
    if (next !== '{') {
      return {
        ok: false,
        message: next === undefined ? "'%' at the end must be written '%%'" : `'%${next}' is not a macro; write '%%' for a literal percent`,
        offset: i,
      };
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) return { ok: false, message: "macro '%{' is not closed with '}'", offset: i };
    const body = text.slice(i + 2, close);
    const m = /^([a-zA-Z])([0-9]*)(r?)([.\-+,/_=]*)$/i.exec(body);
    if (!m) return { ok: false, message: `malformed macro '%{${body}}'`, offset: i };
    const rawLetter = m[1]!;
    const letter = rawLetter.toLowerCase();
    const digits = m[2]!;
    const reverseFlag = m[3]!;
    const delimiters = m[4]!;
    if (!DOMAIN_LETTERS.has(letter) && !EXP_ONLY_LETTERS.has(letter)) {
      return { ok: false, message: `unknown macro letter '${rawLetter}' in '%{${body}}'`, offset: i };
    }
    if (EXP_ONLY_LETTERS.has(letter) && context === 'domain-spec') {
      return { ok: false, message: `macro letter '${rawLetter}' is allowed only in exp= text (RFC 7208 §7.1)`, offset: i };
    }
    let keep: number | undefined;
    if (digits) {
      keep = Number(digits);
      // §7.1: "If a DIGIT is specified, the value MUST be nonzero."
      if (keep === 0) return { ok: false, message: `'%{${body}}': the number of parts must not be 0`, offset: i };
    }
    flushLiteral();
    parts.push({
      type: 'macro',
      letter: letter as MacroLetter,
      urlEscape: rawLetter !== letter,
      ...(keep !== undefined ? { keep } : {}),
      reverse: reverseFlag.length > 0,
      delimiters: delimiters || '.',
    });
    hasMacros = true;
    i = close + 1;
  }
  flushLiteral();
  return { ok: true, value: { text, parts, hasMacros } };
}

const TOPLABEL = /\.(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;

/**
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand.
 * Checked on the unexpanded text, as §7.1 requires (not after expansion).
 */
export function parseDomainSpec(text: string): MacroParseResult {
  if (text.length === 0) return { ok: false, message: 'the domain-spec is empty', offset: 0 };
  const parsed = parseMacroString(text, 'domain-spec');
  if (!parsed.ok) return parsed;
  const last = parsed.value.parts[parsed.value.parts.length - 1];
  // A trailing %{…}, %%, %_ or %- is a macro-expand and ends the domain-spec validly.
  if (last && (last.type === 'macro' || endsWithMacroEscape(text))) return parsed;
  const tail = last?.type === 'literal' ? last.text : '';
  if (!TOPLABEL.test(tail)) {
    return {
      ok: false,
      message: `'${text}' does not end in a valid top-level label (e.g. '.com'); an IP address needs ip4:/ip6:`,
      offset: 0,
    };
  }
  return parsed;
}

function endsWithMacroEscape(text: string): boolean {
  if (!/%[%_-]$/.test(text)) return false;
  // Count the run of '%' before the final character: an odd run means the last pair is an escape.
  let run = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === '%'; i--) run++;
  return run % 2 === 1;
}

function describeChar(code: number): string {
  if (code === 0x20) return 'space';
  if (code < 0x20 || code === 0x7f) return `control character 0x${code.toString(16).padStart(2, '0')}`;
  if (code > 0x7e) return `non-ASCII character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCharCode(code)}'`;
}
