import { detectServicesInTree } from '../catalogue/detect';
import { normalizeDomain } from '../domain';
import type { Resolver } from '../dns/types';
import { parseRecordCached } from '../eval/parse-cache';
import type { Qualifier } from '../parser/types';
import type { Analysis, AnalysisNode, AnalysisStatus, NodeStatus } from '../types/analysis';
import { suggestFlattened } from './flatten';
import { lintAnalysis } from './lint';
import { newWalkState, qualifierOfAll, SubtreeMemoTable, walkNode } from './walk';
import { splitIntoStrings } from './wire-size';

/**
 * Per-run memo shared by many analyses (one monitoring cycle): include subtrees walked once,
 * like the DNS cache fetches each shared include once. Create one per cycle, never keep it.
 */
export interface AnalysisRunCache {
  subtrees: SubtreeMemoTable;
}

export function createAnalysisRunCache(): AnalysisRunCache {
  return { subtrees: new SubtreeMemoTable() };
}

export interface AnalyzeOptions {
  resolver: Resolver;
  /** Share walked include subtrees across the analyses of one run. */
  runCache?: AnalysisRunCache;
  /** Analyse this record text instead of the published one (the what-if editor). */
  draftRecord?: string;
  /** Also ask for the deprecated SPF (type 99) RR; resolvers that cannot just skip it. */
  checkSpfRr?: boolean;
  maxMxNames?: number;
  /** Safety caps for pathological trees (include bombs). */
  maxNodes?: number;
  maxDepth?: number;
  now?: () => Date;
}

/** Result of analysing something that is not a valid domain name. */
export type AnalyzeInputError = { ok: false; domain: string; error: string };

/**
 * Walks a domain's whole SPF tree and reports what a monitor needs: total lookups (past 10),
 * voids, per-node cost, networks with provenance, services, lint and a flattened suggestion.
 * Never throws for any domain string or record: problems become statuses and findings.
 */
export async function analyze(domainInput: string, options: AnalyzeOptions): Promise<Analysis> {
  const normalized = normalizeDomain(domainInput);
  const domain = normalized.ok ? normalized.domain : domainInput.trim().toLowerCase();
  const now = options.now?.() ?? new Date();
  const state = newWalkState(options.resolver, {
    maxMxNames: options.maxMxNames ?? 10,
    maxNodes: options.maxNodes ?? 400,
    maxDepth: options.maxDepth ?? 30,
  });
  if (options.runCache) state.memo = options.runCache.subtrees;

  if (!normalized.ok) {
    const tree: AnalysisNode = { domain, via: 'root', record: null, status: 'invalid-target', errors: [{ code: 'invalid-domain', message: normalized.reason }], ownCost: 0, totalCost: 0, voidLookups: 0, terms: [], children: [] };
    return {
      domain,
      analyzedAt: isoTime(now),
      record: null,
      status: 'none',
      lookupCount: 0,
      voidLookups: 0,
      mxAddressLookups: 0,
      ptrLookups: 0,
      allQualifier: null,
      tree,
      networks: [],
      unresolvable: [],
      services: [],
      lint: [{ code: 'invalid-domain', severity: 'error', domain, message: normalized.reason }],
      flattened: { records: [], lookupCount: 0, withinLimits: true, notes: [] },
      dnsErrors: [],
      truncated: false,
    };
  }

  const draft = options.draftRecord !== undefined ? { text: options.draftRecord.trim(), strings: splitIntoStrings(options.draftRecord.trim()) } : undefined;
  const rootOtherTxt: string[] = [];
  const rootArgs = draft ? { domain, via: 'root' as const, depth: 0, path: [], authorizing: true, draft } : { domain, via: 'root' as const, depth: 0, path: [], authorizing: true };
  // Without the SPF RR check there is nothing to wait for beside the walk.
  const [tree, hasSpfRr] = options.checkSpfRr ? await Promise.all([walkNode(state, rootArgs), spfRrPresent(options.resolver, domain)]) : [await walkNode(state, rootArgs), false];
  if (!draft && (tree.status === 'none' || tree.status === 'nxdomain')) {
    const txt = await options.resolver.resolve(domain, 'TXT');
    if (txt.kind === 'ok') rootOtherTxt.push(...txt.records.map((r) => r.join('')));
  }

  const lookupCount = tree.totalCost;
  const allQualifier = effectiveAll(tree);
  const services = detectServicesInTree(tree);
  const status = overallStatus(tree, lookupCount, state.voidLookups);
  const lint = lintAnalysis({
    domain,
    tree,
    lookupCount,
    voidLookups: state.voidLookups,
    networks: state.networks,
    ranges: state.ranges,
    blocks: state.blocks,
    unresolvable: state.unresolvable,
    services,
    txtAnswers: state.txtAnswers,
    rootOtherTxt,
    hasSpfRr,
    draft: draft !== undefined,
  });
  return {
    domain,
    analyzedAt: isoTime(now),
    record: tree.record,
    status,
    lookupCount,
    voidLookups: state.voidLookups,
    mxAddressLookups: state.mxAddressLookups,
    ptrLookups: state.ptrLookups,
    allQualifier,
    tree,
    networks: state.networks,
    unresolvable: state.unresolvable,
    services,
    lint,
    flattened: suggestFlattened(domain, tree, state.networks, state.ranges, state.unresolvable, allQualifier, state.blocks),
    dnsErrors: state.dnsErrors,
    truncated: state.truncated,
  };
}

let lastTime = NaN;
let lastIso = '';

/** A fleet analyses dozens of domains per millisecond: format each millisecond once. */
function isoTime(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastIso = date.toISOString();
    lastTime = time;
  }
  return lastIso;
}

async function spfRrPresent(resolver: Resolver, domain: string): Promise<boolean> {
  const answer = await resolver.resolve(domain, 'SPF');
  return answer.kind === 'ok' && answer.records.some((r) => /^v=spf1(?: |$)/i.test(r.join('')));
}

/** The "all" that decides for unlisted senders: the root's, or the redirect target's. */
function effectiveAll(node: AnalysisNode): Qualifier | null {
  if (node.record === null || node.status === 'multiple') return null;
  const parsed = parseRecordCached(node.record);
  const own = qualifierOfAll(parsed.ok ? parsed.record : parsed.partial);
  if (own) return own;
  const redirect = node.children.find((c) => c.via === 'redirect');
  return redirect ? effectiveAll(redirect) : null;
}

const PERMANENT_NODE_STATUSES: ReadonlySet<NodeStatus> = new Set(['multiple', 'syntax', 'loop', 'invalid-target']);

/** What receivers conclude about the policy as a whole. */
function overallStatus(tree: AnalysisNode, lookupCount: number, voidLookups: number): AnalysisStatus {
  if (tree.status === 'none' || tree.status === 'nxdomain' || tree.status === 'invalid-target') return 'none';
  let flags = nodeFlags(tree, true);
  for (let i = 0; i < tree.children.length; i++) flags |= subtreeFlags(tree.children[i]!);
  if (lookupCount > 10 || voidLookups > 2 || flags & PERMANENT) return 'permerror';
  if (flags & TEMPORARY) return 'temperror';
  return 'ok';
}

const PERMANENT = 1;
const TEMPORARY = 2;

/** What one node tells about the whole policy (PERMANENT / TEMPORARY bits). */
function nodeFlags(n: AnalysisNode, isRoot: boolean): number {
  let flags = 0;
  if (PERMANENT_NODE_STATUSES.has(n.status)) flags |= PERMANENT;
  if (n.status === 'temperror') flags |= TEMPORARY;
  if (!isRoot && (n.status === 'none' || n.status === 'nxdomain')) flags |= PERMANENT;
  for (let i = 0; i < n.errors.length; i++) {
    const e = n.errors[i]!;
    if (e.code === 'too-many-mx' || e.code === 'include-without-spf') flags |= PERMANENT;
    if (e.code === 'dns-error') flags |= TEMPORARY;
  }
  return flags;
}

/** nodeFlags of a non-root node and everything below it; once per run for a memoised (frozen) subtree. */
function subtreeFlags(node: AnalysisNode): number {
  const frozen = Object.isFrozen(node);
  const known = frozen ? flagsBySubtree.get(node) : undefined;
  if (known !== undefined) return known;
  let flags = nodeFlags(node, false);
  for (let i = 0; i < node.children.length; i++) flags |= subtreeFlags(node.children[i]!);
  if (frozen) flagsBySubtree.set(node, flags);
  return flags;
}

const flagsBySubtree = new WeakMap<AnalysisNode, number>();
