import type { ErrorCode } from '@spfwatch/contracts';

export type { ErrorCode } from '@spfwatch/contracts';

/** HTTP status of each error code (the global filter's one mapping). */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  validation_failed: 400,
  bad_request: 400,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  service_unavailable: 503,
  internal_error: 500,
  unauthorized: 401,
  forbidden: 403,
  too_many_requests: 429,
};

/**
 * An expected failure with a code the API reports as is (`{ error: code, message, details }`).
 * Throw it from services; the global filter maps the code to the HTTP status. Anything else
 * thrown becomes a sanitised 500.
 */
export class AppError extends Error {
  override readonly name = 'AppError' as const;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && 'code' in error;
}

/** 404 `not_found` for an entity (`notFound('Client', id)` → "Client 0190… not found"). */
export function notFound(entity: string, id?: string): AppError {
  return new AppError('not_found', id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
}
