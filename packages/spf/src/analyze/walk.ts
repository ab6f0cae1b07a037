import { toQueryName } from '../domain';
import type { DnsErrorKind, Resolver } from '../dns/types';
import { expandMacroString } from '../eval/macro-expand';
import type { RecordLookup } from '../eval/record-lookup';
import { lookupSpfRecord } from '../eval/record-lookup';
import { parseRecordCached } from '../eval/parse-cache';
import { isStrictIPv4, networkText } from '../ip';
import type { MacroString, Mechanism, MechanismTerm, Qualifier, SpfRecord } from '../parser/types';
import type { AnalysisNode, AuthorizedNetwork, TermAnalysis, UnresolvableTerm } from '../types/analysis';
import type { CollapsedRanges, NetworkRange } from './networks';
import { parseNetwork, precollapse } from './networks';

export interface WalkLimits {
  maxMxNames: number;
  /** Safety caps so include bombs terminate: nodes visited and include depth. */
  maxNodes: number;
  maxDepth: number;
}

/** Mutable state of one analysis walk. */
export interface WalkState {
  resolver: Resolver;
  limits: WalkLimits;
  nodes: number;
  truncated: boolean;
  voidLookups: number;
  mxAddressLookups: number;
  ptrLookups: number;
  networks: AuthorizedNetwork[];
  /** The range of each network (same index), so lint and flattening need not parse texts again. */
  ranges: NetworkRange[];
  /** Runs of `ranges` that came from one memoised subtree, in order, with that subtree's ranges collapsed. */
  blocks: RangeBlock[];
  unresolvable: UnresolvableTerm[];
  dnsErrors: Array<{ name: string; type: string; error: DnsErrorKind }>;
  /** TXT RRsets seen per node name, for answer-size lint. */
  txtAnswers: Map<string, string[][]>;
  /**
   * Every domain walked, kept only while a memo is being computed (a memoised subtree may only be
   * reused where none of these is an ancestor); the analysis' own walk never reads it.
   */
  domains: Set<string> | undefined;
  deepest: number;
  loops: number;
  /** Per-run memo of include/redirect subtrees shared across the fleet (optional). */
  memo?: SubtreeMemoTable;
}

/** A walked include/redirect subtree, reusable by every domain that includes it in one run. */
export interface SubtreeMemo {
  node: AnalysisNode;
  domains: Set<string>;
  nodeCount: number;
  depth: number;
  voidLookups: number;
  mxAddressLookups: number;
  ptrLookups: number;
  /** Provenance paths relative to the parent of the subtree root; networks of one node share one path array. */
  networks: AuthorizedNetwork[];
  ranges: NetworkRange[];
  /** `ranges` collapsed, once per run: flattening merges it instead of sorting these again per domain. */
  collapsed: CollapsedRanges;
  unresolvable: UnresolvableTerm[];
  txtAnswers: Array<[string, string[][]]>;
}

/** ranges[start..end) of a walk are a memoised subtree's, whose collapse is known. */
export interface RangeBlock {
  start: number;
  end: number;
  collapsed: CollapsedRanges;
}

/** 'pending' while some walk computes it: others walk it themselves rather than wait (waiting could deadlock on include cycles). */
type MemoEntry = SubtreeMemo | 'pending';

/**
 * A run's memoised subtrees by (term, target, maxMxNames, via, authorizing), in nested maps so
 * that a lookup builds no key string: the term and target strings come back for every domain
 * and keep their hashes, where a key built per include was hashed anew each time.
 */
export class SubtreeMemoTable {
  private readonly byTerm = new Map<string, Map<string, Map<number, Array<MemoEntry | undefined>>>>();

  get(term: string, domain: string, maxMxNames: number, flags: number): MemoEntry | undefined {
    return this.byTerm.get(term)?.get(domain)?.get(maxMxNames)?.[flags];
  }

  set(term: string, domain: string, maxMxNames: number, flags: number, entry: MemoEntry | undefined): void {
    let byDomain = this.byTerm.get(term);
    if (!byDomain) this.byTerm.set(term, (byDomain = new Map()));
    let byLimit = byDomain.get(domain);
    if (!byLimit) byDomain.set(domain, (byLimit = new Map()));
    let slots = byLimit.get(maxMxNames);
    if (!slots) byLimit.set(maxMxNames, (slots = [undefined, undefined, undefined, undefined]));
    slots[flags] = entry;
  }
}

/** How a subtree was reached, as an index 0-3 (via redirect, authorising). */
const memoFlags = (args: WalkArgs): number => (args.via === 'redirect' ? 1 : 0) + (args.authorizing ? 2 : 0);

export function newWalkState(resolver: Resolver, limits: WalkLimits): WalkState {
  return {
    resolver,
    limits,
    nodes: 0,
    truncated: false,
    voidLookups: 0,
    mxAddressLookups: 0,
    ptrLookups: 0,
    networks: [],
    ranges: [],
    blocks: [],
    unresolvable: [],
    dnsErrors: [],
    txtAnswers: new Map(),
    domains: undefined,
    deepest: 0,
    loops: 0,
  };
}

function memoUsable(state: WalkState, memo: SubtreeMemo, args: WalkArgs): boolean {
  if (state.nodes + memo.nodeCount > state.limits.maxNodes || args.depth + memo.depth > state.limits.maxDepth) return false;
  for (let i = 0; i < args.path.length; i++) if (memo.domains.has(args.path[i]!)) return false;
  return true;
}

function graft(state: WalkState, memo: SubtreeMemo, args: WalkArgs): void {
  state.nodes += memo.nodeCount;
  state.deepest = Math.max(state.deepest, args.depth + memo.depth);
  state.voidLookups += memo.voidLookups;
  state.mxAddressLookups += memo.mxAddressLookups;
  state.ptrLookups += memo.ptrLookups;
  if (state.domains) for (const d of memo.domains) state.domains.add(d);
  // The networks of one node share their path, as in a walk: one array per node, not per network.
  const absolute = pathJoiner(args.path);
  // Indexed loops in the walk: for-of allocates an iterator and a result per step until V8 has
  // optimized the function, and a process's first fleet run executes mostly unoptimized code.
  for (let i = 0; i < memo.networks.length; i++) {
    const n = memo.networks[i]!;
    state.networks.push({ cidr: n.cidr, family: n.family, path: absolute(n.path), term: n.term });
  }
  if (memo.ranges.length > 0) {
    const start = state.ranges.length;
    for (let i = 0; i < memo.ranges.length; i++) state.ranges.push(memo.ranges[i]!);
    state.blocks.push({ start, end: state.ranges.length, collapsed: memo.collapsed });
  }
  for (let i = 0; i < memo.unresolvable.length; i++) {
    const u = memo.unresolvable[i]!;
    state.unresolvable.push({ term: u.term, domain: u.domain, path: absolute(u.path), reason: u.reason });
  }
  for (let i = 0; i < memo.txtAnswers.length; i++) state.txtAnswers.set(memo.txtAnswers[i]![0], memo.txtAnswers[i]![1]);
}

/** Maps paths to new ones, giving the same array for the same input array (entries of one node come in a row). */
function pathMapper(map: (path: string[]) => string[]): (path: string[]) => string[] {
  let lastIn: string[] | undefined;
  let lastOut: string[] = [];
  return (path) => {
    if (path !== lastIn) {
      lastIn = path;
      lastOut = map(path);
    }
    return lastOut;
  };
}

const pathJoiner = (prefix: string[]) => pathMapper((relative) => joinPaths(prefix, relative));

/** prefix.concat(relative), without concat's generic path for two short arrays. */
function joinPaths(prefix: readonly string[], relative: readonly string[]): string[] {
  const out = new Array<string>(prefix.length + relative.length);
  for (let i = 0; i < prefix.length; i++) out[i] = prefix[i]!;
  for (let i = 0; i < relative.length; i++) out[prefix.length + i] = relative[i]!;
  return out;
}

/**
 * Walks an include/redirect target, reusing the run's memo of that subtree when it is safe:
 * the same term reached the same way, no DNS errors or loops inside, and no ancestor of this
 * position inside it (else a loop would be missed). Identical includes across 10,000 domains
 * are then walked once per run, like the DNS cache fetches them once.
 */
function walkChild(state: WalkState, args: WalkArgs): AnalysisNode | Promise<AnalysisNode> {
  const table = state.memo;
  if (!table) return walkNode(state, args);
  // maxMxNames decides too-many-mx findings inside; the node and depth caps are checked on reuse.
  const known = table.get(args.term ?? '', args.domain, state.limits.maxMxNames, memoFlags(args));
  if (known === 'pending' || args.path.includes(args.domain)) return walkNode(state, args);
  if (known) {
    if (memoUsable(state, known, args)) {
      // Synchronous: a grafted subtree costs no promise and no turn of the event loop.
      graft(state, known, args);
      return known.node;
    }
    return walkNode(state, args);
  }
  return walkAndMemoise(state, args, table);
}

async function walkAndMemoise(state: WalkState, args: WalkArgs, table: SubtreeMemoTable): Promise<AnalysisNode> {
  const key = [args.term ?? '', args.domain, state.limits.maxMxNames, memoFlags(args)] as const;
  table.set(...key, 'pending');
  const sub = newWalkState(state.resolver, state.limits);
  sub.nodes = state.nodes;
  sub.memo = table;
  const domains = new Set<string>();
  sub.domains = domains;
  const node = await walkNode(sub, args);
  const reusable = !sub.truncated && sub.loops === 0 && sub.dnsErrors.length === 0;
  let memo: SubtreeMemo | undefined;
  if (reusable) {
    const relative = pathMapper((p) => p.slice(args.path.length));
    memo = {
      node: deepFreeze(node),
      domains,
      nodeCount: sub.nodes - state.nodes,
      depth: sub.deepest - args.depth,
      voidLookups: sub.voidLookups,
      mxAddressLookups: sub.mxAddressLookups,
      ptrLookups: sub.ptrLookups,
      networks: sub.networks.map((n) => ({ cidr: n.cidr, family: n.family, path: relative(n.path), term: n.term })),
      ranges: sub.ranges,
      collapsed: precollapse(sub.ranges),
      unresolvable: sub.unresolvable.map((u) => ({ term: u.term, domain: u.domain, path: relative(u.path), reason: u.reason })),
      txtAnswers: [...sub.txtAnswers],
    };
    table.set(...key, memo);
  } else table.set(...key, undefined);
  // Merge what the subtree found into this walk.
  const offset = state.ranges.length;
  if (memo) {
    if (sub.ranges.length > 0) state.blocks.push({ start: offset, end: offset + sub.ranges.length, collapsed: memo.collapsed });
  } else {
    for (const b of sub.blocks) state.blocks.push({ start: b.start + offset, end: b.end + offset, collapsed: b.collapsed });
  }
  state.nodes = sub.nodes;
  state.deepest = Math.max(state.deepest, sub.deepest);
  state.truncated ||= sub.truncated;
  state.loops += sub.loops;
  state.voidLookups += sub.voidLookups;
  state.mxAddressLookups += sub.mxAddressLookups;
  state.ptrLookups += sub.ptrLookups;
  state.networks.push(...sub.networks);
  state.ranges.push(...sub.ranges);
  state.unresolvable.push(...sub.unresolvable);
  state.dnsErrors.push(...sub.dnsErrors);
  if (state.domains) for (const d of domains) state.domains.add(d);
  for (const [name, records] of sub.txtAnswers) state.txtAnswers.set(name, records);
  return node;
}

/** Memoised subtrees are shared by every analysis of the run: nobody may change them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

interface WalkArgs {
  domain: string;
  via: AnalysisNode['via'];
  term?: string;
  depth: number;
  /** Domains from the root to the parent (for loop detection and provenance). */
  path: string[];
  /** False below a non-"+" include: those networks do not authorise anything. */
  authorizing: boolean;
  /** A record text to analyse instead of the published one (what-if drafts), root only. */
  draft?: { text: string; strings?: string[] };
}

/**
 * Walks the whole include/redirect tree like a receiver would, but without an IP: it does not
 * stop at 10 lookups and a repeated include is walked (and counted) again, as receivers do.
 */
export async function walkNode(state: WalkState, args: WalkArgs): Promise<AnalysisNode> {
  const { domain, via, depth, path } = args;
  // Two literals, not a spread: a spread builds the node through a slow generic path.
  const node: AnalysisNode =
    args.term !== undefined
      ? { domain, via, term: args.term, record: null, status: 'ok', errors: [], ownCost: 0, totalCost: 0, voidLookups: 0, terms: [], children: [] }
      : { domain, via, record: null, status: 'ok', errors: [], ownCost: 0, totalCost: 0, voidLookups: 0, terms: [], children: [] };
  state.domains?.add(domain);
  state.deepest = Math.max(state.deepest, depth);
  if (path.includes(domain)) {
    state.loops++;
    node.status = 'loop';
    node.errors.push({ code: 'include-loop', message: `${domain} is already being evaluated (${[...path, domain].join(' → ')}): receivers hit the lookup limit and return permerror` });
    return node;
  }
  if (state.nodes >= state.limits.maxNodes || depth > state.limits.maxDepth) {
    node.status = 'truncated';
    state.truncated = true;
    node.errors.push({ code: 'tree-too-large', message: `analysis stopped here: the tree has more than ${state.limits.maxNodes} records or is deeper than ${state.limits.maxDepth} levels` });
    return node;
  }
  state.nodes++;

  let lookup: RecordLookup;
  if (args.draft) {
    lookup = { kind: 'found', text: args.draft.text, strings: args.draft.strings ?? [args.draft.text], otherTxt: [], txtRecords: [args.draft.strings ?? [args.draft.text]] };
  } else {
    lookup = await lookupSpfRecord(state.resolver, domain);
  }
  switch (lookup.kind) {
    case 'error':
      node.status = 'temperror';
      state.dnsErrors.push({ name: domain, type: 'TXT', error: lookup.error });
      node.errors.push({ code: 'dns-error', message: `DNS ${lookup.error} looking up TXT ${domain}: receivers return temperror` });
      return node;
    case 'none':
      node.status = lookup.reason === 'nxdomain' ? 'nxdomain' : 'none';
      if (via !== 'root') {
        state.voidLookups++;
        node.voidLookups = 1;
      }
      return node;
    case 'multiple':
      node.status = 'multiple';
      node.record = lookup.records.join('\n');
      node.errors.push({ code: 'multiple-records', message: `${domain} publishes ${lookup.records.length} SPF records; receivers return permerror (RFC 7208 §4.5)` });
      return node;
    case 'found':
      break;
  }
  node.record = lookup.text;
  node.strings = lookup.strings;
  if (lookup.ttl !== undefined) node.ttl = lookup.ttl;
  state.txtAnswers.set(domain, lookup.txtRecords);

  const parsed = parseRecordCached(lookup.text);
  let record: SpfRecord;
  if (parsed.ok) record = parsed.record;
  else {
    node.status = 'syntax';
    for (const issue of parsed.issues) {
      node.errors.push({ code: 'syntax-error', message: `'${issue.term}' (offset ${issue.position}): ${issue.message}` });
      node.terms.push({ text: issue.term, kind: 'invalid', cost: 0, error: issue.message });
    }
    // Keep walking the valid terms: a monitor still wants to see what the rest authorises.
    record = parsed.partial;
  }

  const here = [...path, domain];
  // Only a redirect's cost depends on it (RFC 7208 §6.1), and most records have none.
  let hasAll: boolean | undefined;
  let afterAll = false;
  const termInfos: TermAnalysis[] = [];
  for (let t = 0; t < record.terms.length; t++) {
    const term = record.terms[t]!;
    if (term.type === 'modifier') {
      if (term.name === 'redirect') {
        hasAll ??= record.mechanisms.some((m) => m.mechanism.kind === 'all');
        const info: TermAnalysis = { text: term.text, kind: 'redirect', cost: hasAll ? 0 : 1 };
        termInfos.push(info);
        if (hasAll) {
          info.unreachable = true;
          continue;
        }
        node.ownCost++;
        const target = staticTarget(term.value, domain);
        if (target === undefined) {
          unresolvable(state, term.text, domain, here, 'macro');
          info.error = 'target depends on macros known only at check time';
          continue;
        }
        if (target === null) {
          info.error = 'target is not a valid domain name';
          node.errors.push({ code: 'invalid-target', message: `redirect target '${term.value.text}' is not a valid domain name` });
          continue;
        }
        const child = walkChild(state, { domain: target, via: 'redirect', term: term.text, depth: depth + 1, path: here, authorizing: args.authorizing });
        node.children.push(child instanceof Promise ? await child : child);
      } else termInfos.push({ text: term.text, kind: term.name === 'exp' ? 'exp' : 'modifier', cost: 0 });
      continue;
    }
    // Most terms need no DNS (ip4, ip6, all, a grafted include): those are not awaited.
    const analysed = analyzeMechanism(state, term, node, here, depth, afterAll, args.authorizing);
    termInfos.push(analysed instanceof Promise ? await analysed : analysed);
    if (term.mechanism.kind === 'all') afterAll = true;
  }
  if (node.terms.length === 0) node.terms = termInfos;
  else node.terms.push(...termInfos);
  let totalCost = node.ownCost;
  for (let i = 0; i < node.children.length; i++) totalCost += node.children[i]!.totalCost;
  node.totalCost = totalCost;
  return node;
}

function analyzeMechanism(
  state: WalkState,
  term: MechanismTerm,
  node: AnalysisNode,
  here: string[],
  depth: number,
  unreachable: boolean,
  authorizing: boolean,
): TermAnalysis | Promise<TermAnalysis> {
  const mech = term.mechanism;
  const domain = node.domain;
  const costly = queriesDns(mech.kind);
  const info: TermAnalysis = { text: term.text, kind: mech.kind, qualifier: term.qualifier, cost: costly && !unreachable ? 1 : 0 };
  if (unreachable) {
    // Receivers never evaluate terms after "all", so they cost nothing and authorise nothing.
    info.unreachable = true;
    return info;
  }
  if (costly) node.ownCost++;
  const authorizes = authorizing && term.qualifier === '+';
  switch (mech.kind) {
    case 'all':
    case 'ip4':
    case 'ip6': {
      if (mech.kind !== 'all' && authorizes) {
        addNetwork(state, { cidr: networkText(mech.address, mech.prefix, mech.kind === 'ip4' ? 4 : 6), family: mech.kind === 'ip4' ? 4 : 6, path: here, term: term.text });
      }
      return info;
    }
    case 'include': {
      const target = staticTarget(mech.domainSpec, domain);
      if (target === undefined) {
        unresolvable(state, term.text, domain, here, 'macro');
        info.error = 'target depends on macros known only at check time';
        return info;
      }
      if (target === null) {
        info.error = 'target is not a valid domain name';
        node.errors.push({ code: 'invalid-target', message: `include target '${mech.domainSpec.text}' is not a valid domain name` });
        return info;
      }
      const child = walkChild(state, { domain: target, via: 'include', term: term.text, depth: depth + 1, path: here, authorizing: authorizes });
      return child instanceof Promise ? child.then((c) => includeWalked(node, info, target, c)) : includeWalked(node, info, target, child);
    }
    case 'a': {
      const target = mech.domainSpec ? staticTarget(mech.domainSpec, domain) : domain;
      if (target === undefined) return markUnresolvable(state, info, term, domain, here);
      if (target === null) return { ...info, error: 'target is not a valid domain name' };
      return analyzeA(state, term, mech, node, info, target, here, authorizes);
    }
    case 'mx': {
      const target = mech.domainSpec ? staticTarget(mech.domainSpec, domain) : domain;
      if (target === undefined) return markUnresolvable(state, info, term, domain, here);
      if (target === null) return { ...info, error: 'target is not a valid domain name' };
      return analyzeMx(state, term, mech, node, info, target, here, authorizes);
    }
    case 'ptr':
      state.ptrLookups++;
      unresolvable(state, term.text, domain, here, 'ptr');
      return info;
    case 'exists':
      unresolvable(state, term.text, domain, here, mech.domainSpec.hasMacros ? 'macro' : 'exists');
      return info;
  }
}

/** DNS_QUERYING_MECHANISMS.has(kind), without a set lookup per term. */
function queriesDns(kind: Mechanism['kind']): boolean {
  return kind === 'include' || kind === 'a' || kind === 'mx' || kind === 'ptr' || kind === 'exists';
}

function includeWalked(node: AnalysisNode, info: TermAnalysis, target: string, child: AnalysisNode): TermAnalysis {
  node.children.push(child);
  if (child.status === 'none' || child.status === 'nxdomain') {
    info.error = `${target} has no SPF record`;
    node.errors.push({ code: 'include-without-spf', message: `include:${target} — ${target} ${child.status === 'nxdomain' ? 'does not exist' : 'has no SPF record'}: receivers return permerror (RFC 7208 §5.2)` });
  }
  return info;
}

type AddressMechanism = Extract<Mechanism, { kind: 'a' | 'mx' }>;

async function analyzeA(state: WalkState, term: MechanismTerm, mech: AddressMechanism, node: AnalysisNode, info: TermAnalysis, target: string, here: string[], authorizes: boolean): Promise<TermAnalysis> {
  const addresses = await resolveAddresses(state, target);
  info.addresses = addresses.list;
  if (addresses.error) info.error = addresses.error;
  else if (addresses.list.length === 0) markVoid(state, node, info);
  if (authorizes) pushAddressNetworks(state, addresses.list, mech.cidr4, mech.cidr6, here, term.text);
  return info;
}

async function analyzeMx(state: WalkState, term: MechanismTerm, mech: AddressMechanism, node: AnalysisNode, info: TermAnalysis, target: string, here: string[], authorizes: boolean): Promise<TermAnalysis> {
  const answer = await state.resolver.resolve(target, 'MX');
  if (answer.kind === 'error') {
    state.dnsErrors.push({ name: target, type: 'MX', error: answer.error });
    info.error = `DNS ${answer.error} looking up MX ${target}`;
    node.errors.push({ code: 'dns-error', message: `${info.error}: receivers return temperror` });
    return info;
  }
  const hosts: string[] = [];
  if (answer.kind === 'ok') {
    for (let i = 0; i < answer.records.length; i++) {
      const exchange = answer.records[i]!.exchange;
      if (exchange !== '' && exchange !== '.') hosts.push(exchange);
    }
  }
  info.mxHosts = hosts;
  if (answer.kind !== 'ok' || answer.records.length === 0) {
    markVoid(state, node, info);
    return info;
  }
  if (answer.records.length > state.limits.maxMxNames) {
    info.error = `${target} has ${answer.records.length} MX records (limit ${state.limits.maxMxNames})`;
    node.errors.push({ code: 'too-many-mx', message: `'${term.text}': ${info.error}; receivers return permerror (RFC 7208 §4.6.4)` });
  }
  state.mxAddressLookups += hosts.length;
  const lists = await Promise.all(hosts.map((h) => resolveAddresses(state, h)));
  const addresses: string[] = [];
  let firstError: string | undefined;
  for (let i = 0; i < lists.length; i++) {
    const l = lists[i]!;
    for (let j = 0; j < l.list.length; j++) addresses.push(l.list[j]!);
    if (firstError === undefined && l.error) firstError = l.error;
  }
  info.addresses = addresses;
  if (firstError) info.error = firstError;
  if (authorizes) pushAddressNetworks(state, info.addresses, mech.cidr4, mech.cidr6, here, term.text);
  return info;
}

function markUnresolvable(state: WalkState, info: TermAnalysis, term: MechanismTerm, domain: string, here: string[]): TermAnalysis {
  unresolvable(state, term.text, domain, here, 'macro');
  return { ...info, error: 'target depends on macros known only at check time' };
}

function markVoid(state: WalkState, node: AnalysisNode, info: TermAnalysis): void {
  info.void = true;
  node.voidLookups++;
  state.voidLookups++;
}

function unresolvable(state: WalkState, term: string, domain: string, path: string[], reason: UnresolvableTerm['reason']): void {
  state.unresolvable.push({ term, domain, path, reason });
}

async function resolveAddresses(state: WalkState, name: string): Promise<{ list: string[]; error?: string }> {
  const [a, aaaa] = await Promise.all([state.resolver.resolve(name, 'A'), state.resolver.resolve(name, 'AAAA')]);
  const list: string[] = [];
  let error: string | undefined;
  if (a.kind === 'ok') for (let i = 0; i < a.records.length; i++) list.push(a.records[i]!);
  else if (a.kind === 'error') error = addressError(state, name, 'A', a.error);
  if (aaaa.kind === 'ok') for (let i = 0; i < aaaa.records.length; i++) list.push(aaaa.records[i]!);
  else if (aaaa.kind === 'error') error = addressError(state, name, 'AAAA', aaaa.error);
  return error !== undefined ? { list, error } : { list };
}

function addressError(state: WalkState, name: string, type: 'A' | 'AAAA', error: DnsErrorKind): string {
  state.dnsErrors.push({ name, type, error });
  return `DNS ${error} looking up ${type} ${name}`;
}

function pushAddressNetworks(state: WalkState, addresses: string[], cidr4: number | undefined, cidr6: number | undefined, path: string[], term: string): void {
  for (let i = 0; i < addresses.length; i++) {
    const address = addresses[i]!;
    const v4 = isStrictIPv4(address);
    const prefix = v4 ? cidr4 : cidr6;
    addNetwork(state, { cidr: networkText(maskAddress(address, prefix, v4), prefix, v4 ? 4 : 6), family: v4 ? 4 : 6, path, term });
  }
}

function addNetwork(state: WalkState, network: AuthorizedNetwork): void {
  state.networks.push(network);
  state.ranges.push(parseNetwork(network.cidr));
}

/** a/24 authorises the network around the address, so record the network address itself. */
function maskAddress(address: string, prefix: number | undefined, v4: boolean): string {
  if (prefix === undefined) return address;
  if (v4) {
    const value = address.split('.').reduce((acc, o) => ((acc << 8) | Number(o)) >>> 0, 0);
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    const net = (value & mask) >>> 0;
    return [net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255].join('.');
  }
  return address; // ipaddr.js masks IPv6 in the collapse step
}

/**
 * A target that can be known without an SMTP connection: literal names, or macros using only
 * %{d} (the current domain). undefined = depends on check-time macros; null = invalid name.
 */
export function staticTarget(spec: MacroString, domain: string): string | null | undefined {
  if (!spec.hasMacros) {
    // A literal's target is the same for every domain; parse results (and their specs) are shared.
    let known = literalTargets.get(spec);
    if (known === undefined) literalTargets.set(spec, (known = toQueryName(expandMacroString(spec, NO_MACRO_VALUES)) ?? null));
    return known;
  }
  if (spec.parts.some((p) => p.type === 'macro' && p.letter !== 'd')) return undefined;
  // Without macros the values are never read: no need for a fresh set per term.
  const expanded = expandMacroString(spec, spec.hasMacros ? STATIC_MACRO_VALUES(domain) : NO_MACRO_VALUES);
  return toQueryName(expanded) ?? null;
}

const literalTargets = new WeakMap<MacroString, string | null>();

const DUMMY_IP = { family: 4 as const, text: '0.0.0.0', bytes: [0, 0, 0, 0], value: 0 };
function STATIC_MACRO_VALUES(domain: string) {
  return { sender: '', localPart: '', senderDomain: '', domain, ip: DUMMY_IP, helo: '', receiver: '', now: () => 0 };
}
const NO_MACRO_VALUES = STATIC_MACRO_VALUES('');

export function qualifierOfAll(record: SpfRecord): Qualifier | null {
  const all = record.mechanisms.find((m) => m.mechanism.kind === 'all');
  return all ? all.qualifier : null;
}
