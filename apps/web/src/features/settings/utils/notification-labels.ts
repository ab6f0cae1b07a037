import type { ChannelTestResult, NotificationAttemptResponse, NotificationKind, NotificationResponse, NotificationStatus } from '@spfwatch/contracts';
import { plural } from '../../../utils/format';

/** The API's `pending` is a message waiting for its (next) attempt: people call that queued. */
export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: 'queued',
  sending: 'sending',
  delivered: 'delivered',
  failed: 'failed',
  cancelled: 'cancelled',
};
export const NOTIFICATION_STATUSES = Object.keys(NOTIFICATION_STATUS_LABELS) as NotificationStatus[];

export const NOTIFICATION_STATUS_BADGE: Record<NotificationStatus, string> = {
  pending: 'info',
  sending: 'info',
  delivered: 'ok',
  failed: 'broken',
  cancelled: 'unknown',
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = { alerts: 'Alerts', report: 'Report', test: 'Test' };
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_KIND_LABELS) as NotificationKind[];

/** `3 alerts`, `Report`, `Test` */
export function notificationSubject(n: Pick<NotificationResponse, 'kind' | 'alertCount'>): string {
  return n.kind === 'alerts' ? plural(n.alertCount, 'alert') : NOTIFICATION_KIND_LABELS[n.kind];
}

/**
 * One attempt in words: the server's reply when it took the message (`250 2.0.0 Ok: queued`,
 * `HTTP 204`), else the error and what the server said (`HTTP 503 — down for maintenance`,
 * `ECONNREFUSED`).
 */
export function describeAttempt(attempt: Pick<NotificationAttemptResponse, 'status' | 'responseCode' | 'response' | 'error'>): string {
  const response = attempt.response?.trim() || null;
  const code = attempt.responseCode === null ? null : String(attempt.responseCode);
  // SMTP replies start with their code, and "HTTP 503" names it already: say it once.
  const showCode = code !== null && !response?.startsWith(code) && !(attempt.error ?? '').includes(code);
  const reply = [showCode ? code : null, response].filter(Boolean).join(' ');
  if (attempt.status === 'delivered') return reply || 'accepted';
  if (attempt.status === 'sending') return 'in progress';
  if (attempt.status === 'abandoned') return 'abandoned (the worker stopped; another one took over)';
  const error = attempt.error?.trim() || 'failed';
  return reply ? `${error} — ${reply}` : error;
}

/** A test-send's outcome, as the Test button reports it. */
export function describeTestResult(result: ChannelTestResult): { ok: boolean; text: string } {
  return result.delivered ? { ok: true, text: `Delivered: ${describeAttempt(result.attempt)}` } : { ok: false, text: `Failed: ${describeAttempt(result.attempt)}` };
}
