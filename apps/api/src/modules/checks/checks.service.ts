import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ListChecksQuery } from '@spfwatch/contracts';
import { analyze, collapseNetworks, diffAnalyses, type Analysis, type AnalysisDiff, type AnalysisRunCache, type ResolverStack } from '@spfwatch/spf';
import { performance } from 'node:perf_hooks';
import { CLOCK, type Clock } from '../../common/clock';
import { notFound } from '../../common/errors';
import { DnsService } from '../../dns/dns.service';
import { AlertPoliciesService } from '../alerts/alert-policies.service';
import { AlertsService, type AppliedAlerts } from '../alerts/alerts.service';
import { providerChanges } from '../provider-events/provider-attribution';
import { ProviderEventsService } from '../provider-events/provider-events.service';
import { nextCheckAt } from '../scheduler/tick';
import { ChecksRepository, type CheckRunRow, type DomainForCheck } from './checks.repository';
import { analysisContentHash } from './content-hash';
import { deriveDomainStatus } from './domain-status';
import { UnchangedWriter } from './unchanged-writer';

export interface CheckContext {
  /** Scheduler tick the check belongs to; a (domain, tick) is checked once. Absent: a manual check. */
  tick?: string;
  /** Resolver stack to use (and not close); default: a fresh one for this check. */
  stack?: ResolverStack;
  /** Shares walked include subtrees with other checks of the same tick. */
  runCache?: AnalysisRunCache;
}

export type CheckOutcome = 'unchanged' | 'changed' | 'error';

export interface CheckResult {
  domainId: string;
  /** `duplicate`: this (domain, tick) had already been checked; nothing was written. */
  outcome: CheckOutcome | 'duplicate';
  analysis: Analysis;
  changed: boolean;
  diff: AnalysisDiff | null;
  snapshotId: string | null;
  alerts: AppliedAlerts;
}

const NO_ALERTS: AppliedAlerts = Object.freeze({ opened: [], resolved: [] }) as AppliedAlerts;

@Injectable()
export class ChecksService {
  private readonly logger = new Logger('Checks');
  private readonly unchangedWriter: UnchangedWriter;

  constructor(
    @Inject(ChecksRepository) private readonly repo: ChecksRepository,
    @Inject(DnsService) private readonly dns: DnsService,
    @Inject(AlertPoliciesService) private readonly policies: AlertPoliciesService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(ProviderEventsService) private readonly providerEvents: ProviderEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.unchangedWriter = new UnchangedWriter((checks) => this.repo.recordUnchanged(checks));
  }

  /**
   * Analyses a domain now and records the result: an unchanged content hash writes one
   * CheckRun row (and bumps lastSeenAt/lastCheckedAt); a changed one writes a Snapshot, the
   * CheckRun, the alerts and the provider attribution in one transaction; a DNS failure
   * (status temperror) writes an error CheckRun and keeps the last good snapshot.
   */
  async checkDomain(organizationId: string, domainId: string, ctx: CheckContext = {}): Promise<CheckResult> {
    const domain = await this.repo.findDomainForCheck(organizationId, domainId);
    if (!domain) throw notFound('Domain', domainId);
    return this.checkLoaded(domain, ctx);
  }

  /** Same as checkDomain for a domain already loaded (workers load their batch at once). */
  async checkLoaded(domain: DomainForCheck, ctx: CheckContext = {}): Promise<CheckResult> {
    const own = ctx.stack ? undefined : this.dns.createStack();
    const stack = ctx.stack ?? own!;
    try {
      const startedAt = this.clock.now();
      const t0 = performance.now();
      const analysis = await analyze(domain.name, { resolver: stack.resolver, ...(ctx.runCache ? { runCache: ctx.runCache } : {}), now: () => this.clock.now() });
      const durationMs = Math.round(performance.now() - t0);
      return await this.record(domain, analysis, { tick: ctx.tick ?? null, startedAt, durationMs });
    } finally {
      own?.close();
    }
  }

  async history(organizationId: string, domainId: string, query: ListChecksQuery): Promise<{ items: CheckRunRow[]; total: number; page: number; pageSize: number }> {
    if (!(await this.repo.domainExists(organizationId, domainId))) throw notFound('Domain', domainId);
    const { items, total } = await this.repo.listCheckRuns(domainId, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async record(domain: DomainForCheck, analysis: Analysis, run: { tick: string | null; startedAt: Date; durationMs: number }): Promise<CheckResult> {
    // Scheduled checks were rescheduled when the scheduler claimed them; manual ones reschedule now.
    const next = run.tick ? null : nextCheckAt(run.startedAt, domain.checkIntervalMinutes);
    if (analysis.status === 'temperror') return this.recordError(domain, analysis, run, next);
    const contentHash = analysisContentHash(analysis);
    if (domain.latestSnapshotId && domain.latestContentHash === contentHash && domain.consecutiveTempErrors === 0) {
      const written = await this.unchangedWriter.record({ domainId: domain.id, snapshotId: domain.latestSnapshotId, startedAt: run.startedAt, durationMs: run.durationMs, tick: run.tick, nextCheckAt: next });
      if (written === 'recorded') return { domainId: domain.id, outcome: 'unchanged', analysis, changed: false, diff: null, snapshotId: domain.latestSnapshotId, alerts: NO_ALERTS };
      if (written === 'duplicate') return { domainId: domain.id, outcome: 'duplicate', analysis, changed: false, diff: null, snapshotId: domain.latestSnapshotId, alerts: NO_ALERTS };
      // stale: the domain changed under us; the full path re-reads it under a lock.
    }
    return this.recordContent(domain, analysis, contentHash, run, next);
  }

  /** Changed content (or unchanged after DNS errors): everything in one transaction, the domain row locked. */
  private async recordContent(domain: DomainForCheck, analysis: Analysis, contentHash: string, run: { tick: string | null; startedAt: Date; durationMs: number }, next: Date | null): Promise<CheckResult> {
    return this.repo.transaction(async (tx) => {
      const locked = await this.repo.lockDomain(tx, domain.id);
      if (!locked) throw notFound('Domain', domain.id);
      const base = { domainId: domain.id, analysis };
      if (run.tick && (await this.repo.runExists(tx, domain.id, run.tick))) {
        return { ...base, outcome: 'duplicate' as const, changed: false, diff: null, snapshotId: locked.latestSnapshotId, alerts: NO_ALERTS };
      }
      const prev = locked.latestSnapshotId ? await this.repo.findSnapshotForDiff(tx, locked.latestSnapshotId) : null;
      const policy = await this.policies.effective(locked.organizationId, { clientId: locked.clientId, domainId: domain.id }, tx);
      const now = run.startedAt;

      if (prev && prev.contentHash === contentHash) {
        // Same content, after a streak of DNS errors: the streak ends, its alert resolves.
        await this.repo.createCheckRun(tx, { domainId: domain.id, snapshotId: prev.id, startedAt: now, durationMs: run.durationMs, outcome: 'unchanged', tick: run.tick });
        await this.repo.touchSnapshot(tx, prev.id, now);
        const alerts = await this.alerts.apply(tx, { organizationId: locked.organizationId, domainId: domain.id, domainName: domain.name, previous: prev.analysis, next: analysis, diff: null, policy, consecutiveTempErrors: 0, now, fromSnapshotId: null, toSnapshotId: null, providerEventIds: [] });
        // The snapshot's own status is back (the streak no longer counts).
        await this.repo.updateDomainAfterCheck(tx, domain.id, { checkedAt: now, nextCheckAt: next, consecutiveTempErrors: 0, status: prev.status });
        return { ...base, outcome: 'unchanged' as const, changed: false, diff: null, snapshotId: prev.id, alerts };
      }

      const diff = prev ? diffAnalyses(prev.analysis, analysis) : null;
      // "Had a record": the previous snapshot had one, or was already the broken "record gone" state.
      const hadRecord = prev !== null && (prev.analysis.record !== null || (prev.analysis.status === 'none' && prev.status === 'broken'));
      const status = deriveDomainStatus({ analysis, hadRecord, consecutiveTempErrors: 0, thresholds: policy.thresholds });
      const snapshotId = await this.repo.createSnapshot(tx, {
        domainId: domain.id,
        analysis,
        contentHash,
        status,
        services: analysis.services.map((s) => s.name),
        networks: collapseNetworks(analysis.networks.map((n) => n.cidr)),
        seenAt: now,
      });
      await this.repo.createCheckRun(tx, { domainId: domain.id, snapshotId, startedAt: now, durationMs: run.durationMs, outcome: 'changed', tick: run.tick });
      const changes = prev && diff ? providerChanges(prev.analysis, analysis, diff) : [];
      const providerEventIds = changes.length > 0 ? await this.providerEvents.record(tx, domain.id, changes, now) : [];
      const alerts = await this.alerts.apply(tx, { organizationId: locked.organizationId, domainId: domain.id, domainName: domain.name, previous: prev?.analysis ?? null, next: analysis, diff, policy, consecutiveTempErrors: 0, now, fromSnapshotId: prev?.id ?? null, toSnapshotId: snapshotId, providerEventIds });
      await this.repo.updateDomainAfterCheck(tx, domain.id, {
        checkedAt: now,
        nextCheckAt: next,
        consecutiveTempErrors: 0,
        status,
        latestSnapshotId: snapshotId,
        lookupCount: analysis.lookupCount,
        ...(prev ? { changedAt: now } : {}),
      });
      return { ...base, outcome: 'changed' as const, changed: true, diff, snapshotId, alerts };
    });
  }

  /** A check that ended in temperror: the last good snapshot stays; the streak grows; N in a row alert. */
  private async recordError(domain: DomainForCheck, analysis: Analysis, run: { tick: string | null; startedAt: Date; durationMs: number }, next: Date | null): Promise<CheckResult> {
    const dnsErrorKind = analysis.dnsErrors[0]?.error ?? 'error';
    return this.repo.transaction(async (tx) => {
      const locked = await this.repo.lockDomain(tx, domain.id);
      if (!locked) throw notFound('Domain', domain.id);
      const base = { domainId: domain.id, analysis, changed: false, diff: null, snapshotId: locked.latestSnapshotId };
      if (run.tick && (await this.repo.runExists(tx, domain.id, run.tick))) return { ...base, outcome: 'duplicate' as const, alerts: NO_ALERTS };
      const streak = locked.consecutiveTempErrors + 1;
      const policy = await this.policies.effective(locked.organizationId, { clientId: locked.clientId, domainId: domain.id }, tx);
      await this.repo.createCheckRun(tx, { domainId: domain.id, snapshotId: null, startedAt: run.startedAt, durationMs: run.durationMs, outcome: 'error', dnsErrorKind, tick: run.tick });
      const prev = locked.latestSnapshotId ? await this.repo.findSnapshotForDiff(tx, locked.latestSnapshotId) : null;
      const alerts = await this.alerts.apply(tx, { organizationId: locked.organizationId, domainId: domain.id, domainName: domain.name, previous: prev?.analysis ?? null, next: null, diff: null, policy, consecutiveTempErrors: streak, now: run.startedAt, fromSnapshotId: null, toSnapshotId: null, providerEventIds: [] });
      // The status follows the last good snapshot until the streak is long enough to call it broken.
      const status = streak >= policy.thresholds.tempErrorChecks ? ('broken' as const) : undefined;
      await this.repo.updateDomainAfterCheck(tx, domain.id, { checkedAt: run.startedAt, nextCheckAt: next, consecutiveTempErrors: streak, ...(status ? { status } : {}) });
      return { ...base, outcome: 'error' as const, alerts };
    });
  }
}
