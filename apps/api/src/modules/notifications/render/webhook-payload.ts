import type { AlertSeverity, AlertState, AlertType } from '@spfwatch/contracts';
import { type AlertDigest, digestHeadline, domainUrl, groupAlerts, sortAlerts } from './digest';

/**
 * The JSON body of webhook deliveries, version 1 (docs/webhooks.md). Fields are only ever
 * added within a version; `sentAt` equals X-Spfwatch-Timestamp, so the signature covers it.
 */
export interface WebhookAlertV1 {
  id: string;
  type: AlertType;
  severity: AlertSeverity;
  state: AlertState;
  domain: string;
  domainId: string;
  client: { id: string; name: string };
  title: string;
  detail: Record<string, unknown>;
  openedAt: string;
  url: string;
  providerEvent: { id: string; includeDomain: string; service: string | null } | null;
}

export interface WebhookReportV1 {
  id: string;
  client: { id: string; name: string };
  kind: 'weekly' | 'on_demand';
  periodStart: string;
  periodEnd: string;
  summary: Record<string, number>;
  pdfUrl: string;
  csvUrl: string;
}

export interface WebhookPayloadV1 {
  version: 1;
  /** The delivery id (also X-Spfwatch-Delivery): the same on every retry of this message. */
  id: string;
  type: 'alerts' | 'report' | 'test';
  sentAt: string;
  organization: { id: string; name: string };
  /** type alerts: the alerts of the message; [] otherwise. */
  alerts: WebhookAlertV1[];
  /** type report only. */
  report?: WebhookReportV1;
  /** type test only. */
  message?: string;
}

export function alertsPayload(deliveryId: string, sentAt: Date, digest: AlertDigest): WebhookPayloadV1 {
  return {
    version: 1,
    id: deliveryId,
    type: 'alerts',
    sentAt: sentAt.toISOString(),
    organization: digest.organization,
    alerts: sortAlerts(digest.alerts).map((a) => ({
      id: a.id,
      type: a.type,
      severity: a.severity,
      state: a.state,
      domain: a.domain,
      domainId: a.domainId,
      client: { id: a.clientId, name: a.clientName },
      title: a.title,
      detail: a.detail,
      openedAt: a.openedAt.toISOString(),
      url: domainUrl(digest.publicUrl, a.domainId),
      providerEvent: a.providerEvent ? { id: a.providerEvent.id, includeDomain: a.providerEvent.includeDomain, service: a.providerEvent.service } : null,
    })),
  };
}

export function testPayload(deliveryId: string, sentAt: Date, organization: { id: string; name: string }, channel: string): WebhookPayloadV1 {
  return { version: 1, id: deliveryId, type: 'test', sentAt: sentAt.toISOString(), organization, alerts: [], message: `Test message from spfwatch for the channel "${channel}".` };
}

export function reportPayload(deliveryId: string, sentAt: Date, organization: { id: string; name: string }, report: WebhookReportV1): WebhookPayloadV1 {
  return { version: 1, id: deliveryId, type: 'report', sentAt: sentAt.toISOString(), organization, alerts: [], report };
}

// ───────────────────────────────────────── Slack ─────────────────────────────────────────

/** Lines of alerts in one Slack message (Slack caps blocks at 50 and sections at 3,000 characters). */
const SLACK_LINES = 20;
const SLACK_EMOJI: Record<AlertSeverity, string> = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

/** Slack's mrkdwn escaping (&, <, >). */
function mrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface SlackPayload {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

function section(text: string): Record<string, unknown> {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } };
}

export function alertsSlackPayload(digest: AlertDigest): SlackPayload {
  const headline = digestHeadline(digest);
  const { providers } = groupAlerts(digest.alerts);
  const blocks: Array<Record<string, unknown>> = [{ type: 'header', text: { type: 'plain_text', text: `spfwatch: ${headline}`.slice(0, 150) } }];
  for (const { event, alerts } of providers) {
    blocks.push(section(`*Provider change: ${mrkdwn(event.includeDomain)}*${event.changes.length > 0 ? `\n${event.changes.slice(0, 5).map((c) => `• ${mrkdwn(c)}`).join('\n')}` : ''}\n${alerts.length} domain(s) affected`));
  }
  const lines = sortAlerts(digest.alerts)
    .slice(0, SLACK_LINES)
    .map((a) => `${SLACK_EMOJI[a.severity]} <${domainUrl(digest.publicUrl, a.domainId)}|${mrkdwn(a.domain)}> — ${mrkdwn(a.title)}`);
  blocks.push(section(lines.join('\n')));
  if (digest.alerts.length > SLACK_LINES) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `… and ${digest.alerts.length - SLACK_LINES} more` }] });
  return { text: `spfwatch: ${headline}`, blocks };
}

export function testSlackPayload(channel: string): SlackPayload {
  const text = `spfwatch: test message for the channel "${channel}"`;
  return { text, blocks: [section(mrkdwn(text))] };
}

export function reportSlackPayload(report: WebhookReportV1, headline: string): SlackPayload {
  const text = `spfwatch: ${headline}`;
  return { text, blocks: [section(`*${mrkdwn(headline)}*\n<${report.pdfUrl}|PDF> · <${report.csvUrl}|CSV>`)] };
}
