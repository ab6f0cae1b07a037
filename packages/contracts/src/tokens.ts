import { z } from 'zod';
import { clientIdsSchema, refineClientScope } from './auth';

/** Roles a token can have: never owner (account and settings changes need a person). */
export const TOKEN_ROLES = ['admin', 'member', 'client_viewer'] as const;
export const tokenRoleSchema = z.enum(TOKEN_ROLES);
export type TokenRole = z.infer<typeof tokenRoleSchema>;

/** Every token starts with this, so secret scanners and logs can recognise one. */
export const TOKEN_PREFIX = 'spfw_';

/** `POST /api/tokens` (owner/admin): a client_viewer token needs its clients. */
export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'Must not be empty').max(100, 'At most 100 characters'),
    role: tokenRoleSchema,
    clientIds: clientIdsSchema.optional(),
    /** Days until it stops working (absent = until revoked). */
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict()
  .superRefine(refineClientScope);
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters, to recognise it (`spfw_AbCd1234`). */
  prefix: z.string(),
  role: tokenRoleSchema,
  clientIds: z.array(z.string()),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenResponse = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema), total: z.number().int() });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** `POST /api/tokens` → 201: `token` is shown this once (only its hash is kept). */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiTokenResponse = z.infer<typeof createdApiTokenSchema>;
