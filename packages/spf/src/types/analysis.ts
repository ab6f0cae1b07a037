import type { DnsErrorKind } from '../dns/types';
import type { MechanismKind, Qualifier } from '../parser/types';

/** What a monitor sees of a domain's whole SPF tree, walked without an IP (no early stop at 10). */
export interface Analysis {
  /** Normalised domain (lower-case A-label). */
  domain: string;
  /** ISO time the analysis was made. */
  analyzedAt: string;
  /** The domain's own SPF record text, null when there is none. */
  record: string | null;
  /**
   * What receivers will conclude about the policy as a whole, regardless of IP:
   * none (no record), permerror (syntax, multiple records, > 10 lookups, too many voids, loop,
   * missing include target), temperror (DNS error somewhere), ok otherwise.
   */
  status: AnalysisStatus;
  /** Total DNS-querying terms across the whole tree, counting repeated includes again. */
  lookupCount: number;
  voidLookups: number;
  /** Address lookups made for mx terms (one per MX host) and PTR names (ptr terms are dynamic). */
  mxAddressLookups: number;
  ptrLookups: number;
  /** The qualifier of the effective "all" (following redirects), null when there is none. */
  allQualifier: Qualifier | null;
  tree: AnalysisNode;
  networks: AuthorizedNetwork[];
  unresolvable: UnresolvableTerm[];
  services: DetectedService[];
  lint: LintFinding[];
  flattened: FlattenSuggestion;
  /** DNS errors met during the walk (each also appears on its node). */
  dnsErrors: Array<{ name: string; type: string; error: DnsErrorKind }>;
  /** True when the walk stopped early because the tree was pathological (node or depth cap). */
  truncated: boolean;
}

export type AnalysisStatus = 'ok' | 'none' | 'permerror' | 'temperror';

export type NodeStatus =
  | 'ok'
  | 'none' // target has no SPF record (include/redirect target, or root)
  | 'nxdomain'
  | 'multiple'
  | 'syntax'
  | 'temperror'
  | 'loop'
  | 'ignored' // a redirect that is ignored because the record has "all"
  | 'invalid-target' // the include/redirect target is not a valid name
  | 'unresolvable' // target depends on macros only known at check time
  | 'truncated';

export interface NodeError {
  code: string;
  message: string;
}

export interface AnalysisNode {
  domain: string;
  /** How this node was reached. */
  via: 'root' | 'include' | 'redirect';
  /** The term in the parent that led here (e.g. "include:_spf.google.com"), absent for the root. */
  term?: string;
  record: string | null;
  /** The record's TXT character-strings as published (lengths matter: ≤ 255 octets each). */
  strings?: string[];
  ttl?: number;
  status: NodeStatus;
  errors: NodeError[];
  /** DNS-querying terms written in this node's record (its own cost, excluding children). */
  ownCost: number;
  /** ownCost plus the cost of everything below. */
  totalCost: number;
  voidLookups: number;
  terms: TermAnalysis[];
  children: AnalysisNode[];
}

export interface TermAnalysis {
  text: string;
  kind: MechanismKind | 'redirect' | 'exp' | 'modifier' | 'invalid';
  qualifier?: Qualifier;
  /** 1 for DNS-querying terms, else 0. */
  cost: number;
  /** Addresses the a/mx term resolved to. */
  addresses?: string[];
  /** MX host names of an mx term. */
  mxHosts?: string[];
  void?: boolean;
  /** Never evaluated by receivers (comes after "all"). */
  unreachable?: boolean;
  error?: string;
}

export interface AuthorizedNetwork {
  /** "192.0.2.0/24", "2001:db8::/32", or a host address without prefix. */
  cidr: string;
  family: 4 | 6;
  /** The domains from the root down to the record holding the term. */
  path: string[];
  /** The term that authorises it ("ip4:…", "a", "mx:…"). */
  term: string;
}

export interface UnresolvableTerm {
  term: string;
  domain: string;
  path: string[];
  reason: 'macro' | 'exists' | 'ptr';
}

export interface DetectedService {
  id: string;
  name: string;
  /** The include in the tree that identified it. */
  include: string;
  path: string[];
  illustrative?: boolean;
}

export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintFinding {
  /** Stable identifier, e.g. "too-many-lookups". */
  code: string;
  severity: LintSeverity;
  message: string;
  domain: string;
  term?: string;
  /** A concrete change that fixes it, in words or as a term. */
  fix?: string;
}

export interface FlattenSuggestion {
  /** TXT records to publish: the root first, then any include names it needs. */
  records: Array<{ name: string; text: string; strings: string[] }>;
  lookupCount: number;
  /** Whether the suggestion meets every limit (10 lookups, 255-octet strings, 512-octet answers). */
  withinLimits: boolean;
  notes: string[];
}
