import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { withLogContext } from './log-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What the core adds to each express request. */
export interface RequestContext {
  /** Echoed in `x-request-id` and in every error body. */
  correlationId?: string;
  /** Set by the AuthGuard (common/auth); read it with `@CurrentOrg()`. */
  organizationId?: string;
}
export type AppRequest = Request & RequestContext;

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express middleware: keeps a sane incoming `x-request-id` or makes one, and echoes it; every
 * log line written while the request is handled carries it as `requestId`.
 */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(REQUEST_ID_HEADER);
  const id = incoming !== undefined && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  (req as AppRequest).correlationId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  withLogContext({ requestId: id }, next);
}

export function correlationIdOf(req: unknown): string {
  return (req as AppRequest | undefined)?.correlationId ?? 'none';
}
