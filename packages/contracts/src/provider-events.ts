import { z } from 'zod';

/** `GET /api/provider-events` */
export const listProviderEventsQuerySchema = z.object({
  includeDomain: z.string().trim().min(1).max(253).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProviderEventsQuery = z.infer<typeof listProviderEventsQuerySchema>;
