import { z } from 'zod';

/**
 * Error codes of the API. One global filter maps them to HTTP statuses:
 * not_found 404, validation_failed 400, bad_request 400, conflict 409, unprocessable 422,
 * payload_too_large 413, service_unavailable 503, internal_error 500,
 * unauthorized 401 (not signed in), forbidden 403 (role or CSRF), too_many_requests 429.
 */
export const ERROR_CODES = [
  'not_found',
  'validation_failed',
  'bad_request',
  'conflict',
  'unprocessable',
  'payload_too_large',
  'service_unavailable',
  'internal_error',
  'unauthorized',
  'forbidden',
  'too_many_requests',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** One invalid field of a request: `path` is dotted (`tags.2`), empty for the whole body. */
export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/**
 * Body of every error response. `details` depends on the code: for `validation_failed`
 * it is `{ issues: ValidationIssue[] }`. `correlationId` equals the response's
 * `x-request-id` header (the request's own when it sent a valid one).
 */
export const errorResponseSchema = z.object({
  error: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
  correlationId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Paging query: `?page=1&pageSize=50` (1-based; pageSize 1..200). */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** `{ items, total, page, pageSize }` around an item schema. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A boolean query flag: `true`/`1` or `false`/`0` (absent = default). */
export function booleanQueryFlag(defaultValue = false) {
  return z
    .enum(['true', 'false', '1', '0'], { error: 'Expected true or false' })
    .optional()
    .transform((value) => (value === undefined ? defaultValue : value === 'true' || value === '1'));
}

/** IANA time zone names the runtime knows (`Europe/Paris`, `UTC`). */
export function isValidTimeZone(value: string): boolean {
  if (value.trim() === '' || value !== value.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { message: 'Unknown time zone (expected an IANA name such as "Europe/Paris" or "UTC")' });
