import { Inject, Injectable } from '@nestjs/common';
import type { AlertType, ListAlertsQuery } from '@spfwatch/contracts';
import type { Analysis, AnalysisDiff } from '@spfwatch/spf';
import { createHash } from 'node:crypto';
import { CLOCK, type Clock } from '../../common/clock';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../../common/errors';
import { canonicalJson } from '../checks/content-hash';
import type { Tx } from '../checks/db-transaction';
import { SnapshotsService } from '../snapshots/snapshots.service';
import type { EffectivePolicy } from './alert-policy';
import { BREAKING_ALERT_TYPES, evaluateAlerts, isEventAlertType, type DesiredAlert } from './alert-rules';
import { AlertsRepository, type AlertRow, type NewAlert, type UnresolvedAlertRow } from './alerts.repository';
import { uuidv7 } from '../checks/uuid-v7';

export interface ApplyAlertsInput {
  organizationId: string;
  domainId: string;
  domainName: string;
  previous: Analysis | null;
  next: Analysis | null;
  diff: AnalysisDiff | null;
  policy: EffectivePolicy;
  consecutiveTempErrors: number;
  now: Date;
  /** The snapshots the change went from/to (null for checks that made no snapshot). */
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  /** Provider events behind this change (diff.providerOnly): linked to the breaking alerts it opens. */
  providerEventIds: readonly string[];
}

export interface AlertChange {
  id: string;
  type: AlertType;
  severity: DesiredAlert['severity'];
  title: string;
}

export interface AppliedAlerts {
  /** Alerts this check opened (or re-opened after an acknowledged one of the same type). */
  opened: AlertChange[];
  /** Alerts whose condition cleared with this check. */
  resolved: AlertChange[];
}

@Injectable()
export class AlertsService {
  constructor(
    @Inject(AlertsRepository) private readonly repo: AlertsRepository,
    @Inject(SnapshotsService) private readonly snapshots: SnapshotsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Makes each domain's unresolved alerts match `evaluateAlerts`: opens the missing ones,
   * refreshes the kept ones (only when what they say changed), resolves the rest — inside the
   * checks' transaction, a few statements for the whole batch. One unresolved alert per
   * (domain, type) is guaranteed by the open key's unique index.
   */
  async applyMany(tx: Tx, inputs: readonly ApplyAlertsInput[]): Promise<Map<string, AppliedAlerts>> {
    const out = new Map<string, AppliedAlerts>();
    if (inputs.length === 0) return out;
    const unresolvedByDomain = new Map<string, UnresolvedAlertRow[]>();
    for (const row of await this.repo.findUnresolved(tx, inputs.map((i) => i.domainId))) {
      unresolvedByDomain.set(row.domainId, [...(unresolvedByDomain.get(row.domainId) ?? []), row]);
    }
    const toCreate: NewAlert[] = [];
    const toRefresh: Parameters<AlertsRepository['refreshMany']>[1][number][] = [];
    for (const input of inputs) {
      const unresolved = unresolvedByDomain.get(input.domainId) ?? [];
      const desired = evaluateAlerts({
        domain: input.domainName,
        previous: input.previous,
        next: input.next,
        diff: input.diff,
        policy: input.policy,
        consecutiveTempErrors: input.consecutiveTempErrors,
        open: unresolved,
      });
      const byType = new Map(unresolved.map((a) => [a.type, a]));
      const wanted = new Set(desired.map((d) => d.type));
      const resolved = unresolved.filter((a) => !wanted.has(a.type));
      const opened: AlertChange[] = [];
      const providerEventId = input.diff?.providerOnly ? (input.providerEventIds[0] ?? null) : null;
      for (const d of desired) {
        const existing = byType.get(d.type);
        if (existing && !(d.triggered && existing.state === 'acknowledged' && isEventAlertType(d.type))) {
          const key = dedupeKey(d);
          const same = existing.severity === d.severity && existing.title === d.title && canonicalJson(existing.detail) === canonicalJson(d.detail);
          if (!same || d.triggered) {
            toRefresh.push({ id: existing.id, severity: d.severity, title: d.title, detail: d.detail, dedupeKey: key, ...(d.triggered ? { snapshots: { from: input.fromSnapshotId, to: input.toSnapshotId } } : {}) });
          }
          continue;
        }
        // New, or news of the same type after the user acknowledged the last one: a new alert.
        if (existing) resolved.push(existing);
        const id = uuidv7(input.now.getTime());
        toCreate.push({
          id,
          organizationId: input.organizationId,
          domainId: input.domainId,
          type: d.type,
          severity: d.severity,
          title: d.title,
          detail: d.detail,
          dedupeKey: dedupeKey(d),
          openedAt: input.now,
          fromSnapshotId: input.fromSnapshotId,
          toSnapshotId: input.toSnapshotId,
          providerEventId: providerEventId && BREAKING_ALERT_TYPES.has(d.type) ? providerEventId : null,
        });
        opened.push({ id, type: d.type, severity: d.severity, title: d.title });
      }
      out.set(input.domainId, { opened, resolved: resolved.map((a) => ({ id: a.id, type: a.type, severity: a.severity, title: a.title })) });
    }
    // Resolve before creating: a re-opened type needs its open key free.
    await this.resolveEach(tx, inputs, out);
    await this.repo.refreshMany(tx, toRefresh);
    await this.repo.createMany(tx, toCreate);
    return out;
  }

  /** Resolves with each domain's own check time. */
  private async resolveEach(tx: Tx, inputs: readonly ApplyAlertsInput[], applied: Map<string, AppliedAlerts>): Promise<void> {
    const byTime = new Map<number, string[]>();
    for (const input of inputs) {
      const ids = applied.get(input.domainId)?.resolved.map((a) => a.id) ?? [];
      if (ids.length > 0) byTime.set(input.now.getTime(), [...(byTime.get(input.now.getTime()) ?? []), ...ids]);
    }
    for (const [time, ids] of byTime) await this.repo.resolve(tx, ids, new Date(time));
  }

  async list(organizationId: string, query: ListAlertsQuery): Promise<{ items: AlertRow[]; total: number; page: number; pageSize: number }> {
    const { page, pageSize, ...filter } = query;
    const { items, total } = await this.repo.list(organizationId, filter, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** One alert with the diff between the snapshots it was raised on (null when it has none, e.g. temperror). */
  async get(organizationId: string, id: string): Promise<AlertRow & { diff: AnalysisDiff | null }> {
    const alert = await this.repo.findById(organizationId, id);
    if (!alert) throw notFound('Alert', id);
    const diff = alert.fromSnapshotId && alert.toSnapshotId ? await this.snapshots.diffSnapshots(organizationId, alert.domainId, alert.fromSnapshotId, alert.toSnapshotId).catch(() => null) : null;
    return { ...alert, diff };
  }

  /** open → acknowledged (idempotent: acknowledging again, or a resolved alert, changes nothing). */
  async acknowledge(organizationId: string, id: string, by: string | null): Promise<AlertRow & { diff: AnalysisDiff | null }> {
    const alert = await this.repo.findById(organizationId, id);
    if (!alert) throw notFound('Alert', id);
    await this.repo.acknowledge(organizationId, id, this.clock.now(), by);
    if (alert.state === 'open') {
      await this.audit.record({ action: 'alert.acknowledged', target: { type: 'alert', id, label: `${alert.domainName}: ${alert.title}` }, details: { type: alert.type, severity: alert.severity } });
    }
    return this.get(organizationId, id);
  }
}

/** Type + what identifies the condition (not its wording), so notifications can skip repeats. */
function dedupeKey(d: DesiredAlert): string {
  const { message: _message, ...facts } = d.detail;
  // A DNS-error streak is one condition however long it lasts.
  if (d.type === 'temperror') return 'temperror';
  return `${d.type}:${createHash('sha256').update(canonicalJson(facts)).digest('hex').slice(0, 16)}`;
}
