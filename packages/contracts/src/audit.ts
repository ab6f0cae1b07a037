import { z } from 'zod';
import { pageQuerySchema } from './common';

/** What the audit log records (`action`). */
export const AUDIT_ACTIONS = [
  'setup.completed',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.invited',
  'invitation.revoked',
  'invitation.accepted',
  'user.role_changed',
  'user.removed',
  'token.created',
  'token.revoked',
  'organization.updated',
  'organization.exported',
  'organization.imported',
  'client.created',
  'client.updated',
  'client.deleted',
  'domain.created',
  'domain.updated',
  'domain.deleted',
  'domains.imported',
  'policy.updated',
  'alert.acknowledged',
  'channel.created',
  'channel.updated',
  'channel.deleted',
  'channel.secret_rotated',
  'report.generated',
  'report_schedule.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_TYPES = ['user', 'token', 'anonymous', 'system'] as const;

/**
 * `GET /api/audit` (owner/admin), newest first. `action`: one action (`user.invited`) or a
 * family (`user.` or `user.*`); `actor`: part of the actor's email/token name, or their id;
 * `from`/`to`: ISO times (from inclusive, to exclusive).
 */
export const auditQuerySchema = z
  .object({
    action: z.string().trim().min(1).max(100).optional(),
    actor: z.string().trim().min(1).max(254).optional(),
    from: z.iso.datetime({ offset: true, message: 'Expected an ISO date-time' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'Expected an ISO date-time' }).optional(),
    ...pageQuerySchema.shape,
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.string().nullable(), label: z.string() }),
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEventResponse = z.infer<typeof auditEventSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
