import { detectService, type Analysis, type AnalysisDiff, type AnalysisNode } from '@spfwatch/spf';
import { canonicalJson } from '../checks/content-hash';
import { createHash } from 'node:crypto';

/** One shared include whose content changed, as seen from one domain's diff. */
export interface ProviderChange {
  /** The include target whose record (or DNS answers) changed, e.g. `_netblocks.google.com`. */
  includeDomain: string;
  /** Catalogue name of the service it belongs to (its own, or the nearest include above it). */
  service: string | null;
  /** Content hash of the include's subtree before/after; null = it had no record. */
  beforeHash: string | null;
  afterHash: string | null;
  diff: ProviderChangeDiff;
}

export interface ProviderChangeDiff {
  recordBefore: string | null;
  recordAfter: string | null;
  networksAdded: string[];
  networksRemoved: string[];
  /** Change of the include subtree's lookup cost (what each domain including it pays). */
  lookupDelta: number;
  /** The diff's messages about this include. */
  changes: string[];
}

/**
 * The provider changes behind a diff that comes only from shared includes (`providerOnly`):
 * one entry per changed include. Empty for any other diff: a change the owner made (even
 * together with a provider's) is the owner's and is alerted per domain.
 */
export function providerChanges(previous: Analysis, next: Analysis, diff: AnalysisDiff): ProviderChange[] {
  if (!diff.providerOnly) return [];
  const sources = new Set<string>();
  for (const c of diff.changes) for (const s of c.sources ?? []) sources.add(s);
  if (sources.size === 0) for (const inc of diff.changedIncludes) sources.add(inc.domain);
  const out: ProviderChange[] = [];
  for (const includeDomain of [...sources].sort()) {
    const before = findNode(previous.tree, includeDomain);
    const after = findNode(next.tree, includeDomain);
    const beforeHash = before ? providerContentHash(before.node) : null;
    const afterHash = after ? providerContentHash(after.node) : null;
    if (beforeHash === afterHash) continue;
    const within = (path: readonly string[]) => path.includes(includeDomain);
    const added = diff.networksAdded.filter((n) => within(n.path)).map((n) => n.cidr);
    const removed = diff.networksRemoved.filter((n) => within(n.path)).map((n) => n.cidr);
    const path = after?.path ?? before?.path ?? [];
    out.push({
      includeDomain,
      service: serviceOf(includeDomain, path),
      beforeHash: before?.node.record == null ? null : beforeHash,
      afterHash: after?.node.record == null ? null : afterHash,
      diff: {
        recordBefore: before?.node.record ?? null,
        recordAfter: after?.node.record ?? null,
        networksAdded: added,
        networksRemoved: removed,
        lookupDelta: (after?.node.totalCost ?? 0) - (before?.node.totalCost ?? 0),
        changes: diff.changes.filter((c) => (c.sources ?? []).includes(includeDomain)).map((c) => c.message),
      },
    });
  }
  return out;
}

/**
 * sha256 of an include's subtree as every domain including it sees it: the node's own `term`
 * and `via` (how this domain reached it) and TTLs are left out, so all domains agree.
 */
export function providerContentHash(node: AnalysisNode): string {
  const strip = (n: AnalysisNode, root: boolean): unknown => {
    const { ttl: _ttl, term, via, children, terms, ...rest } = n;
    return {
      ...rest,
      ...(root ? {} : { term, via }),
      terms: terms.map((t) => ({ ...t, ...(t.addresses ? { addresses: [...t.addresses].sort() } : {}), ...(t.mxHosts ? { mxHosts: [...t.mxHosts].sort() } : {}) })),
      children: children.map((c) => strip(c, false)),
    };
  };
  return createHash('sha256').update(canonicalJson(strip(node, true))).digest('hex');
}

function findNode(tree: AnalysisNode, domain: string): { node: AnalysisNode; path: string[] } | undefined {
  const stack: Array<{ node: AnalysisNode; path: string[] }> = [{ node: tree, path: [tree.domain] }];
  while (stack.length > 0) {
    const { node, path } = stack.shift()!;
    if (node !== tree && node.domain === domain) return { node, path };
    for (const child of node.children) stack.push({ node: child, path: [...path, child.domain] });
  }
  return undefined;
}

function serviceOf(includeDomain: string, path: readonly string[]): string | null {
  for (let i = path.length - 1; i >= 1; i--) {
    const s = detectService(path[i]!);
    if (s) return s.name;
  }
  return detectService(includeDomain)?.name ?? null;
}
