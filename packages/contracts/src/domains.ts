import { z } from 'zod';
import { domainStatusSchema } from './checks';
import { booleanQueryFlag, pageQuerySchema, pageSchema } from './common';

/** Check interval bounds (minutes): every 5 minutes to once a week. */
export const CHECK_INTERVAL_MIN_MINUTES = 5;
export const CHECK_INTERVAL_MAX_MINUTES = 10_080;
export const MAX_TAGS_PER_DOMAIN = 32;
/** A new domain's check interval when none is given (the column default in schema.prisma). */
export const DEFAULT_CHECK_INTERVAL_MINUTES = 60;
export const MAX_TAG_LENGTH = 64;

/**
 * One tag: trimmed and lower-cased, so "VIP" and "vip" are the same tag. `;`, `|` and `,` are
 * refused because they separate tags in CSV import and export.
 */
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(MAX_TAG_LENGTH, `a tag is at most ${MAX_TAG_LENGTH} characters`)
  .regex(/^[^;|,]+$/, 'a tag cannot contain ";", "|" or ","')
  .transform((t) => t.toLowerCase());

/** Tags of a domain: normalised by `tagSchema`, duplicates dropped, order kept. */
export const tagsSchema = z
  .array(tagSchema)
  .max(MAX_TAGS_PER_DOMAIN, `at most ${MAX_TAGS_PER_DOMAIN} tags`)
  .transform((tags) => [...new Set(tags)]);

export const checkIntervalMinutesSchema = z
  .number()
  .int()
  .min(CHECK_INTERVAL_MIN_MINUTES, `the check interval is at least ${CHECK_INTERVAL_MIN_MINUTES} minutes`)
  .max(CHECK_INTERVAL_MAX_MINUTES, `the check interval is at most ${CHECK_INTERVAL_MAX_MINUTES} minutes (a week)`);

/**
 * The domain as typed by a user. The API normalises it with the engine's `normalizeDomain`
 * (lower-case, no trailing dot, IDN → A-label) and answers 400 with the reason when invalid.
 */
export const domainNameInputSchema = z.string().trim().min(1, 'the domain is empty').max(300, 'the domain is too long');

/** `POST /api/domains` */
export const createDomainSchema = z
  .object({
    name: domainNameInputSchema,
    clientId: z.uuid(),
    tags: tagsSchema.optional(),
    checkIntervalMinutes: checkIntervalMinutesSchema.optional(),
    paused: z.boolean().optional(),
  })
  .strict();
export type CreateDomainBody = z.input<typeof createDomainSchema>;
export type CreateDomainInput = z.output<typeof createDomainSchema>;

/** `PATCH /api/domains/:id`: at least one field. */
export const updateDomainSchema = z
  .object({
    tags: tagsSchema.optional(),
    checkIntervalMinutes: checkIntervalMinutesSchema.optional(),
    paused: z.boolean().optional(),
    clientId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'give at least one of tags, checkIntervalMinutes, paused, clientId',
  });
export type UpdateDomainBody = z.input<typeof updateDomainSchema>;
export type UpdateDomainInput = z.output<typeof updateDomainSchema>;

/** `GET /api/domains?page&pageSize` */
export const listDomainsQuerySchema = pageQuerySchema;
export type ListDomainsQuery = z.infer<typeof listDomainsQuerySchema>;

export const clientRefSchema = z.object({ id: z.string(), name: z.string() });
export type ClientRef = z.infer<typeof clientRefSchema>;

/** A domain as the API returns it. Times are ISO strings; lookupCount is null until first checked. */
export const domainSchema = z.object({
  id: z.string(),
  name: z.string(),
  client: clientRefSchema,
  tags: z.array(z.string()),
  checkIntervalMinutes: z.number().int(),
  paused: z.boolean(),
  status: domainStatusSchema,
  lookupCount: z.number().int().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastChangedAt: z.string().nullable(),
  nextCheckAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DomainResponse = z.infer<typeof domainSchema>;

/** The latest snapshot, summarised, on `GET /api/domains/:id`; null before the first check. */
export const latestSnapshotSummarySchema = z.object({
  snapshotId: z.string(),
  status: domainStatusSchema,
  lookupCount: z.number().int(),
  voidLookups: z.number().int(),
  /** Catalogue service ids (see `findService` in @spfwatch/spf for names). */
  services: z.array(z.string()),
  record: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastChangedAt: z.string().nullable(),
  firstSeenAt: z.string(),
});
export type LatestSnapshotSummary = z.infer<typeof latestSnapshotSummarySchema>;

export const domainDetailSchema = domainSchema.extend({ latest: latestSnapshotSummarySchema.nullable() });
export type DomainDetailResponse = z.infer<typeof domainDetailSchema>;

export const domainPageSchema = pageSchema(domainSchema);
export type DomainPage = z.infer<typeof domainPageSchema>;

// ---------------------------------------------------------------------------------------------
// Bulk import

/** Lines (records) one import may hold. */
export const IMPORT_MAX_LINES = 20_000;
/** Characters one import's text may hold (about 20,000 lines of generous length). */
export const IMPORT_MAX_CHARS = 8_000_000;

/**
 * `POST /api/domains/import` with a JSON body. CSV with a header row (client, domain, tags; tags
 * separated by `;` or `|`), or pasted text: one domain per line, optionally `client,domain[,tags]`;
 * blank lines and `#` comments are ignored. Lines without a client use `defaultClient` (a client
 * name, found or created) or `defaultClientId` (an existing client).
 */
export const importDomainsSchema = z
  .object({
    text: z.string().max(IMPORT_MAX_CHARS, `the import text is at most ${IMPORT_MAX_CHARS} characters`),
    dryRun: z.boolean().optional(),
    defaultClient: z.string().trim().min(1).max(200).optional(),
    defaultClientId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => !(b.defaultClient && b.defaultClientId), { message: 'give defaultClient or defaultClientId, not both', path: ['defaultClientId'] });
export type ImportDomainsBody = z.input<typeof importDomainsSchema>;

/** Options in the query string when the body is raw `text/csv` or `text/plain`. */
export const importDomainsQuerySchema = z
  .object({
    dryRun: booleanQueryFlag(false),
    defaultClient: z.string().trim().min(1).max(200).optional(),
    defaultClientId: z.uuid().optional(),
  })
  .refine((b) => !(b.defaultClient && b.defaultClientId), { message: 'give defaultClient or defaultClientId, not both', path: ['defaultClientId'] });
export type ImportDomainsQuery = z.infer<typeof importDomainsQuerySchema>;

export const IMPORT_LINE_STATUSES = ['created', 'duplicate', 'invalid'] as const;
export const importLineStatusSchema = z.enum(IMPORT_LINE_STATUSES);
export type ImportLineStatus = z.infer<typeof importLineStatusSchema>;

/** One input line's fate. In a dry run, `created` means "would be created". */
export const importLineSchema = z.object({
  /** 1-based line number in the text (the first line of a record spanning several). */
  line: z.number().int(),
  /** The line as given. */
  input: z.string(),
  status: importLineStatusSchema,
  /** The normalised domain name, when it is valid. */
  domain: z.string().optional(),
  /** The client's name (as stored, or as it will be created). */
  client: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Why a line is invalid or a duplicate. */
  reason: z.string().optional(),
});
export type ImportLine = z.infer<typeof importLineSchema>;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  /** Clients the import created (or would create, in a dry run). */
  clientsCreated: z.array(z.string()),
  lines: z.array(importLineSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** Columns of `GET /api/domains/export.csv`, in order. Tags are joined with `;`, services too. */
export const EXPORT_COLUMNS = ['client', 'domain', 'tags', 'status', 'lookup_count', 'services', 'last_checked_at', 'last_changed_at'] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
