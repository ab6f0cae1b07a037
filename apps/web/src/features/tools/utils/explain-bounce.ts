import type { AnalysisResponse, CatalogueServiceResponse, CheckHostResponse } from '@spfwatch/contracts';
import type { BounceFacts } from './parse-bounce';
import { isIPv6 } from './ip-address';

export type BounceVerdict = 'not-authorised' | 'no-record' | 'broken-record' | 'dns-problem' | 'passes-now';

export interface BounceFix {
  /** What to do, in plain words. */
  text: string;
  /** The term to add, when the fix is one ("include:_spf.google.com", "ip4:192.0.2.1"). */
  add?: string;
}

export interface BounceExplanation {
  verdict: BounceVerdict;
  headline: string;
  /** Why, in plain words, most important first. */
  why: string[];
  fixes: BounceFix[];
  /** The current record with the suggested terms added (before "all"), when there is one to suggest. */
  suggestedRecord: string | null;
}

type Facts = Pick<BounceFacts, 'sendingService' | 'ownServer' | 'codeMeaning' | 'statusCode' | 'receiver'>;
type Analysis = Pick<AnalysisResponse, 'record' | 'services' | 'lint' | 'domain' | 'status' | 'lookupCount'>;
type Service = Pick<CatalogueServiceResponse, 'id' | 'name' | 'include'>;

/** What the API's reason does not already say about a result that lets the message through. */
const CONSEQUENCE_NOTE: Record<string, string> = {
  softfail: 'A softfail usually gets the message accepted as suspicious, but Gmail and others still refuse it when DKIM does not pass either.',
  neutral: 'Receivers get no signal about this server, and strict ones refuse unauthenticated mail.',
};

/**
 * Turns a bounce's facts, the check_host() answer and the domain's analysis into plain words:
 * why the message failed and which change to the record fixes it.
 */
export function explainBounce(facts: Facts, check: CheckHostResponse, analysis: Analysis | null, catalogue: readonly Service[]): BounceExplanation {
  const domain = check.domain;
  const ip = check.ip;
  const why: string[] = [];
  const fixes: BounceFix[] = [];
  const lint = analysis?.lint ?? [];
  const lintFix = (code: string): Array<(typeof lint)[number] & { fix?: string }> => lint.filter((l) => l.code === code) as Array<(typeof lint)[number] & { fix?: string }>;

  if (check.result === 'pass') {
    why.push(check.reason);
    if (facts.codeMeaning && /DKIM|reverse DNS|blocklist/i.test(facts.codeMeaning)) why.push(`The bounce’s code ${facts.statusCode}: ${facts.codeMeaning}`);
    else why.push('If the bounce is recent, the record has been fixed since, or the receiver refused the message for another reason (DKIM, DMARC, content or reputation).');
    if (facts.statusCode === '5.7.26') fixes.push({ text: `Make sure ${domain}’s mail is DKIM-signed by the service that sends it, and that the envelope sender’s domain aligns with the From: domain (DMARC).` });
    return { verdict: 'passes-now', headline: `SPF passes now: ${ip} is authorised to send for ${domain}.`, why, fixes, suggestedRecord: null };
  }

  if (check.result === 'none') {
    why.push(check.reason);
    why.push('Without a record receivers cannot tell your mail from forgeries; Gmail refuses such mail when DKIM does not pass either (550-5.7.26).');
    const terms = termsForSender(facts, ip, catalogue);
    for (const t of terms) fixes.push({ text: t.text, add: t.add });
    const record = `v=spf1 ${terms.map((t) => t.add).join(' ')} ~all`;
    fixes.push({ text: `Publish a TXT record at ${domain}: ${record} (switch ~all to -all once every sender is listed).` });
    return { verdict: 'no-record', headline: `${domain} publishes no SPF record.`, why, fixes, suggestedRecord: record };
  }

  if (check.result === 'permerror') {
    why.push(check.reason);
    for (const finding of lint.filter((l) => l.severity === 'error')) {
      const fix = (finding as { fix?: string }).fix;
      fixes.push({ text: fix ? `${finding.message} ${fix}` : finding.message });
    }
    if (fixes.length === 0) fixes.push({ text: 'Correct the record (see the findings in the record builder) — receivers fail every message until it is valid.' });
    return { verdict: 'broken-record', headline: `The SPF record of ${domain} is broken, so SPF fails for every server.`, why, fixes, suggestedRecord: null };
  }

  if (check.result === 'temperror') {
    why.push(check.reason);
    fixes.push({ text: `Check that the DNS servers of ${domain} (and of the includes it names) answer reliably; receivers defer mail while they do not.` });
    return { verdict: 'dns-problem', headline: `A DNS problem stopped the SPF check of ${domain}.`, why, fixes, suggestedRecord: null };
  }

  // fail, softfail, neutral: the IP is not authorised. The API's reason may end with a "Hint:"
  // drawn from the same lint findings used below; keep the facts, say the hint once.
  why.push(check.reason.replace(/\s*Hint:[\s\S]*$/, ''));
  if (CONSEQUENCE_NOTE[check.result]) why.push(CONSEQUENCE_NOTE[check.result]!);
  const adds: string[] = [];
  const addTerm = (term: string | undefined): void => {
    if (term && !adds.includes(term)) adds.push(term);
  };

  // Seed 000: "mx" names the provider's inbound servers, not its outbound ones.
  for (const finding of lintFix('mx-covers-inbound-only')) {
    why.push(finding.message);
    const include = /include:([^\s"”;]+)/.exec(finding.fix ?? '')?.[1];
    fixes.push({ text: finding.fix ?? finding.message, ...(include ? { add: `include:${include}` } : {}) });
    if (include) addTerm(`include:${include}`);
  }

  // The bounce shows which service sent it, and the record does not include that service.
  const hinted = facts.sendingService;
  const authorisedIds = new Set((analysis?.services ?? []).map((s) => s.id));
  if (hinted && !authorisedIds.has(hinted.id)) {
    const include = catalogue.find((s) => s.id === hinted.id)?.include;
    const term = include ? `include:${include}` : undefined;
    if (term && !adds.includes(term)) {
      why.push(`The bounce shows the message was sent through ${hinted.name} (“${hinted.cue}”), but the record of ${domain} does not include ${hinted.name}.`);
      fixes.push({ text: `Add "${term}" so ${hinted.name}’s sending servers are authorised.`, add: term });
      addTerm(term);
    }
  }

  // An explicit "-ip4:…"-style match: the record itself refuses this server.
  if (check.matched && !/^[-~?+]?all$/i.test(check.matched.term) && check.matched.path.length <= 1) {
    fixes.push({ text: `Remove "${check.matched.term}" from the record of ${domain}: it explicitly refuses ${ip}.` });
  }

  // Otherwise (or also, for a server of one's own): list the IP itself.
  if (adds.length === 0) {
    const term = `${isIPv6(ip) ? 'ip6' : 'ip4'}:${ip}`;
    const own = facts.ownServer ? ` (the bounce comes from ${facts.ownServer} on your own server)` : '';
    fixes.push({
      text: `If ${ip} is a server you send from${own}, add "${term}". If it belongs to a sending service (a newsletter tool, your web host), add that service’s include instead — the record builder lists them by name.`,
      add: term,
    });
    addTerm(term);
  }

  for (const finding of lintFix('too-many-lookups')) fixes.push({ text: `Also: ${finding.message} ${finding.fix ?? ''}`.trim() });

  const suggestedRecord = analysis?.record ? insertBeforeAll(analysis.record, adds) : null;
  const verb = check.result === 'fail' ? 'is not allowed' : 'is not authorised';
  return { verdict: 'not-authorised', headline: `${ip} ${verb} to send mail for ${domain} (SPF ${check.result}).`, why, fixes, suggestedRecord };
}

/** Terms for a domain without a record: the service the bounce names, and/or the sending IP. */
function termsForSender(facts: Facts, ip: string, catalogue: readonly Service[]): Array<{ text: string; add: string }> {
  const out: Array<{ text: string; add: string }> = [];
  const hinted = facts.sendingService;
  const include = hinted ? catalogue.find((s) => s.id === hinted.id)?.include : undefined;
  if (hinted && include) out.push({ text: `The message was sent through ${hinted.name}: authorise it with "include:${include}".`, add: `include:${include}` });
  if (!include || facts.ownServer) {
    const term = `${isIPv6(ip) ? 'ip6' : 'ip4'}:${ip}`;
    out.push({ text: `Authorise the server that sent it, ${ip}, with "${term}".`, add: term });
  }
  return out;
}

/** "v=spf1 mx -all" + ["include:x"] → "v=spf1 mx include:x -all" (before all or redirect=, else at the end). */
export function insertBeforeAll(record: string, terms: readonly string[]): string {
  const parts = record.trim().split(/\s+/);
  const existing = new Set(parts.map((p) => p.toLowerCase()));
  const missing = terms.filter((t) => !existing.has(t.toLowerCase()));
  if (missing.length === 0) return parts.join(' ');
  const at = parts.findIndex((p, i) => i > 0 && (/^[-~?+]?all$/i.test(p) || /^redirect=/i.test(p)));
  if (at < 0) return [...parts, ...missing].join(' ');
  return [...parts.slice(0, at), ...missing, ...parts.slice(at)].join(' ');
}
