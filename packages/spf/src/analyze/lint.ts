import { hostedProviderForMx } from '../catalogue/detect';
import { hasHostBits } from '../ip';
import { parseRecordCached } from '../eval/parse-cache';
import type { AnalysisNode, AuthorizedNetwork, DetectedService, LintFinding, UnresolvableTerm } from '../types/analysis';
import type { NetworkRange } from './networks';
import { findCoveredNetworks } from './networks';
import type { RangeBlock } from './walk';
import { measureTxtAnswer, txtAnswerSize } from './wire-size';

export interface LintInput {
  domain: string;
  tree: AnalysisNode;
  lookupCount: number;
  voidLookups: number;
  networks: AuthorizedNetwork[];
  /** The range of each network (same index). */
  ranges?: NetworkRange[];
  /** Runs of networks from memoised subtrees (see WalkState.blocks). */
  blocks?: readonly RangeBlock[];
  unresolvable: UnresolvableTerm[];
  services: DetectedService[];
  txtAnswers: Map<string, string[][]>;
  /** Other TXT records at the root that look like a broken SPF record ("v=spf1include:…"). */
  rootOtherTxt: string[];
  /** True when the domain also publishes the deprecated SPF (type 99) RR. */
  hasSpfRr: boolean;
  /** The root record was given as a draft rather than read from DNS. */
  draft: boolean;
}

const LOOKUP_LIMIT = 10;
const LOOKUP_WARN = 8;
const VOID_LIMIT = 2;
// Hoisted: a regex literal is a new RegExp object each time it is evaluated, here per term per domain.
const WITH_PREFIX = /\/\d+$/;
const IP_TERM_WITH_PREFIX = /^[+\-~?]?ip[46]:(.+)\/(\d+)$/i;

/**
 * Findings with stable codes. Messages say what receivers will do; `fix` says what to change.
 */
export function lintAnalysis(input: LintInput): LintFinding[] {
  const out: LintFinding[] = [];
  const { tree, domain } = input;
  const add = (f: LintFinding): void => {
    out.push(f);
  };

  if (tree.status === 'none' || tree.status === 'nxdomain') {
    const glued = input.rootOtherTxt.find((t) => /^v=spf1\S/i.test(t));
    if (glued) {
      add({ code: 'missing-space', severity: 'error', domain, term: glued.slice(0, 40), message: `The TXT record "${glued.slice(0, 60)}" has no space after v=spf1, so receivers do not see it as an SPF record at all.`, fix: `Publish "${glued.replace(/^v=spf1/i, 'v=spf1 ')}".` });
    } else {
      add({ code: 'no-spf-record', severity: 'warning', domain, message: tree.status === 'nxdomain' ? `${domain} does not exist in DNS.` : `${domain} publishes no SPF record: receivers cannot tell legitimate mail from forgeries and many (Gmail, Microsoft) treat such mail as suspicious.`, fix: 'Publish a TXT record such as "v=spf1 include:<your mail provider> -all" (use the record builder).' });
    }
    return out;
  }

  // The root is this domain's own: its findings are not worth keeping (memoised nodes' are).
  lintNode(tree, add);
  // Indexed loops: for-of allocates per step until V8 has optimized the function (a first fleet run).
  for (let c = 0; c < tree.children.length; c++) {
    const found = subtreeFindings(tree.children[c]!);
    for (let i = 0; i < found.length; i++) out.push(found[i]!);
  }

  if (input.lookupCount > LOOKUP_LIMIT) {
    add({ code: 'too-many-lookups', severity: 'error', domain, message: `The policy needs ${input.lookupCount} DNS lookups; receivers stop at ${LOOKUP_LIMIT} and return permerror, so SPF fails for all mail.`, fix: 'Remove includes of services you no longer use, replace a/mx with ip4/ip6 where the addresses are stable, or use the suggested flattened record.' });
  } else if (input.lookupCount >= LOOKUP_WARN) {
    add({ code: 'lookups-near-limit', severity: 'warning', domain, message: `The policy needs ${input.lookupCount} of the ${LOOKUP_LIMIT} allowed DNS lookups; one more provider include (or a provider adding one) breaks it.`, fix: 'Trim unused includes now, or flatten the stable parts.' });
  }
  if (input.voidLookups > VOID_LIMIT) {
    add({ code: 'too-many-void-lookups', severity: 'error', domain, message: `${input.voidLookups} lookups return no data (NXDOMAIN or empty); receivers allow ${VOID_LIMIT} and then return permerror.`, fix: 'Remove a/mx/include terms that point at names without records.' });
  }

  const root = tree.record !== null ? parseRecordCached(tree.record) : undefined;
  const record = root ? (root.ok ? root.record : root.partial) : undefined;
  if (record) {
    const mechanisms = record.mechanisms;
    const allIndex = mechanisms.findIndex((m) => m.mechanism.kind === 'all');
    const all = allIndex >= 0 ? mechanisms[allIndex] : undefined;
    if (all?.qualifier === '+') {
      add({ code: 'plus-all', severity: 'error', domain, term: all.text, message: '"+all" authorises every server on the Internet to send as this domain: SPF protects nothing.', fix: 'Replace "+all" with "~all" (or "-all" once every sender is listed).' });
    } else if (all?.qualifier === '?') {
      add({ code: 'neutral-all', severity: 'warning', domain, term: all.text, message: '"?all" makes unlisted servers neutral: receivers get no signal about forgeries.', fix: 'Use "~all" (or "-all" once every sender is listed).' });
    }
    if (!all && !record.redirect) {
      add({ code: 'no-all', severity: 'warning', domain, message: 'The record has neither "all" nor "redirect=": mail from unlisted servers gets "neutral", which protects nothing.', fix: 'End the record with "~all" or "-all".' });
    }
    if (all) {
      const after = record.terms.filter((t) => t.type === 'mechanism' && t.index > all.index);
      if (after.length > 0) {
        add({ code: 'terms-after-all', severity: 'warning', domain, term: after.map((t) => t.text).join(' '), message: `Receivers stop at "${all.text}", so ${after.map((t) => `"${t.text}"`).join(', ')} after it are never used.`, fix: `Move ${after.length === 1 ? 'it' : 'them'} before "${all.text}".` });
      }
      if (record.redirect) {
        add({ code: 'redirect-ignored', severity: 'warning', domain, term: record.redirect.text, message: `"${record.redirect.text}" is ignored because the record has "${all.text}" (RFC 7208 §6.1).`, fix: `Remove "${all.text}" if the redirect is meant to apply, or remove the redirect.` });
      }
    }
    const seen = new Map<string, string>();
    for (let i = 0; i < record.terms.length; i++) {
      const t = record.terms[i]!;
      const lower = lowerCase(t.text);
      const key = lower.charCodeAt(0) === 0x2b /* + */ ? lower.slice(1) : lower;
      if (seen.has(key)) {
        add({ code: 'duplicate-term', severity: 'warning', domain, term: t.text, message: `"${t.text}" appears twice${t.type === 'mechanism' && ['include', 'a', 'mx', 'ptr', 'exists'].includes(t.mechanism.kind) ? ' and costs a DNS lookup each time' : ''}.`, fix: `Remove the second "${t.text}".` });
      } else seen.set(key, t.text);
    }
  }

  for (const { network, coveredBy } of findCoveredNetworks(input.networks, input.ranges, input.blocks)) {
    const holder = coveredBy.path[coveredBy.path.length - 1];
    const where =
      coveredBy.path.length > 2 ? `${coveredBy.term} in ${holder} (via ${coveredBy.path.slice(1, -1).join(' → ')})` : coveredBy.path.length === 2 ? `${coveredBy.term} in ${holder}` : coveredBy.term;
    add({ code: 'redundant-network', severity: 'info', domain, term: network.term, message: `"${network.term}" is already covered by ${where}.`, fix: `Remove "${network.term}".` });
  }

  // Seed 000: "mx" points at a hosted provider's inbound servers, which do not send its outbound mail.
  let serviceIds: Set<string> | undefined;
  for (let i = 0; i < tree.terms.length; i++) {
    const term = tree.terms[i]!;
    if (term.kind !== 'mx' || !term.mxHosts) continue;
    const providers = new Map<string, NonNullable<ReturnType<typeof hostedProviderForMx>>>();
    for (const host of term.mxHosts) {
      const p = hostedProviderForMx(host);
      if (p && !(serviceIds ??= new Set(input.services.map((s) => s.id))).has(p.id)) providers.set(p.id, p);
    }
    for (const p of providers.values()) {
      const include = p.recommendedInclude ?? p.includes[0];
      add({ code: 'mx-covers-inbound-only', severity: 'warning', domain, term: term.text, message: `"${term.text}" authorises ${p.name}'s inbound MX servers, but ${p.name} sends your outgoing mail from other servers, so mail sent through ${p.name} fails SPF.`, ...(include ? { fix: `Add "include:${include}"; "${term.text}" can then usually be removed.` } : {}) });
    }
  }

  for (const [name, records] of input.txtAnswers) {
    if (input.draft && name === domain) continue;
    // The domain's own answer is met once per run: a WeakMap entry for it would cost more than it saves.
    const size = name === domain ? measureTxtAnswer(name, records) : txtAnswerSize(name, records);
    if (size > 512) {
      add({ code: 'answer-too-large', severity: 'error', domain, message: `The TXT answer for ${name} is ${size} octets, over the 512-octet UDP limit: receivers must retry over TCP and some give up (temperror).`, fix: `Shorten the SPF record of ${name} or remove unused TXT records there.` });
    } else if (size > 450) {
      add({ code: 'answer-near-limit', severity: 'warning', domain, message: `The TXT answer for ${name} is ${size} octets, close to the 512-octet UDP limit.`, fix: `Keep records at ${name} short; remove stale verification TXT records.` });
    }
  }
  const draftRecord = input.draft ? tree.strings : undefined;
  if (draftRecord) {
    const long = draftRecord.find((s) => s.length > 255);
    if (long) add({ code: 'string-too-long', severity: 'error', domain, message: `A TXT string is ${long.length} octets; one string holds at most 255 (RFC 7208 §3.3).`, fix: 'Publish the record as several quoted strings of ≤ 255 octets each; receivers join them without spaces.' });
  }
  if (input.hasSpfRr) {
    add({ code: 'spf-rr-type', severity: 'warning', domain, message: `${domain} also publishes the SPF (type 99) DNS record, deprecated by RFC 7208 §3.1 and ignored by receivers.`, fix: 'Delete the type-99 record; keep only the TXT record, and keep them from drifting apart meanwhile.' });
  }
  const dynamic = input.unresolvable.filter((u) => u.reason !== 'ptr');
  if (dynamic.length > 0) {
    add({ code: 'not-statically-resolvable', severity: 'info', domain, term: dynamic.map((u) => u.term).join(' '), message: `${dynamic.map((u) => `"${u.term}"`).join(', ')} depend${dynamic.length === 1 ? 's' : ''} on the connecting IP or sender, so the authorised networks cannot be listed ahead of time.` });
  }
  return out;
}

/** Node findings depend only on the node, and memoised subtrees share node objects across a run. */
const findingsByNode = new WeakMap<AnalysisNode, LintFinding[]>();

function nodeFindings(node: AnalysisNode): LintFinding[] {
  let found = findingsByNode.get(node);
  if (!found) {
    found = [];
    const into = found;
    lintNode(node, (f) => into.push(f));
    findingsByNode.set(node, found);
  }
  return found;
}

function lintNode(node: AnalysisNode, add: (f: LintFinding) => void): void {
  for (let i = 0; i < node.errors.length; i++) {
    const e = node.errors[i]!;
    add({ code: e.code, severity: e.code === 'tree-too-large' ? 'warning' : 'error', domain: node.domain, message: e.message, ...(fixFor(e.code, node) ? { fix: fixFor(e.code, node)! } : {}) });
  }
  for (let i = 0; i < node.terms.length; i++) {
    const t = node.terms[i]!;
    if (t.kind === 'invalid' && t.error) {
      const glued = /[a-z0-9.](include:|ip4:|ip6:|a:|mx:|exists:|ptr:|redirect=|exp=|[-~?+]all$)/i.exec(t.text);
      if (glued) {
        add({ code: 'missing-space', severity: 'error', domain: node.domain, term: t.text, message: `"${t.text}" looks like two terms without a space between them.`, fix: `Write "${t.text.slice(0, glued.index + 1)} ${t.text.slice(glued.index + 1)}".` });
      } else if (/did you mean/.test(t.error)) {
        const hint = /did you mean '([^']+)'/.exec(t.error)?.[1];
        add({ code: 'typo-mechanism', severity: 'error', domain: node.domain, term: t.text, message: `"${t.text}" is not an SPF mechanism, so receivers return permerror.`, ...(hint ? { fix: `Did you mean "${hint}"?` } : {}) });
      }
    }
    if (t.kind === 'ptr' && !t.unreachable) {
      add({ code: 'ptr-deprecated', severity: 'warning', domain: node.domain, term: t.text, message: `"${t.text}" is deprecated (RFC 7208 §5.5): it is slow, unreliable, and some receivers ignore it.`, fix: 'List the sending servers with ip4/ip6 (or a/mx) instead.' });
    }
    if ((t.kind === 'ip4' || t.kind === 'ip6') && WITH_PREFIX.test(t.text)) {
      const [, address, prefix] = IP_TERM_WITH_PREFIX.exec(t.text) ?? [];
      if (address && prefix && hasHostBits(address, Number(prefix))) {
        add({ code: 'host-bits-set', severity: 'warning', domain: node.domain, term: t.text, message: `"${t.text}" has host bits set beyond /${prefix}; receivers treat it as the whole network, which may be more than intended.`, fix: `Write the network address, or /${t.kind === 'ip4' ? 32 : 128} for a single host.` });
      }
    }
  }
}

function fixFor(code: string, node: AnalysisNode): string | undefined {
  switch (code) {
    case 'include-without-spf':
      return 'Remove the include, or correct the domain name (check the provider\'s setup instructions).';
    case 'multiple-records':
      return `Merge the records of ${node.domain} into one "v=spf1 … all" record.`;
    case 'include-loop':
      return 'Remove the include that points back up the chain.';
    case 'too-many-mx':
      return 'Use ip4/ip6 for the mail servers instead of "mx".';
    case 'dns-error':
      return 'Check the DNS servers of the name; spfwatch alerts if this persists.';
    default:
      return undefined;
  }
}

/** The findings of a node and of everything below it, in walk order. */
function subtreeFindings(node: AnalysisNode): LintFinding[] {
  // A frozen node is a memoised subtree, shared by every domain of the run that includes it.
  const frozen = Object.isFrozen(node);
  let found = frozen ? findingsBySubtree.get(node) : undefined;
  if (found) return found;
  found = nodeFindings(node);
  if (node.children.length > 0) {
    found = found.slice();
    for (let c = 0; c < node.children.length; c++) {
      const below = subtreeFindings(node.children[c]!);
      for (let i = 0; i < below.length; i++) found.push(below[i]!);
    }
  }
  if (frozen) findingsBySubtree.set(node, found);
  return found;
}

const findingsBySubtree = new WeakMap<AnalysisNode, LintFinding[]>();

/** toLowerCase without a new string for text that has no upper-case letter (records almost never do). */
function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return text.toLowerCase();
  }
  return text;
}
