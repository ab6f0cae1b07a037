import type { RequestHandler } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { pinoHttp } from 'pino-http';
import { redactSecrets } from './auth/redact';
import { correlationIdOf } from './request-context';

/** Probes and scrapes, asked every few seconds: not worth a line each. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One JSON line per finished request (pino-http): method, path with secrets redacted
 * (invitation and setup tokens), status, duration — never headers, cookies or bodies. The
 * request id is the correlation id of the error bodies and `x-request-id`.
 */
export function accessLog(logger: PinoLogger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => correlationIdOf(req),
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]!) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${redactSecrets(req.url ?? '')} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res) => `${req.method} ${redactSecrets(req.url ?? '')} ${res.statusCode}`,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactSecrets(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    quietReqLogger: true,
  }) as unknown as RequestHandler;
}
