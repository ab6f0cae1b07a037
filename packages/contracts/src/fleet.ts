import { z } from 'zod';
import { domainStatusSchema } from './checks';
import { pageQuerySchema, pageSchema } from './common';
import { clientRefSchema } from './domains';

export const FLEET_SORT_FIELDS = ['name', 'lookupCount', 'lastChangedAt', 'status'] as const;
export const fleetSortSchema = z.enum(FLEET_SORT_FIELDS);
export type FleetSort = z.infer<typeof fleetSortSchema>;

export const SORT_ORDERS = ['asc', 'desc'] as const;
export const sortOrderSchema = z.enum(SORT_ORDERS);
export type SortOrder = z.infer<typeof sortOrderSchema>;

/**
 * Filters shared by the fleet list and the CSV export. `search` is a case-insensitive
 * substring of the domain name; `service` a catalogue service id (e.g. "google-workspace");
 * `tag` one tag (tags are stored lower-case).
 */
export const fleetFiltersSchema = z.object({
  search: z.string().trim().max(253).optional(),
  clientId: z.uuid().optional(),
  status: domainStatusSchema.optional(),
  service: z.string().trim().min(1).max(100).optional(),
  tag: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((t) => t.toLowerCase())
    .optional(),
  paused: z
    .enum(['true', 'false', '1', '0'], { error: 'Expected true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});
export type FleetFilters = z.infer<typeof fleetFiltersSchema>;

/** `GET /api/fleet/domains` */
export const fleetDomainsQuerySchema = fleetFiltersSchema.extend({
  sort: fleetSortSchema.default('name'),
  order: sortOrderSchema.default('asc'),
  ...pageQuerySchema.shape,
});
export type FleetDomainsQuery = z.infer<typeof fleetDomainsQuerySchema>;
export type FleetDomainsQueryInput = z.input<typeof fleetDomainsQuerySchema>;

export const fleetDomainSchema = z.object({
  id: z.string(),
  name: z.string(),
  client: clientRefSchema,
  status: domainStatusSchema,
  lookupCount: z.number().int().nullable(),
  /** Catalogue service ids of the latest snapshot. */
  services: z.array(z.string()),
  tags: z.array(z.string()),
  lastCheckedAt: z.string().nullable(),
  lastChangedAt: z.string().nullable(),
  paused: z.boolean(),
});
export type FleetDomain = z.infer<typeof fleetDomainSchema>;

export const fleetDomainPageSchema = pageSchema(fleetDomainSchema);
export type FleetDomainPage = z.infer<typeof fleetDomainPageSchema>;

/** Buckets of the lookup-count histogram: "0" … "10", then "11+". */
export const LOOKUP_BUCKETS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11+'] as const;
export type LookupBucket = (typeof LOOKUP_BUCKETS)[number];

/** Lookup count from which a domain is listed as near the limit (RFC 7208 §4.6.4 allows 10). */
export const NEAR_LIMIT_LOOKUPS = 8;

export const fleetSummarySchema = z.object({
  /** All domains of the organization, paused ones included. */
  total: z.number().int(),
  paused: z.number().int(),
  counts: z.object({ ok: z.number().int(), warning: z.number().int(), broken: z.number().int(), unknown: z.number().int() }),
  /** Checked domains by lookup count (never-checked ones have no count and are left out). */
  lookupHistogram: z.array(z.object({ bucket: z.enum(LOOKUP_BUCKETS), count: z.number().int() })),
  /** Up to 10 domains with lookupCount ≥ 8, most lookups first. */
  nearLimit: z.array(
    z.object({ id: z.string(), name: z.string(), client: clientRefSchema, lookupCount: z.number().int(), status: domainStatusSchema }),
  ),
  /** The last 10 snapshots that changed a domain's SPF state (a domain's first snapshot is not a change). */
  recentChanges: z.array(
    z.object({
      snapshotId: z.string(),
      domain: z.object({ id: z.string(), name: z.string() }),
      changedAt: z.string(),
      lookupCountBefore: z.number().int(),
      lookupCountAfter: z.number().int(),
      statusBefore: domainStatusSchema,
      statusAfter: domainStatusSchema,
    }),
  ),
  /** The last 5 provider events that touched this organization's domains. */
  recentProviderEvents: z.array(
    z.object({
      id: z.string(),
      includeDomain: z.string(),
      service: z.string().nullable(),
      detectedAt: z.string(),
      /** Domains of this organization linked to the event. */
      affectedDomains: z.number().int(),
    }),
  ),
});
export type FleetSummary = z.infer<typeof fleetSummarySchema>;
