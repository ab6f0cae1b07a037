import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Express middleware counting requests by route pattern (`/api/domains/:id`, never the concrete
 * path, so labels stay bounded); installed by configureApp before the routes.
 */
export function httpMetrics(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      const pattern = typeof route === 'string' ? `${req.baseUrl}${route}` : req.path.startsWith('/api') ? 'unmatched' : 'web';
      metrics.recordHttp(req.method, pattern, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
