import { z } from 'zod';
import { pageQuerySchema } from './common';

/** `GET /api/provider-events` */
export const listProviderEventsQuerySchema = z.object({
  includeDomain: z.string().trim().min(1).max(253).optional(),
  ...pageQuerySchema.shape,
});
export type ListProviderEventsQuery = z.infer<typeof listProviderEventsQuerySchema>;
