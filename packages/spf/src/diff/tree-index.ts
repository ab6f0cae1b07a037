import type { AnalysisNode } from '../types/analysis';

/** Node statuses whose record was never looked up: their null record says nothing. */
const NOT_LOOKED_UP: ReadonlySet<AnalysisNode['status']> = new Set(['loop', 'truncated']);

const SEP = '\u0000';

export function pathKey(path: readonly string[]): string {
  return path.join(SEP);
}

export function keyPath(key: string): string[] {
  return key.split(SEP);
}

/** What the diff needs to know about one analysis tree. */
export interface TreeIndex {
  /** Path keys (root → node) of every node. */
  paths: Set<string>;
  /** First record seen per include/redirect target (the root excluded). */
  records: Map<string, string | null>;
  /** Lookup cost and void lookups written in each node's record, summed per path key. */
  ownCost: Map<string, number>;
  voids: Map<string, number>;
  /** The chain of redirect targets from the root (where the effective "all" may live). */
  redirectChain: string[];
}

export function indexTree(tree: AnalysisNode): TreeIndex {
  const index: TreeIndex = { paths: new Set(), records: new Map(), ownCost: new Map(), voids: new Map(), redirectChain: [] };
  const visit = (node: AnalysisNode, parent: readonly string[]): void => {
    const path = [...parent, node.domain];
    const key = pathKey(path);
    index.paths.add(key);
    index.ownCost.set(key, (index.ownCost.get(key) ?? 0) + node.ownCost);
    index.voids.set(key, (index.voids.get(key) ?? 0) + node.voidLookups);
    if (node !== tree && !NOT_LOOKED_UP.has(node.status) && !index.records.has(node.domain)) {
      index.records.set(node.domain, node.record);
    }
    for (const child of node.children) visit(child, path);
  };
  visit(tree, []);
  for (let n: AnalysisNode | undefined = tree.children.find((c) => c.via === 'redirect'); n; n = n.children.find((c) => c.via === 'redirect')) {
    index.redirectChain.push(n.domain);
  }
  return index;
}

/**
 * The record responsible for something found at `path` (root → holder) in one tree but not the
 * other: the first record whose link to the next one is missing from the other tree (it added
 * or dropped that include), else the holder itself (its own text or DNS answers changed).
 * Returns the index in `path`.
 */
export function responsibleIndex(path: readonly string[], otherPaths: ReadonlySet<string>): number {
  for (let i = 1; i < path.length; i++) {
    if (!otherPaths.has(pathKey(path.slice(0, i + 1)))) return i - 1;
  }
  return path.length - 1;
}
