import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ListChecksQuery } from '@spfwatch/contracts';
import type { SpfStatus } from '@spfwatch/db';
import { analyze, collapseNetworks, diffAnalyses, type Analysis, type AnalysisDiff, type AnalysisRunCache, type ResolverStack } from '@spfwatch/spf';
import { performance } from 'node:perf_hooks';
import { CLOCK, type Clock } from '../../common/clock';
import { notFound } from '../../common/errors';
import { DnsService } from '../../dns/dns.service';
import { AlertPoliciesService } from '../alerts/alert-policies.service';
import { AlertsService, type ApplyAlertsInput, type AppliedAlerts } from '../alerts/alerts.service';
import { providerChanges, type ProviderChange } from '../provider-events/provider-attribution';
import { ProviderEventsService } from '../provider-events/provider-events.service';
import { NotificationsService } from '../notifications/notifications.service';
import { nextCheckAt, nextScheduledCheckAt } from '../scheduler/tick';
import { ChecksRepository, type CheckRunRow, type DomainForCheck, type DomainUpdate, type NewCheckRun, type NewSnapshot } from './checks.repository';
import { analysisContentHash } from './content-hash';
import type { Tx } from './db-transaction';
import { deriveDomainStatus } from './domain-status';
import { MetricsService } from '../metrics/metrics.service';
import { MicroBatcher, type BatchOutcome } from './micro-batcher';
import { uuidv7 } from './uuid-v7';

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

/** An analysed domain waiting to be recorded. */
interface AnalysedCheck {
  domain: DomainForCheck;
  analysis: Analysis;
  /** null for a temperror analysis (never compared, never stored). */
  contentHash: string | null;
  tick: string | null;
  startedAt: Date;
  durationMs: number;
  /** Scheduled checks: one interval after the tick; manual ones: one interval after now. */
  nextCheckAt: Date;
}

const NO_ALERTS: AppliedAlerts = Object.freeze({ opened: [], resolved: [] }) as unknown as AppliedAlerts;
/**
 * Scheduled checks arriving within this window share their database round trips. Workers
 * settle a fetched batch of jobs together anyway, so waiting a little costs no throughput.
 */
const LOAD_DELAY_MS = 5;
const RECORD_DELAY_MS = 20;
const MAX_BATCH = 200;
/** Batches written at once per process: more would only queue for connections and hold memory. */
const MAX_CONCURRENT_RECORDS = 2;

/**
 * The check pipeline: analyse with the engine, then record. An unchanged content hash writes
 * one CheckRun row (and bumps lastSeenAt/lastCheckedAt); a changed one writes a Snapshot, the
 * CheckRun, the alerts and the provider attribution in one transaction; a DNS failure (status
 * temperror) writes an error CheckRun and keeps the last good snapshot. Scheduled checks are
 * loaded and recorded in micro-batches (one statement or one transaction for many domains).
 */
@Injectable()
export class ChecksService {
  private readonly logger = new Logger('Checks');
  private readonly loader: MicroBatcher<{ organizationId: string; domainId: string }, DomainForCheck | null>;
  private readonly recorder: MicroBatcher<AnalysedCheck, CheckResult>;

  constructor(
    @Inject(ChecksRepository) private readonly repo: ChecksRepository,
    @Inject(DnsService) private readonly dns: DnsService,
    @Inject(AlertPoliciesService) private readonly policies: AlertPoliciesService,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(ProviderEventsService) private readonly providerEvents: ProviderEventsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.loader = new MicroBatcher(
      async (refs) => {
        const found = new Map((await this.repo.findDomainsForCheck(refs)).map((d) => [`${d.organizationId}|${d.id}`, d]));
        return refs.map((r) => ({ ok: true as const, value: found.get(`${r.organizationId}|${r.domainId}`) ?? null }));
      },
      { maxBatch: MAX_BATCH, delayMs: LOAD_DELAY_MS, maxConcurrent: MAX_CONCURRENT_RECORDS },
    );
    this.recorder = new MicroBatcher((items) => this.recordMany(items), { maxBatch: MAX_BATCH, delayMs: RECORD_DELAY_MS, key: (c) => c.domain.id, maxConcurrent: MAX_CONCURRENT_RECORDS });
  }

  /**
   * Analyses a domain now and records the result. With a tick (scheduled checks), loading and
   * recording are batched with the other checks in flight; without (manual), they run alone.
   */
  async checkDomain(organizationId: string, domainId: string, ctx: CheckContext = {}): Promise<CheckResult> {
    const domain = ctx.tick
      ? await this.loader.submit({ organizationId, domainId })
      : ((await this.repo.findDomainsForCheck([{ organizationId, domainId }]))[0] ?? null);
    if (!domain) throw notFound('Domain', domainId);
    const own = ctx.stack ? undefined : this.dns.createStack();
    const stack = ctx.stack ?? own!;
    let analysed: AnalysedCheck;
    try {
      const startedAt = this.clock.now();
      const t0 = performance.now();
      const analysis = await analyze(domain.name, { resolver: stack.resolver, ...(ctx.runCache ? { runCache: ctx.runCache } : {}), now: () => this.clock.now() });
      const durationMs = Math.round(performance.now() - t0);
      analysed = {
        domain,
        analysis,
        contentHash: analysis.status === 'temperror' ? null : analysisContentHash(analysis),
        tick: ctx.tick ?? null,
        startedAt,
        durationMs,
        nextCheckAt: ctx.tick ? nextScheduledCheckAt(ctx.tick, domain.checkIntervalMinutes, startedAt) : nextCheckAt(startedAt, domain.checkIntervalMinutes),
      };
    } finally {
      own?.close();
    }
    if (ctx.tick) return this.recorder.submit(analysed);
    const [outcome] = await this.recordMany([analysed]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }

  async history(organizationId: string, domainId: string, query: ListChecksQuery): Promise<{ items: CheckRunRow[]; total: number; page: number; pageSize: number }> {
    if (!(await this.repo.domainExists(organizationId, domainId))) throw notFound('Domain', domainId);
    const { items, total } = await this.repo.listCheckRuns(domainId, query.page, query.pageSize);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Records analysed checks (distinct domains): the unchanged ones in one statement, the rest
   * in one transaction. If that transaction fails, each check is retried alone so one bad
   * check cannot fail the others.
   */
  private async recordMany(items: AnalysedCheck[]): Promise<Array<BatchOutcome<CheckResult>>> {
    const results = new Map<AnalysedCheck, BatchOutcome<CheckResult>>();
    const fast = items.filter((c) => c.contentHash !== null && c.domain.latestSnapshotId !== null && c.domain.latestContentHash === c.contentHash && c.domain.consecutiveTempErrors === 0);
    let slow = items.filter((c) => !fast.includes(c));
    if (fast.length > 0) {
      const written = await this.repo.recordUnchanged(
        fast.map((c) => ({ runId: uuidv7(c.startedAt.getTime()), domainId: c.domain.id, snapshotId: c.domain.latestSnapshotId!, startedAt: c.startedAt, durationMs: c.durationMs, tick: c.tick, nextCheckAt: c.nextCheckAt })),
      );
      for (const c of fast) {
        const w = written.get(c.domain.id) ?? 'stale';
        // stale: the domain changed under us; the full path re-reads it under a lock.
        if (w === 'stale') slow = [...slow, c];
        else results.set(c, { ok: true, value: { domainId: c.domain.id, outcome: w === 'recorded' ? 'unchanged' : 'duplicate', analysis: c.analysis, changed: false, diff: null, snapshotId: c.domain.latestSnapshotId, alerts: NO_ALERTS } });
      }
    }
    if (slow.length > 0) {
      try {
        const recorded = await this.repo.transaction((tx) => this.recordInTransaction(tx, slow));
        slow.forEach((c, i) => results.set(c, { ok: true, value: recorded[i]! }));
      } catch (error) {
        if (slow.length === 1) results.set(slow[0]!, { ok: false, error });
        else {
          this.logger.warn(`A batch of ${slow.length} checks failed (${(error as Error).message}); recording them one by one`);
          for (const c of slow) {
            try {
              const [one] = await this.repo.transaction((tx) => this.recordInTransaction(tx, [c]));
              results.set(c, { ok: true, value: one! });
            } catch (e) {
              results.set(c, { ok: false, error: e });
            }
          }
        }
      }
    }
    for (const c of items) {
      const r = results.get(c)!;
      if (r.ok) this.metrics.recordCheck(r.value.outcome, c.analysis.status, c.durationMs);
    }
    return items.map((c) => results.get(c)!);
  }

  /** Changed content, DNS errors, and unchanged content after DNS errors: the domains locked, everything in the caller's transaction. */
  private async recordInTransaction(tx: Tx, items: readonly AnalysedCheck[]): Promise<CheckResult[]> {
    const locked = await this.repo.lockDomains(tx, items.map((c) => c.domain.id));
    const checkedInTick = await this.repo.domainsCheckedInTick(tx, items.filter((c) => c.tick).map((c) => ({ domainId: c.domain.id, tick: c.tick! })));
    const live = items.filter((c) => locked.has(c.domain.id));
    const policies = await this.policies.effectiveMany(tx, live.map((c) => ({ organizationId: locked.get(c.domain.id)!.organizationId, clientId: locked.get(c.domain.id)!.clientId, domainId: c.domain.id })));

    const snapshots: NewSnapshot[] = [];
    const runs: NewCheckRun[] = [];
    const touched: Array<{ snapshotId: string; at: Date }> = [];
    const updates: DomainUpdate[] = [];
    const alertInputs: Array<Omit<ApplyAlertsInput, 'providerEventIds'>> = [];
    const provider: Array<{ domainId: string; changes: ProviderChange[] }> = [];
    const results = new Map<string, CheckResult>();

    for (const c of items) {
      const d = locked.get(c.domain.id);
      if (!d) throw notFound('Domain', c.domain.id);
      const base = { domainId: d.id, analysis: c.analysis, changed: false, diff: null, alerts: NO_ALERTS };
      if (c.tick && checkedInTick.has(d.id)) {
        results.set(d.id, { ...base, outcome: 'duplicate', snapshotId: d.latest?.id ?? null });
        continue;
      }
      const policy = policies.get(d.id)!;
      const prev = d.latest;
      const runId = uuidv7(c.startedAt.getTime());
      const alertBase = { organizationId: d.organizationId, domainId: d.id, domainName: c.domain.name, policy, now: c.startedAt };

      if (c.contentHash === null) {
        // temperror: the last good snapshot stays; N in a row alert and break the domain.
        const streak = d.consecutiveTempErrors + 1;
        runs.push({ id: runId, domainId: d.id, snapshotId: null, startedAt: c.startedAt, durationMs: c.durationMs, outcome: 'error', dnsErrorKind: c.analysis.dnsErrors[0]?.error ?? 'error', tick: c.tick });
        alertInputs.push({ ...alertBase, previous: prev?.analysis ?? null, next: null, diff: null, consecutiveTempErrors: streak, fromSnapshotId: null, toSnapshotId: null });
        updates.push({ id: d.id, checkedAt: c.startedAt, nextCheckAt: c.nextCheckAt, consecutiveTempErrors: streak, status: streak >= policy.thresholds.tempErrorChecks ? 'broken' : null, latestSnapshotId: null, lookupCount: null, changedAt: null });
        results.set(d.id, { ...base, outcome: 'error', snapshotId: prev?.id ?? null });
      } else if (prev && prev.contentHash === c.contentHash) {
        // Same content after a streak of DNS errors (or a race): the streak ends, its alert resolves.
        runs.push({ id: runId, domainId: d.id, snapshotId: prev.id, startedAt: c.startedAt, durationMs: c.durationMs, outcome: 'unchanged', dnsErrorKind: null, tick: c.tick });
        touched.push({ snapshotId: prev.id, at: c.startedAt });
        alertInputs.push({ ...alertBase, previous: prev.analysis, next: c.analysis, diff: null, consecutiveTempErrors: 0, fromSnapshotId: null, toSnapshotId: null });
        updates.push({ id: d.id, checkedAt: c.startedAt, nextCheckAt: c.nextCheckAt, consecutiveTempErrors: 0, status: prev.status, latestSnapshotId: null, lookupCount: null, changedAt: null });
        results.set(d.id, { ...base, outcome: 'unchanged', snapshotId: prev.id });
      } else {
        const diff = prev ? diffAnalyses(prev.analysis, c.analysis) : null;
        // "Had a record": the previous snapshot had one, or was already the broken "record gone" state.
        const hadRecord = prev !== null && (prev.analysis.record !== null || (prev.analysis.status === 'none' && prev.status === 'broken'));
        const status: SpfStatus = deriveDomainStatus({ analysis: c.analysis, hadRecord, consecutiveTempErrors: 0, thresholds: policy.thresholds });
        const snapshotId = uuidv7(c.startedAt.getTime());
        snapshots.push({ id: snapshotId, domainId: d.id, analysis: c.analysis, contentHash: c.contentHash, status, services: c.analysis.services.map((s) => s.name), networks: collapseNetworks(c.analysis.networks.map((n) => n.cidr)), seenAt: c.startedAt });
        runs.push({ id: runId, domainId: d.id, snapshotId, startedAt: c.startedAt, durationMs: c.durationMs, outcome: 'changed', dnsErrorKind: null, tick: c.tick });
        const changes = prev && diff ? providerChanges(prev.analysis, c.analysis, diff) : [];
        if (changes.length > 0) provider.push({ domainId: d.id, changes });
        alertInputs.push({ ...alertBase, previous: prev?.analysis ?? null, next: c.analysis, diff, consecutiveTempErrors: 0, fromSnapshotId: prev?.id ?? null, toSnapshotId: snapshotId });
        updates.push({ id: d.id, checkedAt: c.startedAt, nextCheckAt: c.nextCheckAt, consecutiveTempErrors: 0, status, latestSnapshotId: snapshotId, lookupCount: c.analysis.lookupCount, changedAt: prev ? c.startedAt : null });
        results.set(d.id, { ...base, outcome: 'changed', changed: true, diff, snapshotId });
      }
    }

    await this.repo.insertSnapshots(tx, snapshots);
    await this.repo.insertCheckRuns(tx, runs);
    await this.repo.touchSnapshots(tx, touched);
    const eventIds = await this.providerEvents.recordMany(tx, provider, items[0]?.startedAt ?? this.clock.now());
    const applied = await this.alerts.applyMany(tx, alertInputs.map((a) => ({ ...a, providerEventIds: eventIds.get(a.domainId) ?? [] })));
    // Transactional outbox: the opened alerts' notifications commit (or not) with them.
    await this.notifications.enqueueForAlerts(tx, [...applied.values()].flatMap((a) => a.opened.map((o) => o.id)), { tick: items.find((c) => c.tick)?.tick ?? null, at: items[0]?.startedAt ?? this.clock.now() });
    await this.repo.updateDomains(tx, updates);
    return items.map((c) => {
      const r = results.get(c.domain.id)!;
      return applied.has(c.domain.id) && r.outcome !== 'duplicate' ? { ...r, alerts: applied.get(c.domain.id)! } : r;
    });
  }
}
