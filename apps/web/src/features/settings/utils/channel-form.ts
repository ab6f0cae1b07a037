import type { AlertSeverity, ChannelEvent, ChannelKind, ChannelResponse, CreateChannelBody, QuietHoursInput, UpdateChannelBody } from '@spfwatch/contracts';

/**
 * The notification channel form and its mapping to the API's bodies
 * (docs/notifications.md, packages/contracts notifications.ts). Text fields stay text while
 * typed; the bodies are built from them here, once, so the rules live in one tested place:
 * binding = organization | one client | one domain (never both ids), quiet hours = a window or
 * null, a Slack URL (masked by the API) is only sent when it was typed again.
 */

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = { email: 'Email', webhook: 'Webhook', slack: 'Slack' };
export const CHANNEL_KINDS = Object.keys(CHANNEL_KIND_LABELS) as ChannelKind[];
export const CHANNEL_EVENT_LABELS: Record<ChannelEvent, string> = { alerts: 'Alerts', reports: 'Weekly reports' };
export const CHANNEL_EVENTS = Object.keys(CHANNEL_EVENT_LABELS) as ChannelEvent[];

export type BindingScope = 'organization' | 'client' | 'domain';

export interface ChannelForm {
  kind: ChannelKind;
  name: string;
  /** Email: addresses separated by commas, semicolons, spaces or lines. */
  recipients: string;
  /** Webhook and Slack. */
  url: string;
  /** Milliseconds, '' = the API's default (10 000). */
  timeoutMs: string;
  scope: BindingScope;
  clientId: string;
  domainId: string;
  minSeverity: AlertSeverity;
  events: Record<ChannelEvent, boolean>;
  quietHours: boolean;
  quietStart: string;
  quietEnd: string;
  /** '' = the organization's time zone. */
  quietTimeZone: string;
  enabled: boolean;
}

export type ChannelField = Exclude<keyof ChannelForm, 'events' | 'kind' | 'scope' | 'quietHours' | 'enabled'> | 'events';
export type ChannelFormErrors = Partial<Record<ChannelField | 'form', string>>;

export const DEFAULT_TIMEOUT_MS = 10_000;

export function emptyChannelForm(kind: ChannelKind = 'email'): ChannelForm {
  return {
    kind,
    name: '',
    recipients: '',
    url: '',
    timeoutMs: '',
    scope: 'organization',
    clientId: '',
    domainId: '',
    minSeverity: 'warning',
    events: { alerts: true, reports: false },
    quietHours: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietTimeZone: '',
    enabled: true,
  };
}

/** The form for editing a stored channel (its config as the API shows it: a Slack URL masked). */
export function formFromChannel(channel: ChannelResponse): ChannelForm {
  const config = channel.config as { recipients?: unknown; url?: unknown; timeoutMs?: unknown };
  const timeout = typeof config.timeoutMs === 'number' && config.timeoutMs !== DEFAULT_TIMEOUT_MS ? String(config.timeoutMs) : '';
  return {
    kind: channel.kind,
    name: channel.name,
    recipients: Array.isArray(config.recipients) ? config.recipients.filter((r): r is string => typeof r === 'string').join('\n') : '',
    url: typeof config.url === 'string' ? config.url : '',
    timeoutMs: timeout,
    scope: channel.domainId ? 'domain' : channel.clientId ? 'client' : 'organization',
    clientId: channel.clientId ?? '',
    domainId: channel.domainId ?? '',
    minSeverity: channel.minSeverity,
    events: { alerts: channel.events.includes('alerts'), reports: channel.events.includes('reports') },
    quietHours: channel.quietHours !== null,
    quietStart: channel.quietHours?.start ?? '22:00',
    quietEnd: channel.quietHours?.end ?? '07:00',
    quietTimeZone: channel.quietHours?.timeZone ?? '',
    enabled: channel.enabled,
  };
}

/** `a@x.example, b@x.example\nc@x.example` → the addresses, in order, blanks dropped. */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((r) => r.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A masked Slack URL as the API returns it (`…/services/T0/B0/••••`): it cannot be sent back. */
export function isMaskedUrl(url: string): boolean {
  return url.includes('••••');
}

/** What is wrong before sending (the API checks again; its messages are mapped by `errorsFromApi`). */
export function channelFormProblems(form: ChannelForm, original?: ChannelResponse): ChannelFormErrors {
  const out: ChannelFormErrors = {};
  if (!form.name.trim()) out.name = 'Give the channel a name.';
  else if (form.name.trim().length > 100) out.name = 'At most 100 characters.';
  if (form.kind === 'email') {
    const list = parseRecipients(form.recipients);
    const bad = list.find((r) => !EMAIL.test(r));
    const lower = list.map((r) => r.toLowerCase());
    if (list.length === 0) out.recipients = 'Add at least one address.';
    else if (bad) out.recipients = `“${bad}” is not an email address.`;
    else if (list.length > 50) out.recipients = `At most 50 recipients (${list.length} given).`;
    else if (new Set(lower).size !== lower.length) out.recipients = 'Each address only once.';
  } else {
    const url = form.url.trim();
    const keepsMaskedUrl = form.kind === 'slack' && original !== undefined && url === original.config.url;
    if (!url) out.url = form.kind === 'slack' ? 'Paste the Slack incoming-webhook URL.' : 'Give the URL to post to.';
    else if (!keepsMaskedUrl && !isHttpUrl(url)) out.url = 'Expected an http(s) URL.';
    else if (!keepsMaskedUrl && isMaskedUrl(url)) out.url = 'Paste the whole URL again.';
    const timeout = form.timeoutMs.trim();
    if (timeout && (!/^\d+$/.test(timeout) || Number(timeout) < 500 || Number(timeout) > 30_000)) out.timeoutMs = 'Whole milliseconds from 500 to 30000 (empty = 10000).';
    else if (keepsMaskedUrl && timeout !== formFromChannel(original).timeoutMs) out.url = 'Paste the Slack URL again to change the timeout (the stored one is hidden).';
  }
  if (form.scope === 'client' && !form.clientId) out.clientId = 'Choose a client.';
  if (form.scope === 'domain' && !form.domainId) out.domainId = 'Choose a domain.';
  if (!CHANNEL_EVENTS.some((e) => form.events[e])) out.events = 'Choose at least one.';
  if (form.quietHours) {
    if (!CLOCK.test(form.quietStart)) out.quietStart = 'A time (HH:MM).';
    if (!CLOCK.test(form.quietEnd)) out.quietEnd = 'A time (HH:MM).';
    else if (form.quietStart === form.quietEnd) out.quietEnd = 'Must differ from the start.';
  }
  return out;
}

function configOf(form: ChannelForm): { recipients: string[] } | { url: string; timeoutMs?: number } {
  if (form.kind === 'email') return { recipients: parseRecipients(form.recipients) };
  const timeout = form.timeoutMs.trim();
  return { url: form.url.trim(), ...(timeout ? { timeoutMs: Number(timeout) } : {}) };
}

function quietHoursOf(form: ChannelForm): QuietHoursInput | null {
  if (!form.quietHours) return null;
  const zone = form.quietTimeZone.trim();
  return { start: form.quietStart, end: form.quietEnd, ...(zone ? { timeZone: zone } : {}) };
}

function eventsOf(form: ChannelForm): ChannelEvent[] {
  return CHANNEL_EVENTS.filter((e) => form.events[e]);
}

/** `POST /api/notification-channels`: one binding id at most; no quiet hours = null. */
export function createBodyFromForm(form: ChannelForm): CreateChannelBody {
  const common = {
    name: form.name.trim(),
    ...(form.scope === 'client' ? { clientId: form.clientId } : {}),
    ...(form.scope === 'domain' ? { domainId: form.domainId } : {}),
    enabled: form.enabled,
    minSeverity: form.minSeverity,
    events: eventsOf(form),
    quietHours: quietHoursOf(form),
  };
  const config = configOf(form);
  if (form.kind === 'email') return { kind: 'email', config: config as { recipients: string[] }, ...common };
  return { kind: form.kind, config: config as { url: string; timeoutMs?: number }, ...common };
}

/**
 * `PATCH /api/notification-channels/:id`: every field of the form, the binding spelled out
 * (`null` = back to the organization), and `config` unless it is a Slack channel whose
 * masked URL was left as it was (sending the mask would replace the real URL).
 */
export function updateBodyFromForm(form: ChannelForm, original: ChannelResponse): UpdateChannelBody {
  const keepsSlackUrl = form.kind === 'slack' && form.url.trim() === original.config.url;
  return {
    name: form.name.trim(),
    ...(keepsSlackUrl ? {} : { config: configOf(form) }),
    clientId: form.scope === 'client' ? form.clientId : null,
    domainId: form.scope === 'domain' ? form.domainId : null,
    enabled: form.enabled,
    minSeverity: form.minSeverity,
    events: eventsOf(form),
    quietHours: quietHoursOf(form),
  };
}

/**
 * The API's issue paths (`config.recipients.1`, `quietHours.end`, `clientId` …) mapped onto the
 * form's fields; a recipient's index becomes the address it points at.
 */
export function errorsFromApi(errors: Record<string, string>, form: ChannelForm): ChannelFormErrors {
  const out: ChannelFormErrors = {};
  const put = (field: ChannelField | 'form', message: string): void => void (out[field] ??= message);
  for (const [path, message] of Object.entries(errors)) {
    const recipient = /^config\.recipients\.(\d+)$/.exec(path);
    if (recipient) {
      const address = parseRecipients(form.recipients)[Number(recipient[1])];
      put('recipients', address ? `${address}: ${message}` : message);
    } else if (path === 'config.recipients') put('recipients', message);
    else if (path === 'config.url') put('url', message);
    else if (path === 'config.timeoutMs') put('timeoutMs', message);
    else if (path === 'name' || path === 'clientId' || path === 'domainId') put(path, message);
    else if (path === 'events' || path.startsWith('events.')) put('events', message);
    else if (path === 'quietHours.start' || path === 'quietHours') put('quietStart', message);
    else if (path === 'quietHours.end') put('quietEnd', message);
    else if (path === 'quietHours.timeZone') put('quietTimeZone', message);
    else put('form', path ? `${path}: ${message}` : message);
  }
  return out;
}

/** Where a channel's messages go, in a few words. */
export function channelTarget(channel: ChannelResponse): string {
  const config = channel.config as { recipients?: unknown; url?: unknown };
  if (channel.kind === 'email' && Array.isArray(config.recipients)) return config.recipients.join(', ');
  return typeof config.url === 'string' ? config.url : '';
}
