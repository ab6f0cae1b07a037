import { z } from 'zod';
import { clientIdsSchema, emailSchema, PASSWORD_MAX_LENGTH, personNameSchema, refineClientScope, roleSchema } from './auth';

/** A member of the organization (`GET /api/users`). */
export const memberSchema = z.object({
  /** The user's id (also the `:id` of PATCH/DELETE /api/users/:id). */
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** The clients a client_viewer sees (empty for the other roles). */
  clientIds: z.array(z.string()),
  disabled: z.boolean(),
  /** When they joined the organization. */
  joinedAt: z.string(),
});
export type MemberResponse = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ items: z.array(memberSchema), total: z.number().int() });
export type MemberList = z.infer<typeof memberListSchema>;

/** `PATCH /api/users/:id` (owner only): a new role, with its clients for client_viewer. */
export const updateMemberSchema = z
  .object({ role: roleSchema, clientIds: clientIdsSchema.optional() })
  .strict()
  .superRefine(refineClientScope);
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

/** `POST /api/invitations` (owner/admin). */
export const createInvitationSchema = z
  .object({ email: emailSchema, role: roleSchema, clientIds: clientIdsSchema.optional() })
  .strict()
  .superRefine(refineClientScope);
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  clientIds: z.array(z.string()),
  status: z.enum(INVITATION_STATUSES),
  invitedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type InvitationResponse = z.infer<typeof invitationSchema>;

export const invitationListSchema = z.object({ items: z.array(invitationSchema), total: z.number().int() });
export type InvitationList = z.infer<typeof invitationListSchema>;

/**
 * `POST /api/invitations` → 201. The link is shown once (only a hash of its token is kept):
 * hand it to the person (mail sending comes later).
 */
export const createdInvitationSchema = invitationSchema.extend({
  /** Absolute link to the web app's accept page, e.g. https://spf.example/invite/<token>. */
  link: z.string(),
  token: z.string(),
});
export type CreatedInvitationResponse = z.infer<typeof createdInvitationSchema>;

/** `GET /api/invitations/:token` (public): what the accept page shows. */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  role: roleSchema,
  organizationName: z.string(),
  expiresAt: z.string(),
  /** True when an account with this email exists: accepting then asks for its current password. */
  existingAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/**
 * `POST /api/invitations/:token/accept` (public): creates the account — `name` required, the
 * password at least 12 characters — or, when an account with the invited email exists, checks
 * its current password (and ignores `name`); then adds the membership and signs in.
 */
export const acceptInvitationSchema = z
  .object({ name: personNameSchema.optional(), password: z.string().min(1, 'Required').max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`) })
  .strict();
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;
