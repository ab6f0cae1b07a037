import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorCode, ErrorResponse } from '@spfwatch/contracts';
import type { NextFunction, Request, Response } from 'express';
import { redactSecrets } from './auth/redact';
import { ERROR_STATUS, isAppError } from './errors';
import { correlationIdOf } from './request-context';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

interface Mapped {
  status: number;
  body: Omit<ErrorResponse, 'correlationId'>;
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Errors raised by express's body parsers (http-errors with a `type` such as 'entity.too.large'). */
function bodyParserError(error: unknown): { status: number; type: string } | undefined {
  if (typeof error !== 'object' || error === null || !('expose' in error)) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  return typeof type === 'string' && typeof status === 'number' ? { status, type } : undefined;
}

/** Maps anything thrown to the API's error shape. */
export function mapError(error: unknown): Mapped {
  if (isAppError(error)) {
    const body: Mapped['body'] = { error: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return { status: ERROR_STATUS[error.code], body, unexpected: false };
  }
  const parser = bodyParserError(error);
  if (parser) {
    if (parser.type === 'entity.too.large') {
      return { status: 413, body: { error: 'payload_too_large', message: 'Request body is too large' }, unexpected: false };
    }
    if (parser.type === 'entity.parse.failed') {
      return { status: 400, body: { error: 'bad_request', message: 'Malformed JSON in request body' }, unexpected: false };
    }
    const status = parser.status >= 400 && parser.status < 500 ? parser.status : 400;
    return { status, body: { error: CODE_BY_STATUS[status] ?? 'bad_request', message: (error as Error).message }, unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      return { status, body: { error: CODE_BY_STATUS[status] ?? 'bad_request', message: httpExceptionMessage(error) }, unexpected: false };
    }
    if (status === 503) {
      return { status, body: { error: 'service_unavailable', message: httpExceptionMessage(error) }, unexpected: false };
    }
  }
  // Prisma errors that slipped past a repository: a unique clash or a vanished row.
  if (error instanceof Error && error.name === 'PrismaClientKnownRequestError') {
    const code = (error as Error & { code?: string }).code;
    if (code === 'P2002') return { status: 409, body: { error: 'conflict', message: 'Conflicts with an existing record' }, unexpected: false };
    if (code === 'P2025') return { status: 404, body: { error: 'not_found', message: 'Record not found' }, unexpected: false };
  }
  return { status: 500, body: { error: 'internal_error', message: 'Internal server error' }, unexpected: true };
}

const logger = new Logger('HttpError');

function send(error: unknown, req: Request, res: Response): void {
  const mapped = mapError(error);
  const correlationId = correlationIdOf(req);
  if (mapped.unexpected) {
    // Invitation tokens travel in URLs, and Prisma errors can quote arguments: no secrets in logs.
    logger.error(redactSecrets(`${req.method} ${req.originalUrl} failed [${correlationId}]`), redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  const body: ErrorResponse = { ...mapped.body, correlationId };
  res.status(mapped.status).json(body);
}

/** The one global filter: `{ error, message, details?, correlationId }` for every failure. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    send(exception, http.getRequest<Request>(), http.getResponse<Response>());
  }
}

/** Same mapping for errors raised by express middleware before Nest routes (body parsers). */
export function expressErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  send(error, req, res);
}
