import { z } from 'zod';

/**
 * Roles in an organization, from most to least powerful. `client_viewer` is apart: it sees
 * only the clients it was given, read-only (the client portal). See docs/accounts.md.
 */
export const ROLES = ['owner', 'admin', 'member', 'client_viewer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; the cap keeps a request from making the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 1024;

/** A new password: 12 to 1024 characters. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);

/** An email address, trimmed and lower-cased (accounts are matched on this form). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters')
  .pipe(z.email({ message: 'Not an email address' }));

export const personNameSchema = z.string().trim().min(1, 'Must not be empty').max(200, 'At most 200 characters');

/** Client ids a client_viewer (membership, invitation or token) is limited to. */
export const clientIdsSchema = z.array(z.uuid()).max(1000, 'At most 1000 clients');

/**
 * `client_viewer` needs at least one client; the other roles see the whole organization and
 * take no client list. Used by invitations, role changes and tokens.
 */
export function refineClientScope<T extends { role: Role; clientIds?: string[] | undefined }>(value: T, ctx: z.RefinementCtx): void {
  const count = value.clientIds?.length ?? 0;
  if (value.role === 'client_viewer' && count === 0) {
    ctx.addIssue({ code: 'custom', path: ['clientIds'], message: 'A client_viewer needs at least one client' });
  }
  if (value.role !== 'client_viewer' && count > 0) {
    ctx.addIssue({ code: 'custom', path: ['clientIds'], message: 'Only the client_viewer role takes clients' });
  }
}

/** `POST /api/auth/login`. Not format-checked beyond presence: failures answer one generic message. */
export const loginSchema = z
  .object({
    email: z.string().trim().toLowerCase().min(1, 'Required').max(254, 'At most 254 characters'),
    password: z.string().min(1, 'Required').max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`),
    /** Slug of the organization to open when the user belongs to several (default: the oldest membership). */
    organization: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type LoginInput = z.infer<typeof loginSchema>;

export const sessionUserSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const membershipSummarySchema = z.object({
  organizationId: z.string(),
  organizationName: z.string(),
  organizationSlug: z.string(),
  role: roleSchema,
});
export type MembershipSummary = z.infer<typeof membershipSummarySchema>;

/** `GET /api/auth/me`: who the request acts as. */
export const meSchema = z.object({
  /** `session` (browser cookie) or `token` (Authorization: Bearer). */
  via: z.enum(['session', 'token']),
  /** The signed-in user (null for an API token). */
  user: sessionUserSchema.nullable(),
  /** The API token's name (null for a session). */
  tokenName: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  role: roleSchema,
  /** The clients a client_viewer sees; null = the whole organization. */
  clientIds: z.array(z.string()).nullable(),
  /** The user's organizations (empty for a token). */
  memberships: z.array(membershipSummarySchema),
});
export type MeResponse = z.infer<typeof meSchema>;

/**
 * `POST /api/auth/login` → 200. Also sets the `spfwatch_session` (HttpOnly) and `spfwatch_csrf`
 * (readable) cookies; send `csrfToken` back as `x-csrf-token` on every POST/PUT/PATCH/DELETE.
 */
export const loginResponseSchema = meSchema.extend({
  csrfToken: z.string(),
  /** Absolute expiry of the session (it also ends after 12 h without requests). */
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** `GET /api/setup` */
export const setupStatusSchema = z.object({
  /** True while no owner exists: POST /api/setup with the token from the server log. */
  needed: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

/** `POST /api/setup`: creates the first owner (in the default organization) and signs them in. */
export const setupSchema = z
  .object({
    /** The one-time setup token printed in the server log at start. */
    token: z.string().min(1, 'Required').max(200),
    email: emailSchema,
    name: personNameSchema,
    password: newPasswordSchema,
    /** Renames the default organization (e.g. to the agency's name). */
    organizationName: z.string().trim().min(1, 'Must not be empty').max(200, 'At most 200 characters').optional(),
  })
  .strict();
export type SetupInput = z.infer<typeof setupSchema>;
