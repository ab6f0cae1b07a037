import type { AlertSeverity, ChannelEvent } from '@spfwatch/contracts';

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** A channel as routing sees it. */
export interface RoutableChannel {
  id: string;
  organizationId: string;
  clientId: string | null;
  domainId: string | null;
  minSeverity: AlertSeverity;
  events: readonly string[];
}

/** An opened alert as routing sees it. */
export interface RoutableAlert {
  id: string;
  organizationId: string;
  clientId: string;
  domainId: string;
  severity: AlertSeverity;
}

export function severityAtLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

/** Does this channel's binding (organization, one client or one domain) cover the alert? */
export function channelCovers(channel: RoutableChannel, alert: { organizationId: string; clientId: string; domainId: string }): boolean {
  if (channel.organizationId !== alert.organizationId) return false;
  if (channel.domainId) return channel.domainId === alert.domainId;
  if (channel.clientId) return channel.clientId === alert.clientId;
  return true;
}

function listens(channel: RoutableChannel, event: ChannelEvent): boolean {
  return channel.events.includes(event);
}

/**
 * Which alerts each channel receives: the ones its binding covers, at or above its minimum
 * severity. Channels that receive nothing are left out; alert order is kept.
 */
export function routeAlerts(channels: readonly RoutableChannel[], alerts: readonly RoutableAlert[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const channel of channels) {
    if (!listens(channel, 'alerts')) continue;
    const ids = alerts.filter((a) => channelCovers(channel, a) && severityAtLeast(a.severity, channel.minSeverity)).map((a) => a.id);
    if (ids.length > 0) out.set(channel.id, ids);
  }
  return out;
}

/** The channels that receive a client's compliance report: organization-wide or bound to that client. */
export function reportChannels<C extends RoutableChannel>(channels: readonly C[], report: { organizationId: string; clientId: string }): C[] {
  return channels.filter((c) => listens(c, 'reports') && c.organizationId === report.organizationId && c.domainId === null && (c.clientId === null || c.clientId === report.clientId));
}

/**
 * The digest a check's alerts belong to: its scheduler tick, or for manual checks the minute,
 * so alerts raised together go out as one message per channel.
 */
export function digestKeyOf(tick: string | null, at: Date): string {
  return tick ? `tick:${tick}` : `at:${at.toISOString().slice(0, 16)}Z`;
}
