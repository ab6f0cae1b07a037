import { z } from 'zod';

/** Longest draft record the what-if editor may submit (characters). */
export const MAX_DRAFT_RECORD_LENGTH = 4096;

const optionalText = (max: number) => z.string().trim().max(max).optional();

/**
 * `POST /api/tools/check-host`: RFC 7208 check_host() for one connection. Give `sender` (MAIL
 * FROM) or `helo` (an empty sender checks the HELO identity); `domain` checks that domain's
 * policy instead of the sender's and may then stand alone.
 */
export const checkHostSchema = z
  .object({
    ip: z.union([z.ipv4(), z.ipv6()], { error: 'ip must be an IPv4 or IPv6 address' }),
    sender: optionalText(320),
    helo: optionalText(253),
    domain: optionalText(253),
    /** Include the evaluation trace in the answer. */
    trace: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Boolean(b.sender) || Boolean(b.helo) || Boolean(b.domain), {
    message: 'give sender (the MAIL FROM address) or helo (the HELO/EHLO name)',
    path: ['sender'],
  });
export type CheckHostBody = z.input<typeof checkHostSchema>;

export const SPF_RESULT_VALUES = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'] as const;

export const checkHostResponseSchema = z.object({
  result: z.enum(SPF_RESULT_VALUES),
  domain: z.string(),
  identity: z.enum(['mailfrom', 'helo']),
  sender: z.string(),
  ip: z.string(),
  helo: z.string(),
  explanation: z.string().nullable(),
  matchedTerm: z.string().nullable(),
  matched: z.object({ term: z.string(), domain: z.string(), path: z.array(z.string()) }).nullable(),
  problem: z.string().nullable(),
  lookups: z.number().int(),
  voidLookups: z.number().int(),
  receivedSpf: z.string(),
  /** Only when asked for with `trace: true`. */
  trace: z
    .array(z.object({ depth: z.number().int(), domain: z.string(), event: z.string(), term: z.string().optional(), detail: z.string() }))
    .optional(),
  /** Why the result is what it is, in plain words. */
  reason: z.string(),
});
export type CheckHostResponse = z.infer<typeof checkHostResponseSchema>;

/**
 * `POST /api/tools/analyze`: without `record`, the domain's live record; with `record` (the
 * what-if editor's draft), that text analysed as if published at `domain`, compared with the
 * domain's current snapshot (when it is monitored in this organization) or its live record.
 */
export const analyzeToolSchema = z
  .object({
    domain: z.string().trim().min(1, 'the domain is empty').max(300),
    record: z.string().max(MAX_DRAFT_RECORD_LENGTH, `the record is at most ${MAX_DRAFT_RECORD_LENGTH} characters`).optional(),
  })
  .strict();
export type AnalyzeToolBody = z.input<typeof analyzeToolSchema>;

export const authorizedNetworkSchema = z.object({
  cidr: z.string(),
  family: z.union([z.literal(4), z.literal(6)]),
  /** Domains from the analysed one down to the record holding the term. */
  path: z.array(z.string()),
  term: z.string(),
});
export type AuthorizedNetworkResponse = z.infer<typeof authorizedNetworkSchema>;

/** The engine's Analysis (see @spfwatch/spf `Analysis`); the main fields are listed, the rest passes through. */
export const analysisSchema = z
  .object({
    domain: z.string(),
    analyzedAt: z.string(),
    record: z.string().nullable(),
    status: z.enum(['ok', 'none', 'permerror', 'temperror']),
    lookupCount: z.number().int(),
    voidLookups: z.number().int(),
    networks: z.array(authorizedNetworkSchema),
    services: z.array(z.object({ id: z.string(), name: z.string(), include: z.string(), path: z.array(z.string()) }).loose()),
    lint: z.array(z.object({ code: z.string(), severity: z.enum(['error', 'warning', 'info']), message: z.string(), domain: z.string() }).loose()),
  })
  .loose();
export type AnalysisResponse = z.infer<typeof analysisSchema>;

export const whatIfComparisonSchema = z.object({
  /** What the draft was compared with. */
  against: z.enum(['snapshot', 'live']),
  /** The snapshot compared with, when `against` is "snapshot". */
  snapshotId: z.string().nullable(),
  baseRecord: z.string().nullable(),
  lookupDelta: z.number().int(),
  voidDelta: z.number().int(),
  /** Catalogue service ids. */
  servicesAdded: z.array(z.string()),
  servicesRemoved: z.array(z.string()),
  /** Networks the draft authorises that the base did not cover (with where they come from). */
  networksGained: z.array(authorizedNetworkSchema),
  /** Networks the base authorised that the draft no longer covers. */
  networksLost: z.array(authorizedNetworkSchema),
  /** The engine's classified changes (most severe first). */
  changes: z.array(z.object({ kind: z.string(), severity: z.enum(['breaking', 'warning', 'info']), message: z.string(), fromSharedInclude: z.boolean() })),
});
export type WhatIfComparison = z.infer<typeof whatIfComparisonSchema>;

export const analyzeToolResponseSchema = z.object({
  analysis: analysisSchema,
  /** Only for a draft record; null when the live record was analysed. */
  comparison: whatIfComparisonSchema.nullable(),
});
export type AnalyzeToolResponse = z.infer<typeof analyzeToolResponseSchema>;
