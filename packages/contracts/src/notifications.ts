import { z } from 'zod';
import { alertSeveritySchema } from './alerts';
import { pageQuerySchema, timeZoneSchema } from './common';

/** Where a channel sends: an email list (SMTP), a signed JSON webhook, or a Slack incoming webhook. */
export const CHANNEL_KINDS = ['email', 'webhook', 'slack'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/** What a channel receives: alert digests and/or the weekly compliance reports. */
export const CHANNEL_EVENTS = ['alerts', 'reports'] as const;
export const channelEventSchema = z.enum(CHANNEL_EVENTS);
export type ChannelEvent = z.infer<typeof channelEventSchema>;

export const NOTIFICATION_KINDS = ['alerts', 'report', 'test'] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'cancelled'] as const;
export const notificationStatusSchema = z.enum(NOTIFICATION_STATUSES);
export type NotificationStatus = z.infer<typeof notificationStatusSchema>;

export const NOTIFICATION_ATTEMPT_STATUSES = ['sending', 'delivered', 'failed', 'abandoned'] as const;
export type NotificationAttemptStatus = (typeof NOTIFICATION_ATTEMPT_STATUSES)[number];

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a 24-hour time HH:MM');

/**
 * Quiet hours: deliveries that fall in [start, end) local time wait for `end` (a window may
 * cross midnight: 22:00 → 07:00). `timeZone` defaults to the organization's.
 */
export const quietHoursSchema = z
  .object({ start: clockTime, end: clockTime, timeZone: timeZoneSchema.optional() })
  .strict()
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
export type QuietHoursInput = z.infer<typeof quietHoursSchema>;

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'Expected an http(s) URL' })
  .max(2000, 'At most 2000 characters');

export const emailChannelConfigSchema = z
  .object({
    recipients: z
      .array(z.email('Expected an email address').max(254))
      .min(1, 'At least one recipient')
      .max(50, 'At most 50 recipients')
      .refine((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, { message: 'Recipients must be distinct' }),
  })
  .strict();
export const webhookChannelConfigSchema = z
  .object({
    url: httpUrl,
    /** Per-request timeout (ms). */
    timeoutMs: z.number().int().min(500).max(30_000).default(10_000),
  })
  .strict();
/** A Slack incoming webhook (https://hooks.slack.com/services/…) or anything accepting its payload (Mattermost…). */
export const slackChannelConfigSchema = webhookChannelConfigSchema;

export type EmailChannelConfig = z.infer<typeof emailChannelConfigSchema>;
export type WebhookChannelConfig = z.infer<typeof webhookChannelConfigSchema>;
export type SlackChannelConfig = z.infer<typeof slackChannelConfigSchema>;

export const CHANNEL_CONFIG_SCHEMAS = {
  email: emailChannelConfigSchema,
  webhook: webhookChannelConfigSchema,
  slack: slackChannelConfigSchema,
} as const;

const channelName = z.string().trim().min(1, 'Must not be empty').max(100, 'At most 100 characters');
const channelEvents = z
  .array(channelEventSchema)
  .min(1, 'At least one event')
  .refine((list) => new Set(list).size === list.length, { message: 'Events must be distinct' });

const channelCommon = {
  name: channelName,
  /** Bind to one client's domains (absent = the whole organization). */
  clientId: z.uuid().optional(),
  /** Bind to one domain. */
  domainId: z.uuid().optional(),
  enabled: z.boolean().default(true),
  /** Alerts below this severity are not sent here. */
  minSeverity: alertSeveritySchema.default('warning'),
  events: channelEvents.default(['alerts']),
  quietHours: quietHoursSchema.nullable().default(null),
};

/** `POST /api/notification-channels` (owner/admin). */
export const createChannelSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), config: emailChannelConfigSchema, ...channelCommon }).strict(),
    z.object({ kind: z.literal('webhook'), config: webhookChannelConfigSchema, ...channelCommon }).strict(),
    z.object({ kind: z.literal('slack'), config: slackChannelConfigSchema, ...channelCommon }).strict(),
  ])
  .refine((c) => !(c.clientId && c.domainId), { message: 'Give clientId or domainId, not both', path: ['domainId'] });
export type CreateChannelInput = z.infer<typeof createChannelSchema>;
/** What a client sends (defaults not applied yet). */
export type CreateChannelBody = z.input<typeof createChannelSchema>;

/**
 * `PATCH /api/notification-channels/:id`: any field but `kind`; `config` is checked against the
 * channel's kind (and replaces it whole); `clientId`/`domainId` null = back to organization-wide.
 */
export const updateChannelSchema = z
  .object({
    name: channelName.optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    clientId: z.uuid().nullable().optional(),
    domainId: z.uuid().nullable().optional(),
    enabled: z.boolean().optional(),
    minSeverity: alertSeveritySchema.optional(),
    events: channelEvents.optional(),
    quietHours: quietHoursSchema.nullable().optional(),
  })
  .strict()
  .refine((c) => !(c.clientId && c.domainId), { message: 'Give clientId or domainId, not both', path: ['domainId'] });
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;
export type UpdateChannelBody = z.input<typeof updateChannelSchema>;

export const channelSchema = z.object({
  id: z.string(),
  kind: channelKindSchema,
  name: z.string(),
  /** null = organization-wide. */
  clientId: z.string().nullable(),
  domainId: z.string().nullable(),
  /** email: recipients; webhook: url, timeoutMs; slack: url with its secret path masked, timeoutMs. */
  config: z.record(z.string(), z.unknown()),
  /** Webhooks: a signing secret exists (it is only ever shown at creation or rotation). */
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  minSeverity: alertSeveritySchema,
  events: z.array(channelEventSchema),
  quietHours: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelResponse = z.infer<typeof channelSchema>;

/** `POST /api/notification-channels` → 201 and `POST …/:id/rotate-secret`: `secret` (webhooks) appears in this response only. */
export const createdChannelSchema = channelSchema.extend({ secret: z.string().nullable() });
export type CreatedChannelResponse = z.infer<typeof createdChannelSchema>;

export const notificationAttemptSchema = z.object({
  number: z.number().int(),
  status: z.enum(NOTIFICATION_ATTEMPT_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** SMTP reply code or HTTP status. */
  responseCode: z.number().int().nullable(),
  response: z.string().nullable(),
  error: z.string().nullable(),
  worker: z.string().nullable(),
});
export type NotificationAttemptResponse = z.infer<typeof notificationAttemptSchema>;

/** `POST /api/notification-channels/:id/test`: one synchronous attempt, its outcome (200 even when it failed). */
export const channelTestResultSchema = z.object({
  notificationId: z.string(),
  messageId: z.string(),
  delivered: z.boolean(),
  attempt: notificationAttemptSchema,
});
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

/** `GET /api/notifications` (owner/admin), newest first. */
export const listNotificationsQuerySchema = z.object({
  status: notificationStatusSchema.optional(),
  kind: notificationKindSchema.optional(),
  channelId: z.uuid().optional(),
  ...pageQuerySchema.shape,
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  status: notificationStatusSchema,
  channel: z.object({ id: z.string(), name: z.string(), kind: channelKindSchema }),
  /** Email Message-ID; its local part is the webhook's X-Spfwatch-Delivery. Fixed before the first attempt. */
  messageId: z.string(),
  digestKey: z.string(),
  alertCount: z.number().int(),
  reportId: z.string().nullable(),
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationResponse = z.infer<typeof notificationSchema>;

export const notificationDetailSchema = notificationSchema.extend({
  alertIds: z.array(z.string()),
  attempts: z.array(notificationAttemptSchema),
});
export type NotificationDetailResponse = z.infer<typeof notificationDetailSchema>;
