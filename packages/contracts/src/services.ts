import { z } from 'zod';

export const SERVICE_CATEGORIES = ['mailbox', 'marketing', 'transactional', 'helpdesk', 'crm', 'security', 'hosting', 'other'] as const;
export const serviceCategorySchema = z.enum(SERVICE_CATEGORIES);
export type ServiceCategoryValue = z.infer<typeof serviceCategorySchema>;

/** One sending service of the engine's catalogue: names for badges, includes for the record builder. */
export const catalogueServiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: serviceCategorySchema,
  /**
   * The include to publish for it (the service's recommended one); null when each customer
   * gets an include name of their own (HubSpot: 7593890.spf10.hubspotemail.net), see `suffixes`.
   */
  include: z.string().nullable(),
  /** Every include name that identifies the service. */
  includes: z.array(z.string()),
  /** Name endings of per-customer includes (".hubspotemail.net"). */
  suffixes: z.array(z.string()),
  docs: z.string().nullable(),
  note: z.string().nullable(),
  /** The service's published record is not recorded: analyses of it are illustrative. */
  illustrative: z.boolean(),
});
export type CatalogueServiceResponse = z.infer<typeof catalogueServiceSchema>;

/** `GET /api/tools/services`: the catalogue, by name. */
export const catalogueServiceListSchema = z.object({
  items: z.array(catalogueServiceSchema),
  total: z.number().int(),
});
export type CatalogueServiceList = z.infer<typeof catalogueServiceListSchema>;
