import { z } from 'zod';
import { pageQuerySchema } from './common';

export const ALERT_TYPES = [
  'record_missing',
  'permerror',
  'temperror',
  'lookup_warning',
  'lookup_limit',
  'lookup_increased',
  'void_lookups',
  'service_removed',
  'all_loosened',
  'all_tightened',
  'multiple_records',
  'record_changed',
] as const;
export const alertTypeSchema = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof alertTypeSchema>;

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const alertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof alertStateSchema>;

/** `GET /api/alerts` */
export const listAlertsQuerySchema = z.object({
  state: alertStateSchema.optional(),
  severity: alertSeveritySchema.optional(),
  type: alertTypeSchema.optional(),
  clientId: z.uuid().optional(),
  domainId: z.uuid().optional(),
  ...pageQuerySchema.shape,
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuerySchema>;

/** `POST /api/alerts/:id/acknowledge` (body optional). */
export const acknowledgeAlertSchema = z.object({ by: z.string().trim().min(1).max(200).optional() }).strict();
export type AcknowledgeAlertBody = z.infer<typeof acknowledgeAlertSchema>;

/** Thresholds of an alert policy; null or absent = inherit from the wider scope (then the default). */
export const alertThresholdsSchema = z
  .object({
    lookupWarn: z.number().int().min(1).max(100).nullable().optional(),
    lookupLimit: z.number().int().min(1).max(100).nullable().optional(),
    tempErrorChecks: z.number().int().min(1).max(1000).nullable().optional(),
    voidLimit: z.number().int().min(0).max(100).nullable().optional(),
  })
  .strict();
export type AlertThresholdsInput = z.infer<typeof alertThresholdsSchema>;

export const alertTypeSettingSchema = z
  .object({ enabled: z.boolean().optional(), severity: alertSeveritySchema.optional() })
  .strict();
export type AlertTypeSetting = z.infer<typeof alertTypeSettingSchema>;

export const alertTypeSettingsSchema = z.partialRecord(alertTypeSchema, alertTypeSettingSchema);
export type AlertTypeSettings = z.infer<typeof alertTypeSettingsSchema>;

/** Organization (no ids), client (clientId) or domain (domainId). */
export const alertPolicyScopeSchema = z
  .object({ clientId: z.uuid().optional(), domainId: z.uuid().optional() })
  .strict()
  .refine((s) => !(s.clientId && s.domainId), { message: 'give clientId or domainId, not both' });
export type AlertPolicyScope = z.infer<typeof alertPolicyScopeSchema>;

/** `PUT /api/alert-policies`: replaces the policy of one scope. */
export const putAlertPolicySchema = z
  .object({
    scope: alertPolicyScopeSchema.default({}),
    thresholds: alertThresholdsSchema.default({}),
    types: alertTypeSettingsSchema.default({}),
  })
  .strict()
  .refine(
    (p) => p.thresholds.lookupWarn == null || p.thresholds.lookupLimit == null || p.thresholds.lookupWarn <= p.thresholds.lookupLimit,
    { message: 'lookupWarn must not exceed lookupLimit', path: ['thresholds', 'lookupWarn'] },
  );
export type PutAlertPolicyBody = z.input<typeof putAlertPolicySchema>;

/** `GET /api/alert-policies?clientId=&domainId=`: the effective policy of that scope. */
export const alertPolicyQuerySchema = z
  .object({ clientId: z.uuid().optional(), domainId: z.uuid().optional() })
  .refine((s) => !(s.clientId && s.domainId), { message: 'give clientId or domainId, not both' });
export type AlertPolicyQuery = z.infer<typeof alertPolicyQuerySchema>;
