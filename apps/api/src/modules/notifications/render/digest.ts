import type { AlertSeverity, AlertState, AlertType } from '@spfwatch/contracts';

/** A provider change behind alerts (a shared include such as `_spf.provider.example` changed). */
export interface DigestProviderEvent {
  id: string;
  includeDomain: string;
  service: string | null;
  /** The engine's words for the include's change. */
  changes: string[];
  recordBefore: string | null;
  recordAfter: string | null;
}

/** One alert of a message, with what the message says about it. */
export interface DigestAlert {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  /** Now (it may have moved on since it was raised). */
  state: AlertState;
  title: string;
  /** The alert's facts; `message` says why it matters. */
  detail: Record<string, unknown>;
  openedAt: Date;
  domainId: string;
  domain: string;
  clientId: string;
  clientName: string;
  /** The domain's record before and after the change that raised it (null = none, or not a change). */
  recordBefore: string | null;
  recordAfter: string | null;
  /** The diff in words (the engine's Change messages); empty when not loaded or not a change. */
  changes: string[];
  /** Concrete fixes of the engine's lint findings (errors and warnings) for the current record. */
  fixes: string[];
  providerEvent: DigestProviderEvent | null;
}

/** What one alerts message is about. */
export interface AlertDigest {
  organization: { id: string; name: string };
  alerts: DigestAlert[];
  /** Base of links (PUBLIC_URL). */
  publicUrl: string;
}

export const SEVERITY_ORDER: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Most severe first, then by domain and type. */
export function sortAlerts<T extends Pick<DigestAlert, 'severity' | 'domain' | 'type'>>(alerts: readonly T[]): T[] {
  return [...alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.domain.localeCompare(b.domain) || a.type.localeCompare(b.type));
}

/** What the reader should do about each type of alert. */
export const ADVICE: Record<AlertType, string> = {
  record_missing: 'Publish the SPF record again (the last known record is below), or, if the domain sends no mail at all, publish "v=spf1 -all".',
  permerror: 'Fix the errors listed: until then receivers ignore the whole SPF policy, and DMARC relies on DKIM alone.',
  temperror: "Check that the domain's DNS servers (and those of its includes) answer; nothing needs to change in the record if the outage is over.",
  lookup_warning: 'Remove includes of services the domain no longer uses, or replace includes with their ip4/ip6 ranges, to keep room under the limit of 10 lookups.',
  lookup_limit: 'Bring the record back to 10 DNS lookups or fewer: remove includes of unused services, or replace some includes with their ip4/ip6 ranges (flattening).',
  lookup_increased: 'Check that the change was intended; every lookup brings the domain closer to the limit of 10.',
  void_lookups: 'Remove the terms that name domains with no DNS records (typos, retired services); receivers allow only 2 such lookups.',
  service_removed: 'If the service still sends mail for this domain, put its include back; if it was retired, nothing to do.',
  all_loosened: 'Restore "-all" (or "~all") unless the change was deliberate: a loose "all" lets others send mail as this domain.',
  all_tightened: 'Make sure every legitimate sender is listed: receivers will now reject or mark mail from anything else.',
  multiple_records: 'Merge the SPF records into one TXT record starting with "v=spf1": receivers fail every message while there are several.',
  record_changed: 'Check that the change was intended.',
};

/** `https://spf.example/domains/<id>` */
export function domainUrl(publicUrl: string, domainId: string): string {
  return `${publicUrl}/domains/${domainId}`;
}

/** The alerts of one provider event together, the others alone, most severe first. */
export function groupAlerts(alerts: readonly DigestAlert[]): { providers: Array<{ event: DigestProviderEvent; alerts: DigestAlert[] }>; others: DigestAlert[] } {
  const providers = new Map<string, { event: DigestProviderEvent; alerts: DigestAlert[] }>();
  const others: DigestAlert[] = [];
  for (const alert of sortAlerts(alerts)) {
    if (alert.providerEvent) {
      const group = providers.get(alert.providerEvent.id) ?? { event: alert.providerEvent, alerts: [] };
      group.alerts.push(alert);
      providers.set(alert.providerEvent.id, group);
    } else {
      others.push(alert);
    }
  }
  return { providers: [...providers.values()].sort((a, b) => b.alerts.length - a.alerts.length), others };
}

/** "3 critical, 1 warning" */
export function severityCounts(alerts: readonly Pick<DigestAlert, 'severity'>[]): string {
  const counts = (['critical', 'warning', 'info'] as const).map((s) => [s, alerts.filter((a) => a.severity === s).length] as const).filter(([, n]) => n > 0);
  return counts.map(([s, n]) => `${n} ${s}`).join(', ');
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** The subject line / headline of an alerts message. */
export function digestHeadline(digest: AlertDigest): string {
  const alerts = digest.alerts;
  if (alerts.length === 1) {
    const [only] = alerts;
    return `${only!.severity.toUpperCase()}: ${only!.title}`;
  }
  const domains = new Set(alerts.map((a) => a.domainId)).size;
  const { providers, others } = groupAlerts(alerts);
  if (others.length === 0 && providers.length === 1) {
    return `${providers[0]!.event.includeDomain} changed: ${plural(domains, 'domain')} affected (${severityCounts(alerts)})`;
  }
  return `${plural(alerts.length, 'alert')} on ${plural(domains, 'domain')} (${severityCounts(alerts)})`;
}
