import { type Analysis, type AuthorizedNetwork, collapseNetworks, diffAnalyses } from '@spfwatch/spf';

export interface DraftComparison {
  lookupDelta: number;
  voidDelta: number;
  servicesAdded: string[];
  servicesRemoved: string[];
  networksGained: AuthorizedNetwork[];
  networksLost: AuthorizedNetwork[];
  changes: Array<{ kind: string; severity: 'breaking' | 'warning' | 'info'; message: string; fromSharedInclude: boolean }>;
}

/**
 * What a draft record changes against a base analysis (the current snapshot or the live record).
 * Starts from the engine's `diffAnalyses` (networks compared by CIDR, with provenance) and keeps
 * only real changes of authorisation: a network is gained when the base's networks, collapsed,
 * did not already cover it, and lost when the draft's no longer cover it. So replacing two /25s
 * with their /24 gains and loses nothing, while widening a /24 to a /16 is a gain.
 */
export function compareDraft(base: Analysis, draft: Analysis): DraftComparison {
  const diff = diffAnalyses(base, draft);
  const baseCover = collapseNetworks(base.networks.map((n) => n.cidr));
  const draftCover = collapseNetworks(draft.networks.map((n) => n.cidr));
  return {
    lookupDelta: diff.lookupDelta,
    voidDelta: diff.voidDelta,
    servicesAdded: diff.servicesAdded,
    servicesRemoved: diff.servicesRemoved,
    networksGained: diff.networksAdded.filter((n) => !isCovered(baseCover, n.cidr)),
    networksLost: diff.networksRemoved.filter((n) => !isCovered(draftCover, n.cidr)),
    changes: diff.changes.map((c) => ({ kind: c.kind, severity: c.severity, message: c.message, fromSharedInclude: c.fromSharedInclude })),
  };
}

/** Whether `cidr` lies inside the collapsed network list `cover` (adding it changes nothing). */
export function isCovered(cover: readonly string[], cidr: string): boolean {
  const withIt = collapseNetworks([...cover, cidr]);
  return withIt.length === cover.length && withIt.every((c, i) => c === cover[i]);
}
