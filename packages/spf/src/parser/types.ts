/** AST of an SPF record (RFC 7208 §4.6.1, §12). Positions are 0-based offsets in the record text. */

export type Qualifier = '+' | '-' | '~' | '?';

export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

/** One piece of a macro-string (§7.1). */
export type MacroPart =
  | { type: 'literal'; text: string }
  | {
      type: 'macro';
      letter: MacroLetter;
      /** Upper-case letter: the value is URL-escaped after transformation (§7.3). */
      urlEscape: boolean;
      /** Number of right-hand parts to keep; undefined = all. */
      keep?: number;
      reverse: boolean;
      /** Delimiters to split on; '.' when none were given. */
      delimiters: string;
    };

export interface MacroString {
  text: string;
  parts: MacroPart[];
  /** True when the string contains at least one %{…} expansion (not just %% %_ %-). */
  hasMacros: boolean;
}

export type MechanismKind = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export type Mechanism =
  | { kind: 'all' }
  | { kind: 'include'; domainSpec: MacroString }
  | { kind: 'exists'; domainSpec: MacroString }
  | { kind: 'a' | 'mx'; domainSpec?: MacroString; cidr4?: number; cidr6?: number }
  | { kind: 'ptr'; domainSpec?: MacroString }
  | { kind: 'ip4' | 'ip6'; address: string; prefix?: number };

export interface TermPosition {
  /** 0-based offset of the term in the record text. */
  start: number;
  end: number;
  /** 1-based index of the term among the record's terms (the version tag is term 0). */
  index: number;
}

export interface MechanismTerm extends TermPosition {
  type: 'mechanism';
  text: string;
  qualifier: Qualifier;
  /** True when the qualifier was written out (e.g. "+a" rather than "a"). */
  explicitQualifier: boolean;
  mechanism: Mechanism;
}

export interface ModifierTerm extends TermPosition {
  type: 'modifier';
  text: string;
  /** Lower-cased modifier name. */
  name: string;
  value: MacroString;
}

export type Term = MechanismTerm | ModifierTerm;

export interface SyntaxIssue {
  /** The offending term as written (or the whole record for record-level problems). */
  term: string;
  /** 0-based offset of the term in the record. */
  position: number;
  message: string;
}

export interface SpfRecord {
  text: string;
  terms: Term[];
  mechanisms: MechanismTerm[];
  redirect?: ModifierTerm;
  exp?: ModifierTerm;
  unknownModifiers: ModifierTerm[];
}

export type ParseResult =
  | { ok: true; record: SpfRecord }
  | { ok: false; error: SyntaxIssue; issues: SyntaxIssue[]; partial: SpfRecord };

/** Mechanisms and modifiers that cost one DNS-querying term (§4.6.4). */
export const DNS_QUERYING_MECHANISMS: ReadonlySet<MechanismKind> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);
