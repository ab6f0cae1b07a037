import type { AlertSeverity, AlertType } from '@spfwatch/contracts';
import type { Analysis, AnalysisDiff, DetectedService, Qualifier } from '@spfwatch/spf';
import type { EffectivePolicy } from './alert-policy';

/**
 * Alerts describing a condition of the latest known state: open while it holds, resolved as
 * soon as a check shows it cleared.
 */
export const STATE_ALERT_TYPES = ['record_missing', 'permerror', 'temperror', 'lookup_warning', 'lookup_limit', 'void_lookups', 'multiple_records'] as const satisfies readonly AlertType[];

/**
 * Alerts about a change (an event): opened by the change, they stay open until acknowledged
 * or until a later change reverts them (record text back to what it was, lookups back down,
 * the removed services back, the "all" qualifier back). A new change of the same type while
 * the alert is open updates it; while it is acknowledged, it resolves it and opens a new one.
 */
export const EVENT_ALERT_TYPES = ['lookup_increased', 'service_removed', 'all_loosened', 'all_tightened', 'record_changed'] as const satisfies readonly AlertType[];

/** Types that mean the domain's SPF is broken: they open even when only a provider's include changed. */
export const BREAKING_ALERT_TYPES: ReadonlySet<AlertType> = new Set<AlertType>(['record_missing', 'permerror', 'lookup_limit', 'void_lookups', 'multiple_records']);

const EVENT_TYPES: ReadonlySet<AlertType> = new Set<AlertType>(EVENT_ALERT_TYPES);

export function isEventAlertType(type: AlertType): boolean {
  return EVENT_TYPES.has(type);
}

/** An unresolved (open or acknowledged) alert of the domain, as the rules need it. */
export interface OpenAlert {
  type: AlertType;
  state: 'open' | 'acknowledged';
  severity: AlertSeverity;
  title: string;
  detail: unknown;
}

export interface AlertEvaluationInput {
  domain: string;
  /** The latest good analysis before this check; null on a first check. */
  previous: Analysis | null;
  /** This check's analysis; null when the check ended in a DNS error (nothing new is known). */
  next: Analysis | null;
  /** previous → next, when both exist and their content differs. */
  diff: AnalysisDiff | null;
  policy: EffectivePolicy;
  /** Consecutive checks ending in a DNS error, this one included (0 after a good check). */
  consecutiveTempErrors: number;
  /** The domain's unresolved alerts. */
  open: readonly OpenAlert[];
}

export interface DesiredAlert {
  type: AlertType;
  severity: AlertSeverity;
  title: string;
  detail: AlertDetail;
  /**
   * True when this check's change raised it (event types): an acknowledged alert of the type
   * is then resolved and a new one opened. False: the condition still holds (or the event was
   * not reverted); the existing alert is kept, its severity/title/detail refreshed.
   */
  triggered: boolean;
}

export type AlertDetail = { message: string } & Record<string, unknown>;

/** Looser policies rank lower; no "all" behaves like ?all (RFC 7208 §4.7). */
const ALL_RANK: Record<Qualifier | 'none', number> = { '+': 0, '?': 1, none: 1, '~': 2, '-': 3 };
const ALL_TEXT: Record<Qualifier | 'none', string> = { '+': '+all', '?': '?all', none: 'no all', '~': '~all', '-': '-all' };
const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/**
 * The alerts that should be unresolved after this check, one per type. The caller opens the
 * missing ones, refreshes the kept ones and resolves every unresolved alert not in the result.
 * Rules (thresholds from the policy; disabled types never appear):
 * - record_missing: no SPF record where the previous state had one (kept while still missing);
 * - permerror: receivers return permerror, unless lookup_limit, void_lookups or multiple_records
 *   already says why;
 * - temperror: `tempErrorChecks` consecutive checks ended in a DNS error (one timeout never alerts);
 * - lookup_warning: lookupWarn ≤ lookups ≤ lookupLimit; lookup_limit: lookups > lookupLimit;
 * - void_lookups: void lookups > voidLimit; multiple_records: more than one SPF record;
 * - lookup_increased, service_removed, all_loosened, all_tightened, record_changed: see
 *   EVENT_ALERT_TYPES.
 * A change that comes only from shared includes (diff.providerOnly) is a provider event: it
 * opens no event alert and no new state alert unless the type is breaking (BREAKING_ALERT_TYPES).
 * A failed check (next null) changes nothing but the temperror alert.
 */
export function evaluateAlerts(input: AlertEvaluationInput): DesiredAlert[] {
  const { policy, open } = input;
  const openByType = new Map(open.map((a) => [a.type, a]));
  const out = new Map<AlertType, DesiredAlert>();
  const put = (alert: Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }) => {
    const setting = policy.types[alert.type];
    if (!setting.enabled) return;
    const severity = alert.severity && SEVERITY_RANK[alert.severity] > SEVERITY_RANK[setting.severity] ? alert.severity : setting.severity;
    out.set(alert.type, { ...alert, severity });
  };

  // Temperror: counted over consecutive failed checks, whatever the content.
  if (input.consecutiveTempErrors >= policy.thresholds.tempErrorChecks) {
    const n = input.consecutiveTempErrors;
    put({ type: 'temperror', title: `DNS errors for ${n} consecutive checks`, detail: { message: `The last ${n} checks of ${input.domain} could not complete because of DNS errors (timeouts or SERVFAIL): receivers meeting the same errors return temperror and may defer mail.`, consecutiveChecks: n, threshold: policy.thresholds.tempErrorChecks }, triggered: !openByType.has('temperror') });
  }

  const next = input.next;
  if (!next) {
    // Nothing new is known about the record: keep every other unresolved alert as it is.
    for (const alert of open) if (alert.type !== 'temperror' && policy.types[alert.type].enabled) keep(out, alert);
    return [...out.values()];
  }

  const providerOnly = input.diff?.providerOnly === true;
  const state = stateAlerts(input, next);
  for (const alert of state) {
    if (providerOnly && !BREAKING_ALERT_TYPES.has(alert.type) && !openByType.has(alert.type)) continue;
    put(alert);
  }
  for (const alert of eventAlerts(input, next, openByType, providerOnly)) put(alert);
  return [...out.values()];
}

function keep(out: Map<AlertType, DesiredAlert>, alert: OpenAlert): void {
  out.set(alert.type, { type: alert.type, severity: alert.severity, title: alert.title, detail: detailOf(alert), triggered: false });
}

// ---------------------------------------------------------------------------------------------
// State alerts

function stateAlerts(input: AlertEvaluationInput, next: Analysis): Array<Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }> {
  const { domain, previous, policy, open } = input;
  const t = policy.thresholds;
  const out: Array<Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }> = [];
  const hasRecord = next.record !== null;
  const openTypes = new Set(open.map((a) => a.type));

  if (next.status === 'none' && (previous?.record != null || openTypes.has('record_missing'))) {
    const before = previous?.record ?? recordBeforeOf(open.find((a) => a.type === 'record_missing')?.detail);
    out.push({ type: 'record_missing', title: `SPF record removed from ${domain}`, detail: { message: `${domain} no longer publishes an SPF record: receivers find no SPF policy, so mail relies on DKIM alone to pass DMARC.`, recordBefore: before }, triggered: !openTypes.has('record_missing') });
  }
  const multiple = next.tree.status === 'multiple';
  if (multiple && policy.types.multiple_records.enabled) {
    const records = (next.record ?? '').split('\n').filter((r) => r !== '');
    out.push({ type: 'multiple_records', title: `${domain} publishes ${records.length} SPF records`, detail: { message: `${domain} publishes ${records.length} SPF records: receivers return permerror for every message until only one is left (RFC 7208 §4.5).`, records }, triggered: !openTypes.has('multiple_records') });
  }
  const overLimit = hasRecord && next.lookupCount > t.lookupLimit;
  if (overLimit && policy.types.lookup_limit.enabled) {
    out.push({ type: 'lookup_limit', title: `${domain} needs ${next.lookupCount} DNS lookups (limit ${t.lookupLimit})`, detail: { message: `The SPF policy of ${domain} needs ${next.lookupCount} DNS lookups; receivers stop at 10 and return permerror, so SPF fails for all mail.`, lookupCount: next.lookupCount, limit: t.lookupLimit }, triggered: !openTypes.has('lookup_limit') });
  } else if (hasRecord && next.lookupCount >= t.lookupWarn && !overLimit) {
    out.push({ type: 'lookup_warning', title: `${domain} needs ${next.lookupCount} of ${t.lookupLimit} DNS lookups`, detail: { message: `The SPF policy of ${domain} needs ${next.lookupCount} DNS lookups, close to the limit: one more include (or a provider adding one) breaks it.`, lookupCount: next.lookupCount, threshold: t.lookupWarn, limit: t.lookupLimit }, triggered: !openTypes.has('lookup_warning') });
  }
  const tooManyVoids = hasRecord && next.voidLookups > t.voidLimit;
  if (tooManyVoids && policy.types.void_lookups.enabled) {
    out.push({ type: 'void_lookups', title: `${domain} has ${next.voidLookups} void DNS lookups`, detail: { message: `${next.voidLookups} lookups of the SPF policy of ${domain} return no data (NXDOMAIN or empty); receivers allow 2 and then return permerror (RFC 7208 §4.6.4).`, voidLookups: next.voidLookups, limit: t.voidLimit }, triggered: !openTypes.has('void_lookups') });
  }
  const explained = (multiple && policy.types.multiple_records.enabled) || (overLimit && policy.types.lookup_limit.enabled) || (tooManyVoids && policy.types.void_lookups.enabled);
  if (next.status === 'permerror' && !explained) {
    const errors = next.lint.filter((f) => f.severity === 'error');
    const cause = errors.length > 0 ? ` Cause: ${errors.slice(0, 3).map((f) => f.message).join(' ')}` : '';
    out.push({ type: 'permerror', title: `SPF of ${domain} is broken (permerror)`, detail: { message: `Receivers return permerror for the SPF policy of ${domain}.${cause}`, findings: errors.map((f) => ({ code: f.code, domain: f.domain, term: f.term ?? null, message: f.message })) }, triggered: !openTypes.has('permerror') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Event alerts

function eventAlerts(input: AlertEvaluationInput, next: Analysis, openByType: Map<AlertType, OpenAlert>, providerOnly: boolean): Array<Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }> {
  const { domain, previous, diff, policy } = input;
  // Only the owner's changes raise event alerts; a provider's change is a ProviderEvent.
  const changed = diff !== null && diff.changed && !providerOnly && previous !== null;
  const out: Array<Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }> = [];

  // record_changed: from = the text before the first unacknowledged change.
  {
    const existing = openByType.get('record_changed');
    const from = existing ? (stringField(existing.detail, 'from') ?? null) : (previous?.record ?? null);
    const textChanged = changed && previous!.record !== next.record && next.record !== null && previous!.record !== null;
    const reverted = existing !== undefined && next.record === from;
    if (reverted) {
      // Back to what it was: resolved, and the revert itself is not news.
    } else if (textChanged) {
      const base = existing?.state === 'acknowledged' ? previous!.record : from;
      out.push({ type: 'record_changed', title: `SPF record of ${domain} changed`, detail: { message: `The SPF record of ${domain} changed from "${base ?? '(none)'}" to "${next.record}".`, from: base, to: next.record }, triggered: true });
    } else if (existing) {
      keepEvent(out, existing, 'record_changed');
    }
  }

  // lookup_increased: from = the count before the first unacknowledged increase.
  {
    const existing = openByType.get('lookup_increased');
    const from = existing ? (numberField(existing.detail, 'from') ?? previous?.lookupCount ?? 0) : (previous?.lookupCount ?? 0);
    const rose = changed && next.lookupCount > previous!.lookupCount && next.record !== null;
    const reverted = existing !== undefined && next.lookupCount <= from;
    if (reverted) {
      // Back at or below where it was.
    } else if (rose) {
      const base = existing?.state === 'acknowledged' ? previous!.lookupCount : from;
      const near = next.lookupCount >= policy.thresholds.lookupWarn;
      out.push({ type: 'lookup_increased', ...(near ? { severity: 'warning' as const } : {}), title: `DNS lookups of ${domain} rose from ${base} to ${next.lookupCount}`, detail: { message: `The SPF policy of ${domain} now needs ${next.lookupCount} DNS lookups (was ${base}; receivers stop at 10).`, from: base, to: next.lookupCount }, triggered: true });
    } else if (existing) {
      keepEvent(out, existing, 'lookup_increased');
    }
  }

  // service_removed: the services removed since the alert opened that are still not authorised.
  {
    const existing = openByType.get('service_removed');
    const authorised = new Set(next.services.map((s) => s.id));
    const removedNow = changed ? previous!.services.filter((s) => diff!.servicesRemoved.includes(s.id)).map(serviceRef) : [];
    const listed = existing ? servicesField(existing.detail) : [];
    if (removedNow.length > 0) {
      // An acknowledged alert is closed news: the new removal starts a new alert.
      const candidates = existing?.state === 'open' ? [...listed, ...removedNow] : removedNow;
      const services = [...new Map(candidates.filter((s) => !authorised.has(s.id)).map((s) => [s.id, s])).values()];
      const leavesNothing = next.services.length === 0 && next.networks.length === 0 && next.unresolvable.length === 0;
      out.push({ type: 'service_removed', ...(leavesNothing ? { severity: 'critical' as const } : {}), title: serviceTitle(services, domain), detail: { message: serviceMessage(services, domain), services }, triggered: true });
    } else if (existing) {
      const still = listed.filter((s) => !authorised.has(s.id));
      // Every listed service authorised again → resolved (absent from the result).
      if (still.length > 0) out.push({ type: 'service_removed', severity: existing.severity, title: serviceTitle(still, domain), detail: { message: serviceMessage(still, domain), services: still }, triggered: false });
    }
  }

  // all_loosened / all_tightened: from = the qualifier before the first unacknowledged change.
  const allBefore = previous?.allQualifier ?? null;
  const allAfter = next.allQualifier;
  const allComparable = changed && previous!.record !== null && next.record !== null && allBefore !== allAfter;
  const rank = (q: Qualifier | null) => ALL_RANK[q ?? 'none'];
  const text = (q: Qualifier | null) => ALL_TEXT[q ?? 'none'];
  {
    const loosened = openByType.get('all_loosened');
    const loosenedFrom = loosened ? qualifierField(loosened.detail, 'from') : undefined;
    const tightened = openByType.get('all_tightened');
    const tightenedFrom = tightened ? qualifierField(tightened.detail, 'from') : undefined;
    const loosens = allComparable && rank(allAfter) < rank(allBefore);
    const tightens = allComparable && rank(allAfter) > rank(allBefore);

    // Loosened
    if (loosened && loosenedFrom !== undefined && rank(allAfter) >= rank(loosenedFrom)) {
      // Reverted (or tighter than before).
    } else if (loosens) {
      const from = loosened && loosened.state === 'open' && loosenedFrom !== undefined ? loosenedFrom : allBefore;
      out.push({ type: 'all_loosened', ...(allAfter === '+' ? { severity: 'critical' as const } : {}), title: `SPF policy of ${domain} loosened from ${text(from)} to ${text(allAfter)}`, detail: { message: allAfter === '+' ? `The SPF policy of ${domain} changed from ${text(from)} to +all: every server on the Internet may now send mail as ${domain}.` : `The SPF policy of ${domain} loosened from ${text(from)} to ${text(allAfter)}: receivers no longer fail mail from servers that are not listed.`, from, to: allAfter }, triggered: true });
    } else if (loosened) {
      keepEvent(out, loosened, 'all_loosened');
    }

    // Tightened (a tightening that only reverts an open loosening is not news).
    const revertsLoosening = loosened !== undefined && loosenedFrom !== undefined && rank(allAfter) <= rank(loosenedFrom);
    if (tightened && tightenedFrom !== undefined && rank(allAfter) <= rank(tightenedFrom)) {
      // Reverted.
    } else if (tightens && !revertsLoosening) {
      const from = tightened && tightened.state === 'open' && tightenedFrom !== undefined ? tightenedFrom : allBefore;
      out.push({ type: 'all_tightened', title: `SPF policy of ${domain} tightened from ${text(from)} to ${text(allAfter)}`, detail: { message: `The SPF policy of ${domain} tightened from ${text(from)} to ${text(allAfter)}: make sure every service that sends as ${domain} is listed.`, from, to: allAfter }, triggered: true });
    } else if (tightened) {
      keepEvent(out, tightened, 'all_tightened');
    }
  }
  return out;
}

function keepEvent(out: Array<Omit<DesiredAlert, 'severity'> & { severity?: AlertSeverity }>, alert: OpenAlert, type: AlertType): void {
  out.push({ type, severity: alert.severity, title: alert.title, detail: detailOf(alert), triggered: false });
}

function detailOf(alert: OpenAlert): AlertDetail {
  return isDetail(alert.detail) ? alert.detail : { message: alert.title };
}

function serviceTitle(services: Array<{ name: string }>, domain: string): string {
  return `${services.map((s) => s.name).join(', ')} no longer authorised for ${domain}`;
}

function serviceMessage(services: Array<{ name: string; include: string }>, domain: string): string {
  const one = services.length === 1;
  return `${services.map((s) => `${s.name} (${s.include})`).join(', ')} ${one ? 'is' : 'are'} no longer authorised by the SPF policy of ${domain}: mail sent through ${one ? 'it' : 'them'} will fail SPF.`;
}

function serviceRef(s: DetectedService): { id: string; name: string; include: string } {
  return { id: s.id, name: s.name, include: s.include };
}

// ---------------------------------------------------------------------------------------------
// Reading stored details (JSON from the database: check every field)

function isDetail(detail: unknown): detail is AlertDetail {
  return typeof detail === 'object' && detail !== null && typeof (detail as { message?: unknown }).message === 'string';
}

function field(detail: unknown, key: string): unknown {
  return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>)[key] : undefined;
}

function stringField(detail: unknown, key: string): string | null | undefined {
  const v = field(detail, key);
  return typeof v === 'string' || v === null ? v : undefined;
}

function numberField(detail: unknown, key: string): number | undefined {
  const v = field(detail, key);
  return typeof v === 'number' ? v : undefined;
}

function qualifierField(detail: unknown, key: string): Qualifier | null | undefined {
  const v = field(detail, key);
  return v === '+' || v === '-' || v === '~' || v === '?' || v === null ? v : undefined;
}

function servicesField(detail: unknown): Array<{ id: string; name: string; include: string }> {
  const v = field(detail, 'services');
  if (!Array.isArray(v)) return [];
  return v.filter((s): s is { id: string; name: string; include: string } => typeof s?.id === 'string' && typeof s?.name === 'string' && typeof s?.include === 'string');
}

function recordBeforeOf(detail: unknown): string | null {
  return stringField(detail, 'recordBefore') ?? null;
}
