import { z } from 'zod';
import { booleanQueryFlag, timeZoneSchema } from './common';

/** `GET /api/organization` */
export const organizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
});
export type OrganizationResponse = z.infer<typeof organizationSchema>;

const organizationName = z.string().trim().min(1, 'Must not be empty').max(200, 'At most 200 characters');

/** `PATCH /api/organization` */
export const updateOrganizationSchema = z
  .object({
    name: organizationName.optional(),
    timeZone: timeZoneSchema.optional(),
  })
  .strict()
  .refine((value) => value.name !== undefined || value.timeZone !== undefined, {
    message: 'Nothing to update: send name and/or timeZone',
  });
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;

export const CLIENT_NAME_MAX = 200;
export const CLIENT_NOTES_MAX = 10_000;

const clientName = z
  .string()
  .trim()
  .min(1, 'Must not be empty')
  .max(CLIENT_NAME_MAX, `At most ${CLIENT_NAME_MAX} characters`);
const clientNotes = z.string().max(CLIENT_NOTES_MAX, `At most ${CLIENT_NOTES_MAX} characters`).nullable();

/** `POST /api/clients` */
export const createClientSchema = z
  .object({
    name: clientName,
    notes: clientNotes.optional(),
  })
  .strict();
export type CreateClientInput = z.infer<typeof createClientSchema>;

/** `PATCH /api/clients/:id` (`notes: null` clears them) */
export const updateClientSchema = z
  .object({
    name: clientName.optional(),
    notes: clientNotes.optional(),
  })
  .strict()
  .refine((value) => value.name !== undefined || value.notes !== undefined, {
    message: 'Nothing to update: send name and/or notes',
  });
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

/** `DELETE /api/clients/:id?force=true` deletes the client's domains too. */
export const deleteClientQuerySchema = z.object({ force: booleanQueryFlag(false) });
export type DeleteClientQuery = z.infer<typeof deleteClientQuerySchema>;

/** Domains of a client by the status of their latest check. */
export const domainCountsSchema = z.object({
  total: z.number().int(),
  ok: z.number().int(),
  warning: z.number().int(),
  broken: z.number().int(),
  unknown: z.number().int(),
});
export type DomainCounts = z.infer<typeof domainCountsSchema>;

export const clientSchema = z.object({
  id: z.string(),
  name: z.string(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  domainCounts: domainCountsSchema,
});
export type ClientResponse = z.infer<typeof clientSchema>;

/** `GET /api/clients`: every client of the organization, by name (not paged: an agency has tens to hundreds). */
export const clientListSchema = z.object({ items: z.array(clientSchema), total: z.number().int() });
export type ClientList = z.infer<typeof clientListSchema>;
