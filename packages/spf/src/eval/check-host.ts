import { normalizeDomain, toQueryName } from '../domain';
import type { DnsAnswer, DnsErrorKind, Resolver } from '../dns/types';
import type { ClientIp, Network } from '../ip';
import { ipInNetwork, parseClientIp, reverseName, toNetwork } from '../ip';
import { parseMacroString } from '../parser/macro';
import type { MacroString, MechanismTerm, ModifierTerm, Qualifier, SpfRecord } from '../parser/types';
import { DNS_QUERYING_MECHANISMS } from '../parser/types';
import { parseRecordCached } from './parse-cache';
import type { SpfLimits, SpfResult } from '../types/result';
import { RFC_LIMITS } from '../types/result';
import type { MacroValues } from './macro-expand';
import { expandMacroString, needsValidatedName } from './macro-expand';
import { lookupSpfRecord } from './record-lookup';
import { buildReceivedSpf } from './received-spf';

export interface CheckHostInput {
  /** The SMTP client's address (IPv4, IPv6 or IPv4-mapped IPv6). */
  ip: string;
  /** MAIL FROM; empty or absent → the HELO identity is checked (§2.4). */
  sender?: string;
  /** HELO/EHLO name. */
  helo?: string;
  /** Check this domain instead of the sender's (e.g. "is this IP allowed for example.com"). */
  domain?: string;
  resolver: Resolver;
  /** %{r}: the checking host's name (default "unknown"). */
  receiver?: string;
  limits?: Partial<SpfLimits>;
  now?: () => number;
}

export type TraceEvent = 'record' | 'match' | 'no-match' | 'lookup' | 'error' | 'limit' | 'redirect' | 'explanation';

export interface TraceEntry {
  depth: number;
  domain: string;
  event: TraceEvent;
  term?: string;
  detail: string;
}

/** Where the deciding mechanism sits: the term and the chain of domains that led to it. */
export interface MatchedTerm {
  term: string;
  domain: string;
  /** Domains from the checked one to the one holding the term (include/redirect path). */
  path: string[];
}

export interface CheckHostResult {
  result: SpfResult;
  /** The domain whose policy was evaluated. */
  domain: string;
  identity: 'mailfrom' | 'helo';
  /** The sender as evaluated (postmaster@… substituted where §4.3 says so). */
  sender: string;
  ip: string;
  helo: string;
  /** Only the text of exp= (expanded), when the result is fail and the record has one. */
  explanation: string | null;
  /** The top-level term that decided the result (e.g. "include:_spf.google.com", "-all"), or null. */
  matchedTerm: string | null;
  /** The innermost mechanism that matched (inside includes), when there was one. */
  matched: MatchedTerm | null;
  /** Why the result is permerror/temperror/none, in words. */
  problem: string | null;
  lookups: number;
  voidLookups: number;
  trace: TraceEntry[];
  /** RFC 7208 §9.1 header, ready to prepend to a message. */
  receivedSpf: string;
}

interface Outcome {
  result: SpfResult;
  matchedTerm?: MechanismTerm;
  matched?: MatchedTerm;
  problem?: string;
  /** exp= of the record whose mechanism produced the result (redirect hands over the target's). */
  exp?: { term: ModifierTerm; domain: string };
}

const QUALIFIER_RESULT: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** Thrown only inside the evaluator to unwind to the top with an SPF result; never escapes. */
class Abort {
  constructor(
    readonly result: 'temperror' | 'permerror',
    readonly problem: string,
  ) {}
}

class Evaluation {
  lookups = 0;
  voidLookups = 0;
  readonly trace: TraceEntry[] = [];
  private readonly ptrNames = new Map<string, Promise<string[]>>();

  constructor(
    readonly resolver: Resolver,
    readonly ip: ClientIp,
    readonly base: Omit<MacroValues, 'domain' | 'validatedName'>,
    readonly limits: SpfLimits,
  ) {}

  note(depth: number, domain: string, event: TraceEvent, detail: string, term?: string): void {
    this.trace.push({ depth, domain, event, detail, ...(term !== undefined ? { term } : {}) });
  }

  countLookup(depth: number, domain: string, term: string): void {
    this.lookups++;
    if (this.lookups > this.limits.maxLookups) {
      this.note(depth, domain, 'limit', `more than ${this.limits.maxLookups} DNS-querying terms`, term);
      throw new Abort('permerror', `too many DNS lookups: '${term}' in ${domain} is DNS-querying term number ${this.lookups}; the limit is ${this.limits.maxLookups} (RFC 7208 §4.6.4)`);
    }
  }

  countVoid(depth: number, domain: string, term: string, name: string): void {
    this.voidLookups++;
    if (this.voidLookups > this.limits.maxVoidLookups) {
      this.note(depth, domain, 'limit', `more than ${this.limits.maxVoidLookups} void lookups`, term);
      throw new Abort('permerror', `too many void lookups: '${name}' (from '${term}' in ${domain}) is void lookup number ${this.voidLookups}; the limit is ${this.limits.maxVoidLookups} (RFC 7208 §4.6.4)`);
    }
  }

  async resolve<T extends 'A' | 'AAAA' | 'MX' | 'PTR' | 'TXT'>(name: string, type: T) {
    return this.resolver.resolve(name, type);
  }

  /** check_host() for one domain (§4). */
  async evaluate(domain: string, depth: number, path: string[]): Promise<Outcome> {
    const lookup = await lookupSpfRecord(this.resolver, domain);
    if (lookup.kind === 'error') {
      this.note(depth, domain, 'error', `TXT lookup failed: ${lookup.error}`);
      return { result: 'temperror', problem: `DNS ${describeDnsError(lookup.error)} looking up the SPF record of ${domain}` };
    }
    if (lookup.kind === 'none') {
      this.note(depth, domain, 'record', lookup.reason === 'nxdomain' ? 'domain does not exist' : 'no SPF record');
      return { result: 'none', problem: lookup.reason === 'nxdomain' ? `${domain} does not exist` : `${domain} has no SPF record` };
    }
    if (lookup.kind === 'multiple') {
      this.note(depth, domain, 'error', `${lookup.records.length} SPF records`);
      return { result: 'permerror', problem: `${domain} publishes ${lookup.records.length} SPF records; exactly one is allowed (RFC 7208 §4.5)` };
    }
    this.note(depth, domain, 'record', lookup.text);
    const parsed = parseRecordCached(lookup.text);
    if (!parsed.ok) {
      const e = parsed.error;
      this.note(depth, domain, 'error', e.message, e.term);
      return { result: 'permerror', problem: `syntax error in the SPF record of ${domain} at '${e.term}' (offset ${e.position}): ${e.message}` };
    }
    return this.evaluateRecord(parsed.record, domain, depth, path);
  }

  private async evaluateRecord(record: SpfRecord, domain: string, depth: number, path: string[]): Promise<Outcome> {
    const here = [...path, domain];
    for (const term of record.mechanisms) {
      if (DNS_QUERYING_MECHANISMS.has(term.mechanism.kind)) this.countLookup(depth, domain, term.text);
      const m = await this.matchMechanism(term, domain, depth, here);
      if (m === false) {
        this.note(depth, domain, 'no-match', 'no match', term.text);
        continue;
      }
      const result = QUALIFIER_RESULT[term.qualifier];
      this.note(depth, domain, 'match', `matched → ${result}`, term.text);
      return {
        result,
        matchedTerm: term,
        matched: m === true ? { term: term.text, domain, path: here } : m,
        ...(record.exp ? { exp: { term: record.exp, domain } } : {}),
      };
    }
    // §6.1: redirect is used only when no mechanism matched (an "all" always matches first).
    if (record.redirect) {
      const term = record.redirect;
      this.countLookup(depth, domain, term.text);
      const target = await this.targetName(term.value, domain);
      if (!target) {
        return { result: 'permerror', problem: `redirect target '${term.value.text}' in ${domain} is not a valid domain name` };
      }
      this.note(depth, domain, 'redirect', `→ ${target}`, term.text);
      const inner = await this.evaluate(target, depth + 1, here);
      if (inner.result === 'none') {
        return { result: 'permerror', problem: `redirect=${target} in ${domain}: ${inner.problem ?? 'no SPF record'} (RFC 7208 §6.1)` };
      }
      return inner;
    }
    this.note(depth, domain, 'no-match', 'no mechanism matched → neutral');
    return { result: 'neutral' };
  }

  /** Expands a domain-spec with %{d} = the current domain, resolving %{p} when used. */
  async targetName(spec: MacroString, domain: string): Promise<string | undefined> {
    const values = await this.macroValues(spec, domain);
    return toQueryName(expandMacroString(spec, values));
  }

  async macroValues(spec: MacroString, domain: string): Promise<MacroValues> {
    const values: MacroValues = { ...this.base, domain };
    if (needsValidatedName(spec)) values.validatedName = await this.validatedName(domain);
    return values;
  }

  /** Returns false for no match, true for a match here, or the inner match of an include. */
  private async matchMechanism(term: MechanismTerm, domain: string, depth: number, path: string[]): Promise<boolean | MatchedTerm> {
    const mech = term.mechanism;
    switch (mech.kind) {
      case 'all':
        return true;
      case 'ip4':
      case 'ip6': {
        const net = toNetwork(mech.address, mech.prefix);
        return net !== undefined && ipInNetwork(this.ip, net);
      }
      case 'include': {
        const target = await this.targetName(mech.domainSpec, domain);
        if (!target) throw new Abort('permerror', `include target '${mech.domainSpec.text}' in ${domain} is not a valid domain name`);
        const inner = await this.evaluate(target, depth + 1, path);
        // §5.2: pass matches; fail/softfail/neutral do not; errors propagate; none is a permerror.
        switch (inner.result) {
          case 'pass':
            return inner.matched ?? true;
          case 'fail':
          case 'softfail':
          case 'neutral':
            return false;
          case 'temperror':
            throw new Abort('temperror', inner.problem ?? `temporary DNS error in include:${target}`);
          case 'permerror':
            throw new Abort('permerror', inner.problem ?? `permanent error in include:${target}`);
          case 'none':
            throw new Abort('permerror', `include:${target} in ${domain}: ${inner.problem ?? 'no SPF record'} (RFC 7208 §5.2)`);
        }
        return false;
      }
      case 'a': {
        const target = mech.domainSpec ? await this.targetName(mech.domainSpec, domain) : domain;
        if (!target) return false;
        const addresses = await this.addresses(target, depth, domain, term.text, true);
        return this.anyInNetworks(addresses, mech.cidr4, mech.cidr6);
      }
      case 'mx': {
        const target = mech.domainSpec ? await this.targetName(mech.domainSpec, domain) : domain;
        if (!target) return false;
        const answer = await this.resolve(target, 'MX');
        const records = this.recordsOrVoid(answer, depth, domain, term.text, target);
        if (records.length > this.limits.maxMxNames) {
          throw new Abort('permerror', `'${term.text}' in ${domain}: ${target} has ${records.length} MX records; at most ${this.limits.maxMxNames} may be looked up (RFC 7208 §4.6.4)`);
        }
        const hosts = records.map((r) => r.exchange).filter((h) => h !== '' && h !== '.');
        const lists = await Promise.all(hosts.map((h) => this.addresses(h, depth, domain, term.text, false)));
        return lists.some((list) => this.anyInNetworks(list, mech.cidr4, mech.cidr6));
      }
      case 'ptr': {
        const target = mech.domainSpec ? await this.targetName(mech.domainSpec, domain) : domain;
        if (!target) return false;
        const names = await this.validatedNames();
        const t = target.toLowerCase();
        return names.some((n) => n === t || n.endsWith(`.${t}`));
      }
      case 'exists': {
        const target = await this.targetName(mech.domainSpec, domain);
        if (!target) return false;
        // §5.7: always an A query, whatever the connection's family.
        const answer = await this.resolve(target, 'A');
        return this.recordsOrVoid(answer, depth, domain, term.text, target).length > 0;
      }
    }
  }

  private anyInNetworks(addresses: string[], cidr4: number | undefined, cidr6: number | undefined): boolean {
    for (const address of addresses) {
      const net: Network | undefined = toNetwork(address, this.ip.family === 4 ? cidr4 : cidr6);
      if (net && ipInNetwork(this.ip, net)) return true;
    }
    return false;
  }

  /** A or AAAA (by the client's family) of a name; DNS errors are temperror. */
  private async addresses(name: string, depth: number, domain: string, term: string, countVoid: boolean): Promise<string[]> {
    const answer = await this.resolve(name, this.ip.family === 4 ? 'A' : 'AAAA');
    if (!countVoid && answer.kind !== 'ok' && answer.kind !== 'error') return [];
    return this.recordsOrVoid(answer, depth, domain, term, name);
  }

  private recordsOrVoid<T>(answer: DnsAnswer<T>, depth: number, domain: string, term: string, name: string): T[] {
    if (answer.kind === 'ok' && answer.records.length > 0) return answer.records;
    if (answer.kind === 'error') {
      this.note(depth, domain, 'error', `${name}: DNS ${answer.error}`, term);
      throw new Abort('temperror', `DNS ${describeDnsError(answer.error)} looking up ${name} for '${term}' in ${domain}`);
    }
    this.note(depth, domain, 'lookup', `${name}: ${answer.kind === 'nxdomain' ? 'does not exist' : 'no records'} (void lookup)`, term);
    this.countVoid(depth, domain, term, name);
    return [];
  }

  /** §5.5: names from the PTR lookup (at most 10) whose forward lookup contains the IP. */
  validatedNames(): Promise<string[]> {
    const key = 'all';
    let pending = this.ptrNames.get(key);
    if (!pending) {
      pending = this.computeValidatedNames();
      this.ptrNames.set(key, pending);
    }
    return pending;
  }

  private async computeValidatedNames(): Promise<string[]> {
    const answer = await this.resolve(reverseName(this.ip), 'PTR');
    // §5.5: a DNS error on the PTR lookup makes the mechanism not match.
    if (answer.kind !== 'ok') return [];
    const names = answer.records.slice(0, this.limits.maxPtrNames).map((n) => n.toLowerCase().replace(/\.$/, ''));
    const checks = await Promise.all(
      names.map(async (name) => {
        const a = await this.resolve(name, this.ip.family === 4 ? 'A' : 'AAAA');
        if (a.kind !== 'ok') return false; // errors: that name is skipped (§5.5)
        return a.records.some((addr) => {
          const net = toNetwork(addr);
          return net !== undefined && ipInNetwork(this.ip, net);
        });
      }),
    );
    return names.filter((_, i) => checks[i]);
  }

  /** %{p} (§7.2): a validated name, preferring the domain itself or a subdomain of it. */
  private async validatedName(domain: string): Promise<string> {
    const names = await this.validatedNames();
    const d = domain.toLowerCase();
    return names.find((n) => n === d) ?? names.find((n) => n.endsWith(`.${d}`)) ?? names[0] ?? 'unknown';
  }

  /** §6.2: the explanation; any problem means "as if no exp modifier was given". */
  async explanation(exp: { term: ModifierTerm; domain: string }, depth: number): Promise<string | null> {
    const target = await this.targetName(exp.term.value, exp.domain);
    if (!target) return null;
    const answer = await this.resolve(target, 'TXT');
    if (answer.kind !== 'ok' || answer.records.length !== 1) {
      this.note(depth, exp.domain, 'explanation', `exp=${target}: ${answer.kind === 'ok' ? `${answer.records.length} TXT records` : answer.kind} — ignored`);
      return null;
    }
    const text = answer.records[0]!.join('');
    const parsed = parseMacroString(text, 'explain-string');
    if (!parsed.ok) {
      this.note(depth, exp.domain, 'explanation', `exp=${target}: ${parsed.message} — ignored`);
      return null;
    }
    const values = await this.macroValues(parsed.value, exp.domain);
    return expandMacroString(parsed.value, values);
  }
}

function describeDnsError(kind: DnsErrorKind): string {
  switch (kind) {
    case 'timeout':
      return 'timeout';
    case 'servfail':
      return 'server failure (SERVFAIL)';
    case 'refused':
      return 'query refused (REFUSED)';
    default:
      return 'error';
  }
}

/**
 * check_host() of RFC 7208 for one SMTP connection. Never throws for any input: malformed
 * addresses, names and records come back as SPF results.
 */
export async function checkHost(input: CheckHostInput): Promise<CheckHostResult> {
  const limits: SpfLimits = { ...RFC_LIMITS, ...input.limits };
  const helo = (input.helo ?? '').trim();
  const rawSender = (input.sender ?? '').trim();
  const identity: 'mailfrom' | 'helo' = rawSender !== '' ? 'mailfrom' : 'helo';
  // §4.3: a sender with no local-part gets "postmaster"; an empty MAIL FROM uses postmaster@HELO.
  let senderText = identity === 'mailfrom' ? rawSender : `postmaster@${helo}`;
  const at = senderText.lastIndexOf('@');
  let localPart = at >= 0 ? senderText.slice(0, at) : '';
  const senderDomainRaw = at >= 0 ? senderText.slice(at + 1) : senderText;
  if (localPart === '') {
    localPart = 'postmaster';
    senderText = `postmaster@${senderDomainRaw}`;
  }
  const domainInput = input.domain ?? senderDomainRaw;
  const ip = parseClientIp(input.ip);

  const finish = (
    partial: Omit<CheckHostResult, 'receivedSpf' | 'sender' | 'identity' | 'ip' | 'helo' | 'domain'> & { domain?: string },
  ): CheckHostResult => {
    const result: Omit<CheckHostResult, 'receivedSpf'> = {
      ...partial,
      domain: partial.domain ?? domainInput,
      identity,
      sender: senderText,
      ip: ip ? ip.text : input.ip,
      helo,
    };
    return { ...result, receivedSpf: buildReceivedSpf(result, input.receiver) };
  };
  const empty = { explanation: null, matchedTerm: null, matched: null, lookups: 0, voidLookups: 0, trace: [] as TraceEntry[] };

  if (!ip) {
    return finish({ ...empty, result: 'permerror', problem: `'${input.ip}' is not a valid IPv4 or IPv6 address` });
  }
  const normalized = normalizeDomain(domainInput);
  if (!normalized.ok) {
    // §4.3: a malformed or single-label domain gives "none".
    return finish({ ...empty, result: 'none', problem: `no SPF check possible: ${normalized.reason}` });
  }
  const domain = normalized.domain;
  const evaluation = new Evaluation(
    input.resolver,
    ip,
    {
      sender: senderText,
      localPart,
      senderDomain: senderDomainRaw.toLowerCase(),
      ip,
      helo: helo || 'unknown',
      receiver: input.receiver ?? 'unknown',
      now: input.now ?? Date.now,
    },
    limits,
  );

  let outcome: Outcome;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Abort('temperror', `the check took longer than ${limits.timeoutMs} ms (RFC 7208 §4.6.4)`)), limits.timeoutMs);
      timer.unref?.();
    });
    outcome = await Promise.race([evaluation.evaluate(domain, 0, []), timeout]);
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    outcome = { result: error.result, problem: error.problem };
  } finally {
    if (timer) clearTimeout(timer);
  }

  let explanation: string | null = null;
  if (outcome.result === 'fail' && outcome.exp) {
    try {
      explanation = await evaluation.explanation(outcome.exp, 0);
    } catch (error) {
      if (!(error instanceof Abort)) throw error;
      explanation = null;
    }
  }
  return finish({
    result: outcome.result,
    domain,
    explanation,
    matchedTerm: outcome.matchedTerm?.text ?? null,
    matched: outcome.matched ?? null,
    problem: outcome.problem ?? null,
    lookups: evaluation.lookups,
    voidLookups: evaluation.voidLookups,
    trace: evaluation.trace,
  });
}
