import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { accessLog } from './common/access-log';
import type { AppLogger } from './common/app-logger';
import { expressErrorHandler, HttpExceptionFilter } from './common/http-exception.filter';
import { AppError } from './common/errors';
import { correlationIdMiddleware } from './common/request-context';
import type { AppConfig } from './config/app-config';
import { httpMetrics } from './modules/metrics/http-metrics.middleware';
import { MetricsService } from './modules/metrics/metrics.service';
import { setupOpenApi } from './openapi';

export const API_PREFIX = 'api';
const PROBES = ['/health', '/ready', '/metrics'];

/**
 * Everything the HTTP side needs besides the module graph; used by main and by the test app
 * (create the app with `bodyParser: false`). Order matters: correlation id first (so even a
 * 413 carries one), then the role gate, the body parsers and their error handler.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig, logger?: AppLogger): void {
  const { env } = config;
  app.disable('x-powered-by');
  // Client IP (login throttling) and https (Secure cookies) from X-Forwarded-* only behind trusted proxies.
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(correlationIdMiddleware);
  // The access log (JSON format only), after the correlation id so both carry the same id.
  if (logger?.pino) app.use(accessLog(logger.pino));
  app.use(httpMetrics(app.get(MetricsService)));
  // Security headers (CSP, HSTS, nosniff, frame-ancestors …) on every response, errors included.
  app.use(helmet());
  if (env.CORS_ORIGINS.length > 0) {
    app.enableCors({ origin: env.CORS_ORIGINS, exposedHeaders: ['x-request-id'] });
  }
  if (!config.servesApi) {
    // A worker only answers its probes.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (PROBES.includes(req.path)) return next();
      return expressErrorHandler(new AppError('not_found', 'This process runs with SPFWATCH_ROLE=worker: only /health, /ready and /metrics are served'), req, res, next);
    });
  }
  app.useBodyParser('json', { limit: env.BODY_LIMIT });
  // Raw text for CSV / pasted imports (text/csv, text/plain …): the handler gets a string.
  app.useBodyParser('text', { type: ['text/*'], limit: env.BODY_LIMIT });
  app.use(expressErrorHandler);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'ready', 'metrics'] });
  app.useGlobalFilters(new HttpExceptionFilter());
  if (config.servesApi) setupOpenApi(app);
}
