import { Injectable } from '@nestjs/common';
import { type AnalyzeToolResponse, type CheckHostResponse } from '@spfwatch/contracts';
import { analyze, type Analysis, checkHost, normalizeDomain, parseClientIp, type Resolver } from '@spfwatch/spf';
import { AppError } from '../../common/errors';
import { DnsService } from '../../dns/dns.service';
import { type AuthorisedSummary, describeReason, needsAuthorisedSummary, summariseAuthorised } from '@spfwatch/spf';
import { ToolsRepository } from './tools.repository';
import { compareDraft } from './what-if';

export interface CheckHostInput {
  ip: string;
  sender?: string;
  helo?: string;
  domain?: string;
  trace?: boolean;
}

export interface AnalyzeInput {
  domain: string;
  record?: string;
}

@Injectable()
export class ToolsService {
  constructor(
    private readonly dns: DnsService,
    private readonly repository: ToolsRepository,
  ) {}

  /** check_host() for one connection plus a plain-language reason; one resolver stack per request. */
  async checkHost(input: CheckHostInput): Promise<CheckHostResponse> {
    const ip = parseClientIp(input.ip);
    if (!ip) throw invalidField('ip', `'${input.ip}' is not a valid IPv4 or IPv6 address`);
    let domain: string | undefined;
    if (input.domain) {
      const normalized = normalizeDomain(input.domain);
      if (!normalized.ok) throw invalidField('domain', normalized.reason);
      domain = normalized.domain;
    }
    const stack = this.dns.createStack();
    try {
      const result = await checkHost({
        ip: input.ip,
        sender: input.sender ?? '',
        helo: input.helo ?? '',
        ...(domain !== undefined ? { domain } : {}),
        resolver: stack.resolver,
      });
      const authorised = needsAuthorisedSummary(result) ? await authorisedSummary(result.domain, stack.resolver) : null;
      const { trace, ...rest } = result;
      return { ...rest, ...(input.trace ? { trace } : {}), reason: describeReason(result, authorised) };
    } finally {
      stack.close();
    }
  }

  /**
   * Without a record: the live record's analysis. With one (the what-if editor's draft): the
   * draft analysed as if published at the domain, compared with the domain's current snapshot
   * when it is monitored in this organization and checked, else with the live record.
   */
  async analyze(organizationId: string, input: AnalyzeInput): Promise<AnalyzeToolResponse> {
    const normalized = normalizeDomain(input.domain);
    if (!normalized.ok) throw invalidField('domain', normalized.reason);
    const name = normalized.domain;
    const stack = this.dns.createStack();
    try {
      if (input.record === undefined) {
        return { analysis: toJson(await analyze(name, { resolver: stack.resolver })), comparison: null };
      }
      const [draft, snapshot] = await Promise.all([
        analyze(name, { resolver: stack.resolver, draftRecord: input.record }),
        this.repository.findCurrentSnapshotByName(organizationId, name),
      ]);
      // The live record shares the stack's cache with the draft: common includes are fetched once.
      const base = snapshot ? snapshot.analysis : await analyze(name, { resolver: stack.resolver });
      return {
        analysis: toJson(draft),
        comparison: {
          against: snapshot ? 'snapshot' : 'live',
          snapshotId: snapshot?.id ?? null,
          baseRecord: base.record,
          ...compareDraft(base, draft),
        },
      };
    } finally {
      stack.close();
    }
  }
}

/** What the record authorises, for the "not authorised" reason; null when it cannot be worked out. */
async function authorisedSummary(domain: string, resolver: Resolver): Promise<AuthorisedSummary | null> {
  try {
    return summariseAuthorised(await analyze(domain, { resolver }));
  } catch {
    // The reason is a courtesy: without the list it still says the IP is not authorised.
    return null;
  }
}

/** The engine's Analysis is plain data; typed here as the contract's loose shape. */
function toJson(analysis: Analysis): AnalyzeToolResponse['analysis'] {
  return analysis as unknown as AnalyzeToolResponse['analysis'];
}

function invalidField(path: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid request body: ${path}: ${message}`, { issues: [{ path, message }] });
}
