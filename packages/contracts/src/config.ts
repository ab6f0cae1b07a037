import { z } from 'zod';
import { alertThresholdsSchema, alertTypeSettingsSchema } from './alerts';
import { createClientSchema } from './clients';
import { booleanQueryFlag } from './common';
import { checkIntervalMinutesSchema, DEFAULT_CHECK_INTERVAL_MINUTES, domainNameInputSchema, tagsSchema } from './domains';
import { createChannelSchema } from './notifications';
import { putReportScheduleSchema } from './reports';

/**
 * The configuration export of one organization (`GET /api/organization/export`) and what
 * `POST /api/organization/import` reads back: clients with their domains, alert policies,
 * notification channels and the report schedule. Everything refers to clients and domains by
 * NAME, never by id, so a file imports into another organization or another installation.
 * History (snapshots, checks, alerts, reports, notifications, audit) is not configuration:
 * back it up with pg_dump (docs/backups.md).
 */
export const CONFIG_FORMAT = 'spfwatch-config';
/** The one version this spfwatch writes and reads. A change that old readers would misread gets a new number. */
export const CONFIG_VERSION = 1;

/**
 * Why `value` is not a configuration document this spfwatch reads, or null. Checked before the
 * fields, so a wrong file gets one clear sentence rather than a field-by-field list.
 */
export function configFormatProblem(value: unknown): { path: 'format' | 'version' | ''; message: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path: '', message: 'Expected a JSON object: a spfwatch configuration export' };
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== CONFIG_FORMAT) {
    return {
      path: 'format',
      message: `Not a spfwatch configuration export: "format" must be "${CONFIG_FORMAT}"${format === undefined ? ' (it is missing)' : ` (it is ${JSON.stringify(format)})`}`,
    };
  }
  if (version !== CONFIG_VERSION) {
    return {
      path: 'version',
      message:
        typeof version === 'number' && Number.isInteger(version) && version > CONFIG_VERSION
          ? `Version ${version} of the ${CONFIG_FORMAT} format is newer than this spfwatch reads (version ${CONFIG_VERSION}): upgrade spfwatch first`
          : `Unsupported ${CONFIG_FORMAT} version ${JSON.stringify(version)}: this spfwatch reads version ${CONFIG_VERSION}`,
    };
  }
  return null;
}

/** A client named in a scope or binding (matched without regard to case, like everywhere). */
const clientRef = createClientSchema.shape.name;

/**
 * Where a policy applies or a channel listens: `{}` = the whole organization, `{ client }` = one
 * client's domains, `{ domain }` = one domain (the names as in `clients`).
 */
export const configScopeSchema = z
  .object({ client: clientRef.optional(), domain: domainNameInputSchema.optional() })
  .strict()
  .refine((s) => !(s.client !== undefined && s.domain !== undefined), { message: 'Give client or domain, not both', path: ['domain'] });
export type ConfigScope = z.infer<typeof configScopeSchema>;

/** A domain: the fields `POST /api/domains` takes (its client is the one it is listed under). */
export const configDomainSchema = z
  .object({
    name: domainNameInputSchema,
    tags: tagsSchema.default([]),
    checkIntervalMinutes: checkIntervalMinutesSchema.default(DEFAULT_CHECK_INTERVAL_MINUTES),
    paused: z.boolean().default(false),
  })
  .strict();
export type ConfigDomain = z.infer<typeof configDomainSchema>;

export const configClientSchema = z
  .object({
    name: createClientSchema.shape.name,
    notes: createClientSchema.shape.notes.unwrap().default(null),
    domains: z.array(configDomainSchema).default([]),
  })
  .strict();
export type ConfigClient = z.infer<typeof configClientSchema>;

/** An alert policy: exactly what `PUT /api/alert-policies` takes, with the scope by name. */
export const configPolicySchema = z
  .object({
    scope: configScopeSchema.default({}),
    /** null or absent = inherit from the wider scope. */
    thresholds: alertThresholdsSchema.default({}),
    types: alertTypeSettingsSchema.default({}),
  })
  .strict();
export type ConfigPolicy = z.infer<typeof configPolicySchema>;

const [emailChannel, webhookChannel, slackChannel] = createChannelSchema.options;
const byName = { clientId: true, domainId: true } as const;

/**
 * A notification channel: what `POST /api/notification-channels` takes, with `binding` by name
 * instead of clientId/domainId. A webhook's signing secret is never exported: an import gives
 * each new webhook a new one (in its report, once).
 */
export const configChannelSchema = z.discriminatedUnion('kind', [
  emailChannel.omit(byName).extend({ binding: configScopeSchema.default({}) }),
  webhookChannel.omit(byName).extend({ binding: configScopeSchema.default({}) }),
  slackChannel.omit(byName).extend({ binding: configScopeSchema.default({}) }),
]);
export type ConfigChannel = z.infer<typeof configChannelSchema>;

export const configReportScheduleSchema = z
  .object({
    cron: putReportScheduleSchema.shape.cron.unwrap(),
    enabled: z.boolean(),
  })
  .strict();
export type ConfigReportSchedule = z.infer<typeof configReportScheduleSchema>;

/**
 * The document, version 1. On import, `exportedAt` and `organization` are informational (the
 * target keeps its own name and time zone), lists may be absent (= nothing of that kind), and an
 * absent `reportSchedule` leaves the schedule as it is.
 */
export const configDocumentSchema = z
  .object({
    format: z.literal(CONFIG_FORMAT),
    version: z.literal(CONFIG_VERSION),
    exportedAt: z.iso.datetime({ offset: true, message: 'Expected an ISO date-time' }).optional(),
    organization: z.object({ name: z.string().max(200), timeZone: z.string().max(100) }).strict().optional(),
    clients: z.array(configClientSchema).default([]),
    alertPolicies: z.array(configPolicySchema).default([]),
    notificationChannels: z.array(configChannelSchema).default([]),
    reportSchedule: configReportScheduleSchema.optional(),
  })
  .strict();
/** A document as read (defaults applied). */
export type ConfigDocument = z.infer<typeof configDocumentSchema>;
/** A document as written by hand or sent (defaults not applied). */
export type ConfigDocumentInput = z.input<typeof configDocumentSchema>;

/** What `GET /api/organization/export` answers: every field written out (it reads back as a `ConfigDocumentInput`). */
export type ConfigExport = Omit<ConfigDocument, 'exportedAt' | 'organization' | 'reportSchedule'> & {
  exportedAt: string;
  organization: { name: string; timeZone: string };
  reportSchedule: ConfigReportSchedule;
};

/** `POST /api/organization/import?dryRun=true` previews: the same report, nothing written. */
export const importConfigQuerySchema = z.object({ dryRun: booleanQueryFlag(false) });
export type ImportConfigQuery = z.infer<typeof importConfigQuerySchema>;

/** A policy's scope in the report: `{}` = organization. */
export const configScopeRefSchema = z.object({ client: z.string().optional(), domain: z.string().optional() });

/**
 * The answer of an import (or its dry run): each item's fate, by name. Merge by name, never
 * delete: existing clients, domains and channels are left as they are; a policy replaces the
 * stored one of its scope (updated) unless equal (unchanged).
 */
export const configImportReportSchema = z.object({
  dryRun: z.boolean(),
  clients: z.object({ created: z.array(z.string()), existing: z.array(z.string()) }),
  domains: z.object({
    created: z.array(z.string()),
    existing: z.array(z.string()),
    /** Names the engine refuses, or listed twice; not imported. */
    invalid: z.array(z.object({ name: z.string(), reason: z.string() })),
  }),
  policies: z.object({ created: z.array(configScopeRefSchema), updated: z.array(configScopeRefSchema), unchanged: z.array(configScopeRefSchema) }),
  channels: z.object({
    created: z.array(z.string()),
    existing: z.array(z.string()),
    /** The new webhooks' signing secrets, in this answer only (empty in a dry run). */
    secrets: z.array(z.object({ name: z.string(), secret: z.string() })),
  }),
  schedule: z.enum(['updated', 'unchanged']),
});
export type ConfigImportReport = z.infer<typeof configImportReportSchema>;
export type ConfigScopeRef = z.infer<typeof configScopeRefSchema>;
