import { detectService } from '../catalogue/detect';
import { parseRecordCached } from '../eval/parse-cache';
import type { Qualifier } from '../parser/types';
import type { Analysis, AnalysisNode, AnalysisStatus, AuthorizedNetwork, DetectedService } from '../types/analysis';
import { indexTree, keyPath, responsibleIndex } from './tree-index';
import type { TreeIndex } from './tree-index';
import type { AnalysisDiff, Change, ChangedInclude, ChangeSeverity } from './types';

const LOOKUP_LIMIT = 10;
const LOOKUP_NEAR_LIMIT = 8;
const VOID_LIMIT = 2;
const SEVERITY_RANK: Record<ChangeSeverity, number> = { breaking: 0, warning: 1, info: 2 };
/** Looser policies rank lower; no "all" behaves like ?all (RFC 7208 §4.7: neutral). */
const ALL_RANK: Record<Qualifier | 'none', number> = { '+': 0, '?': 1, none: 1, '~': 2, '-': 3 };
const ALL_WORDS: Record<Qualifier | 'none', string> = { '+': '+all (pass)', '?': '?all (neutral)', none: 'no "all" (neutral)', '~': '~all (softfail)', '-': '-all (fail)' };
const NO_RECORD: ReadonlySet<AnalysisNode['status']> = new Set(['none', 'nxdomain']);

/** The two analyses and their tree indexes, shared by the rule functions below. */
interface Ctx {
  domain: string;
  before: Analysis;
  after: Analysis;
  b: TreeIndex;
  a: TreeIndex;
  rootSame: boolean;
}

/**
 * What changed between two analyses of the same domain, classified for alerting. Changes that
 * come from a provider's include (its record or DNS changed, the owner's record did not) are
 * marked fromSharedInclude with the include where they originated.
 */
export function diffAnalyses(before: Analysis, after: Analysis): AnalysisDiff {
  const ctx: Ctx = { domain: after.domain, before, after, b: indexTree(before.tree), a: indexTree(after.tree), rootSame: before.record === after.record };
  const changes: Change[] = [];
  const changedIncludes = diffIncludes(ctx);

  const multipleBefore = before.tree.status === 'multiple';
  const multipleAfter = after.tree.status === 'multiple';
  const unknownRoot = before.tree.status === 'temperror' || after.tree.status === 'temperror';
  const removed = before.record !== null && after.record === null && NO_RECORD.has(after.tree.status);
  const added = before.record === null && NO_RECORD.has(before.tree.status) && after.record !== null;
  // Component changes only mean something when both sides have one walked record.
  const comparable = before.record !== null && after.record !== null && !multipleBefore && !multipleAfter;

  const networks = unknownRoot ? { added: [], removed: [] } : diffNetworkSets(before.networks, after.networks);
  const servicesAdded = unknownRoot ? [] : after.services.filter((s) => !before.services.some((x) => x.id === s.id));
  const servicesRemoved = unknownRoot ? [] : before.services.filter((s) => !after.services.some((x) => x.id === s.id));
  const terms = comparable ? diffTerms(before.record!, after.record!) : { added: [], removed: [] };

  if (removed) {
    changes.push({ kind: 'record-removed', severity: 'breaking', message: `The SPF record of ${ctx.domain} was removed${authorisedSummary(before, 'authorised')}: receivers now find no SPF policy, so mail relies on DKIM alone to pass DMARC.`, before: before.record, after: null, fromSharedInclude: false });
  } else if (added) {
    changes.push({ kind: 'record-added', severity: 'info', message: `${ctx.domain} now publishes an SPF record${authorisedSummary(after, 'authorises')}.`, before: null, after: after.record, fromSharedInclude: false });
  }
  if (multipleAfter && !multipleBefore) {
    const count = after.record?.split('\n').length ?? 2;
    changes.push({ kind: 'multiple-records', severity: 'breaking', message: `${ctx.domain} now publishes ${count} SPF records: receivers return permerror for every message until only one is left (RFC 7208 §4.5).`, before: before.record, after: after.record, fromSharedInclude: false });
  } else if (multipleBefore && !multipleAfter && after.record !== null) {
    changes.push({ kind: 'multiple-records', severity: 'info', message: `${ctx.domain} publishes a single SPF record again.`, before: before.record, after: after.record, fromSharedInclude: false });
  }
  if (comparable && !ctx.rootSame) {
    const onlyText = terms.added.length === 0 && terms.removed.length === 0;
    changes.push({ kind: 'record-changed', severity: 'info', message: onlyText ? `The SPF record text of ${ctx.domain} changed; its terms are the same.` : `The SPF record of ${ctx.domain} changed.`, before: before.record, after: after.record, fromSharedInclude: false });
  }
  if (terms.added.length > 0) {
    changes.push({ kind: 'terms-added', severity: 'info', message: `Added to the record: ${terms.added.join(' ')}`, after: terms.added, fromSharedInclude: false });
  }
  if (terms.removed.length > 0) {
    changes.push({ kind: 'terms-removed', severity: 'info', message: `Removed from the record: ${terms.removed.join(' ')}`, before: terms.removed, fromSharedInclude: false });
  }
  if (comparable) {
    changes.push(...serviceChanges(ctx, servicesAdded, servicesRemoved));
    changes.push(...networkChanges(ctx, networks.added, 'added'), ...networkChanges(ctx, networks.removed, 'removed'));
    const lookups = lookupChange(ctx);
    if (lookups) changes.push(lookups);
    const voids = voidChange(ctx);
    if (voids) changes.push(voids);
    const all = allChange(ctx, changedIncludes);
    if (all) changes.push(all);
  }
  for (const inc of changedIncludes) changes.push(includeChange(ctx, inc));

  const status = statusChange(ctx, changes, changedIncludes, { removed, added, multipleAfter });
  if (status) changes.push(status);

  changes.sort((x, y) => SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity]);
  const maxSeverity = changes[0]?.severity ?? null;
  return {
    domain: ctx.domain,
    changed: changes.length > 0,
    changes,
    termsAdded: terms.added,
    termsRemoved: terms.removed,
    servicesAdded: servicesAdded.map((s) => s.id),
    servicesRemoved: servicesRemoved.map((s) => s.id),
    networksAdded: networks.added,
    networksRemoved: networks.removed,
    lookupDelta: after.lookupCount - before.lookupCount,
    voidDelta: after.voidLookups - before.voidLookups,
    recordBefore: before.record,
    recordAfter: after.record,
    statusBefore: before.status,
    statusAfter: after.status,
    allBefore: before.allQualifier,
    allAfter: after.allQualifier,
    providerOnly: changes.length > 0 && ctx.rootSame && changes.every((c) => c.fromSharedInclude),
    changedIncludes,
    maxSeverity,
  };
}

// ---------------------------------------------------------------------------------------------
// Attribution

/** The owner's names: the domain itself, its parents and its subdomains (e.g. _spf.example.com). */
function isOwn(ctx: Ctx, domain: string): boolean {
  return domain === ctx.domain || domain.endsWith(`.${ctx.domain}`) || ctx.domain.endsWith(`.${domain}`);
}

function isShared(ctx: Ctx, domain: string): boolean {
  return !isOwn(ctx, domain);
}

/** "SendGrid (sendgrid.net)": the service of the domain, or of the nearest include above it. */
function label(domain: string, path: readonly string[] = []): string {
  const own = detectService(domain);
  if (own) return `${own.name} (${domain})`;
  for (let i = path.length - 1; i >= 1; i--) {
    const s = detectService(path[i]!);
    if (s) return `${s.name} (${domain})`;
  }
  return domain;
}

function sharedOrigin(ctx: Ctx, domains: Iterable<string>): Pick<Change, 'fromSharedInclude' | 'sources'> {
  const list = [...new Set(domains)];
  if (list.length > 0 && list.every((d) => isShared(ctx, d))) return { fromSharedInclude: true, sources: list };
  return { fromSharedInclude: false };
}

// ---------------------------------------------------------------------------------------------
// Includes

function diffIncludes(ctx: Ctx): ChangedInclude[] {
  const out: ChangedInclude[] = [];
  for (const [domain, before] of ctx.b.records) {
    if (!ctx.a.records.has(domain)) continue;
    const after = ctx.a.records.get(domain)!;
    if (before !== after) out.push({ domain, before, after });
  }
  return out;
}

function includeChange(ctx: Ctx, inc: ChangedInclude): Change {
  const what =
    inc.after === null ? 'no longer returns an SPF record' : inc.before === null ? 'now publishes an SPF record' : 'changed its SPF record';
  const shared = isShared(ctx, inc.domain);
  return {
    kind: 'include-changed',
    severity: 'info',
    message: `${label(inc.domain)} ${what}.`,
    before: inc.before,
    after: inc.after,
    fromSharedInclude: shared,
    ...(shared ? { sources: [inc.domain] } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Terms of the own record

function termsOf(record: string): string[] {
  const parsed = parseRecordCached(record);
  if (parsed.ok) return parsed.record.terms.map((t) => t.text);
  // Invalid terms are not in the partial parse; the raw split is the same term list (§4.6.1).
  return record.split(' ').slice(1).filter((t) => t !== '');
}

/** "+a" and "a" are the same term, and names are case-insensitive. */
function termKey(term: string): string {
  return term.toLowerCase().replace(/^\+/, '');
}

function diffTerms(before: string, after: string): { added: string[]; removed: string[] } {
  const counts = new Map<string, number>();
  for (const t of termsOf(before)) counts.set(termKey(t), (counts.get(termKey(t)) ?? 0) + 1);
  const added: string[] = [];
  for (const t of termsOf(after)) {
    const n = counts.get(termKey(t)) ?? 0;
    if (n > 0) counts.set(termKey(t), n - 1);
    else added.push(t);
  }
  const removed: string[] = [];
  for (const t of termsOf(before)) {
    const n = counts.get(termKey(t)) ?? 0;
    if (n > 0) {
      removed.push(t);
      counts.set(termKey(t), n - 1);
    }
  }
  return { added, removed };
}

// ---------------------------------------------------------------------------------------------
// Services

function serviceChanges(ctx: Ctx, added: DetectedService[], removed: DetectedService[]): Change[] {
  const out: Change[] = [];
  for (const s of removed) {
    const path = [...s.path, s.include];
    const at = responsibleIndex(path, ctx.a.paths);
    const origin = path[at]!;
    const ownerDid = !isShared(ctx, origin);
    const leavesNothing = ctx.after.services.length === 0 && ctx.after.networks.length === 0 && ctx.after.unresolvable.length === 0;
    const where = ownerDid ? (origin === ctx.domain ? 'the record' : origin) : label(origin, path);
    let message = `${s.name} (${s.include}) is no longer authorised: ${where} no longer includes ${path[at + 1] ?? s.include}, so mail sent through ${s.name} will fail SPF`;
    message += leavesNothing ? ' — and the record now authorises no servers at all.' : '.';
    out.push({ kind: 'service-removed', severity: leavesNothing ? 'breaking' : 'warning', message, before: s, ...sharedOrigin(ctx, ownerDid ? [] : [origin]) });
  }
  for (const s of added) {
    const path = [...s.path, s.include];
    const at = responsibleIndex(path, ctx.b.paths);
    const origin = path[at]!;
    const ownerDid = !isShared(ctx, origin);
    const via = s.path.length > 1 ? ` through ${s.path.slice(1).join(' → ')}` : '';
    out.push({ kind: 'service-added', severity: 'info', message: `${s.name} (${s.include}) is now authorised${via}.`, after: s, ...sharedOrigin(ctx, ownerDid ? [] : [origin]) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Networks

function cidrKey(n: AuthorizedNetwork): string {
  return n.cidr.toLowerCase();
}

function diffNetworkSets(before: AuthorizedNetwork[], after: AuthorizedNetwork[]): { added: AuthorizedNetwork[]; removed: AuthorizedNetwork[] } {
  const minus = (xs: AuthorizedNetwork[], ys: AuthorizedNetwork[]): AuthorizedNetwork[] => {
    const other = new Set(ys.map(cidrKey));
    const seen = new Set<string>();
    return xs.filter((n) => {
      const k = cidrKey(n);
      if (other.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };
  return { added: minus(after, before), removed: minus(before, after) };
}

function listCidrs(networks: AuthorizedNetwork[], max = 5): string {
  const shown = networks.slice(0, max).map((n) => n.cidr);
  return networks.length > max ? `${shown.join(', ')} and ${networks.length - max} more` : shown.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One change per origin: the owner's own terms, each include the owner added or removed, and
 * each include record (a provider's) that changed what it authorises.
 */
function networkChanges(ctx: Ctx, networks: AuthorizedNetwork[], direction: 'added' | 'removed'): Change[] {
  const other = direction === 'added' ? ctx.b.paths : ctx.a.paths;
  const groups = new Map<string, { origin: string; path: string[]; link?: string; links: Set<string>; networks: AuthorizedNetwork[] }>();
  for (const n of networks) {
    const at = responsibleIndex(n.path, other);
    const origin = n.path[at]!;
    const link = n.path[at + 1];
    const owner = !isShared(ctx, origin);
    // Owner changes are grouped per include they added or removed; provider changes per provider record.
    const key = owner ? `${origin}|${link ?? ''}` : origin;
    let g = groups.get(key);
    if (!g) {
      g = { origin, path: n.path.slice(0, at + 1), ...(owner && link ? { link } : {}), links: new Set(), networks: [] };
      groups.set(key, g);
    }
    if (link) g.links.add(link);
    g.networks.push(n);
  }
  const out: Change[] = [];
  for (const g of groups.values()) {
    const owner = !isShared(ctx, g.origin);
    const count = plural(g.networks.length, 'network');
    const cidrs = listCidrs(g.networks);
    let message: string;
    if (owner) {
      const holder = g.origin === ctx.domain ? 'The record' : `The record of ${g.origin}`;
      const terms = [...new Set(g.networks.filter((n) => !/^[+]?ip[46]:/i.test(n.term)).map((n) => n.term))];
      const viaTerms = terms.length > 0 ? ` (through ${terms.join(', ')})` : '';
      if (g.link) {
        message = direction === 'added'
          ? `${holder} now includes ${label(g.link)}, authorising ${count}: ${cidrs}.`
          : `${holder} no longer includes ${label(g.link)}, so ${count} ${g.networks.length === 1 ? 'is' : 'are'} no longer authorised: ${cidrs}.`;
      } else {
        message = direction === 'added' ? `${holder} now authorises ${cidrs}${viaTerms}.` : `${holder} no longer authorises ${cidrs}${viaTerms}.`;
      }
    } else {
      const dropped = [...g.links];
      const linkNote = dropped.length > 0 ? ` (it ${direction === 'added' ? 'now includes' : 'no longer includes'} ${dropped.join(', ')})` : '';
      message = `${label(g.origin, g.path)} ${direction} ${count}${linkNote}: ${cidrs}.`;
    }
    out.push({
      kind: direction === 'added' ? 'network-added' : 'network-removed',
      severity: direction === 'added' ? 'info' : 'warning',
      message,
      ...(direction === 'added' ? { after: g.networks } : { before: g.networks }),
      ...sharedOrigin(ctx, owner ? [] : [g.origin]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lookups and void lookups

/** The records whose per-record counts differ between the trees, each attributed to its origin. */
function countOrigins(ctx: Ctx, pick: (t: TreeIndex) => Map<string, number>): string[] {
  const before = pick(ctx.b);
  const after = pick(ctx.a);
  const origins: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if ((before.get(key) ?? 0) === (after.get(key) ?? 0)) continue;
    const path = keyPath(key);
    const other = after.has(key) ? ctx.b.paths : ctx.a.paths;
    origins.push(path[responsibleIndex(path, other)]!);
  }
  return origins;
}

function becauseOf(origin: Pick<Change, 'fromSharedInclude' | 'sources'>): string {
  return origin.fromSharedInclude && origin.sources ? `, because ${origin.sources.map((d) => label(d)).join(', ')} changed (not your record)` : '';
}

function lookupChange(ctx: Ctx): Change | undefined {
  const from = ctx.before.lookupCount;
  const to = ctx.after.lookupCount;
  if (from === to) return undefined;
  const origin = sharedOrigin(ctx, countOrigins(ctx, (t) => t.ownCost));
  const why = becauseOf(origin);
  let severity: ChangeSeverity;
  let message: string;
  if (to > from) {
    if (to > LOOKUP_LIMIT && from <= LOOKUP_LIMIT) {
      severity = 'breaking';
      message = `Lookup count rose from ${from} to ${to}${why} — over the limit of ${LOOKUP_LIMIT}: receivers will return permerror and may reject mail.`;
    } else if (to > LOOKUP_LIMIT) {
      severity = 'warning';
      message = `Lookup count rose from ${from} to ${to}${why} — still over the limit of ${LOOKUP_LIMIT}: receivers return permerror.`;
    } else {
      severity = 'warning';
      message = to >= LOOKUP_NEAR_LIMIT
        ? `Lookup count rose from ${from} to ${to}${why} — close to the limit of ${LOOKUP_LIMIT}: one more include will break SPF.`
        : `Lookup count rose from ${from} to ${to}${why}.`;
    }
  } else {
    severity = 'info';
    message = from > LOOKUP_LIMIT && to <= LOOKUP_LIMIT
      ? `Lookup count fell from ${from} to ${to}${why} — back within the limit of ${LOOKUP_LIMIT}.`
      : `Lookup count fell from ${from} to ${to}${why}.`;
  }
  return { kind: 'lookups-changed', severity, message, before: from, after: to, ...origin };
}

function voidChange(ctx: Ctx): Change | undefined {
  const from = ctx.before.voidLookups;
  const to = ctx.after.voidLookups;
  if (from === to) return undefined;
  const origin = sharedOrigin(ctx, countOrigins(ctx, (t) => t.voids));
  const why = becauseOf(origin);
  let severity: ChangeSeverity;
  let message: string;
  if (to > from && to > VOID_LIMIT) {
    severity = 'breaking';
    message = `Void lookups rose from ${from} to ${to}${why} — over the limit of ${VOID_LIMIT}: receivers may return permerror (RFC 7208 §4.6.4).`;
  } else if (to > from) {
    severity = 'warning';
    message = `Void lookups rose from ${from} to ${to}${why}: a name the record points at no longer exists or has no addresses.`;
  } else {
    severity = 'info';
    message = `Void lookups fell from ${from} to ${to}${why}.`;
  }
  return { kind: 'voids-changed', severity, message, before: from, after: to, ...origin };
}

// ---------------------------------------------------------------------------------------------
// The effective "all"

function allChange(ctx: Ctx, changedIncludes: ChangedInclude[]): Change | undefined {
  const from = ctx.before.allQualifier;
  const to = ctx.after.allQualifier;
  if (from === to) return undefined;
  const fromRank = ALL_RANK[from ?? 'none'];
  const toRank = ALL_RANK[to ?? 'none'];
  const words = `from ${ALL_WORDS[from ?? 'none']} to ${ALL_WORDS[to ?? 'none']}`;
  // With the own record unchanged, the "all" moved in a redirect target.
  const redirects = new Set([...ctx.b.redirectChain, ...ctx.a.redirectChain]);
  const origin = ctx.rootSame ? sharedOrigin(ctx, changedIncludes.map((c) => c.domain).filter((d) => redirects.has(d))) : { fromSharedInclude: false };
  const why = becauseOf(origin);
  let severity: ChangeSeverity;
  let message: string;
  if (to === '+') {
    severity = 'breaking';
    message = `The policy for unlisted servers changed ${words}${why}: every server on the internet may now send mail as ${ctx.domain}.`;
  } else if (toRank < fromRank) {
    severity = 'warning';
    message = toRank <= ALL_RANK['?']
      ? `The policy for unlisted servers loosened ${words}${why}: forged mail from servers you have not listed now gets a neutral result, as if there were no SPF policy.`
      : `The policy for unlisted servers loosened ${words}${why}: receivers no longer fail mail from servers you have not listed, they only mark it as suspicious.`;
  } else if (toRank > fromRank) {
    severity = 'info';
    message = `The policy for unlisted servers tightened ${words}${why}: make sure every service that sends as ${ctx.domain} is listed.`;
  } else {
    severity = 'info';
    message = `The policy for unlisted servers changed ${words}${why}; receivers treat both the same way.`;
  }
  return { kind: 'all-changed', severity, message, before: from, after: to, ...origin };
}

// ---------------------------------------------------------------------------------------------
// Overall status

const STATUS_WORDS: Record<AnalysisStatus, string> = {
  ok: 'ok',
  none: 'none (no SPF record)',
  permerror: 'permerror (receivers treat the policy as broken)',
  temperror: 'temperror (a DNS lookup failed; receivers defer or accept without SPF)',
};

function statusChange(ctx: Ctx, changes: Change[], changedIncludes: ChangedInclude[], seen: { removed: boolean; added: boolean; multipleAfter: boolean }): Change | undefined {
  const from = ctx.before.status;
  const to = ctx.after.status;
  if (from === to) return undefined;
  // Already said by record-removed, record-added or multiple-records.
  if ((seen.removed && to === 'none') || (seen.added && from === 'none' && to === 'ok') || (seen.multipleAfter && to === 'permerror')) return undefined;
  const severity: ChangeSeverity = to === 'ok' ? 'info' : from === 'ok' ? 'breaking' : 'warning';
  const newErrors = ctx.after.lint.filter((f) => f.severity === 'error' && !ctx.before.lint.some((g) => g.code === f.code && g.domain === f.domain && g.term === f.term));
  const cause = to !== 'ok' && newErrors.length > 0 ? ` Cause: ${newErrors.slice(0, 2).map((f) => f.message).join(' ')}` : '';
  // A provider's change when the own record is the same and nothing else changed on the owner's side.
  const others = changes.filter((c) => c.kind !== 'include-changed');
  const sharedIncludes = changedIncludes.map((c) => c.domain).filter((d) => isShared(ctx, d));
  const origin = ctx.rootSame && others.every((c) => c.fromSharedInclude) && changedIncludes.every((c) => isShared(ctx, c.domain))
    ? sharedOrigin(ctx, [...sharedIncludes, ...others.flatMap((c) => c.sources ?? [])])
    : { fromSharedInclude: false };
  const message = to === 'ok'
    ? `SPF for ${ctx.domain} works again: status changed from ${STATUS_WORDS[from]} to ok.`
    : `SPF status of ${ctx.domain} changed from ${STATUS_WORDS[from]} to ${STATUS_WORDS[to]}${becauseOf(origin)}.${cause}`;
  return { kind: 'status-changed', severity, message, before: from, after: to, ...origin };
}

// ---------------------------------------------------------------------------------------------

function authorisedSummary(a: Analysis, tense: 'authorised' | 'authorises'): string {
  const parts: string[] = [];
  if (a.services.length > 0) parts.push(a.services.map((s) => s.name).join(', '));
  if (a.networks.length > 0) parts.push(plural(new Set(a.networks.map(cidrKey)).size, 'network'));
  if (parts.length === 0) return '';
  return ` (it ${tense} ${parts.join(' and ')})`;
}
