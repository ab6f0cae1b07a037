import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Inject, Injectable, Logger, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '../../config/app-config';

/** Folder of the built web app (`npm run build -w @spfwatch/web`). */
export const WEB_DIST_DIR = Symbol('WEB_DIST_DIR');

/** apps/web/dist, from apps/api/dist/modules/web (built) or apps/api/src/modules/web (tests). */
export function defaultWebDistDir(): string {
  return resolve(__dirname, '../../../../web/dist');
}

/** Paths the web app never answers: the API, its docs, and the probes. */
const NOT_THE_WEB_APP = /^\/(?:api|health|ready)(?:\/|$)/;

/**
 * Serves the built web app at `/`: files from dist/ (hashed assets cached for a year,
 * index.html never cached), and index.html for any other GET that is not an API path, so
 * the browser router handles deep links (/domains/…, /tools/…). A missing file with an
 * extension (a stale chunk) stays a 404 rather than becoming HTML.
 */
export function createWebAppHandler(distDir: string): RequestHandler {
  const root = resolve(distDir);
  const sendIndex = (res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root }, (error) => {
      if (error) next(error);
    });
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_WEB_APP.test(req.path)) {
      next();
      return;
    }
    if (req.path === '/' || extname(req.path) === '') {
      sendIndex(res, next);
      return;
    }
    const immutable = req.path.startsWith('/assets/');
    // `root` makes send() refuse paths that climb out of dist/ (403) and dotfiles.
    res.sendFile(req.path, { root, dotfiles: 'deny', maxAge: immutable ? '365d' : 0, immutable }, (error?: Error & { status?: number; statusCode?: number }) => {
      if (!error) return;
      const status = error.status ?? error.statusCode;
      if (status === 404 || status === 403) next();
      else next(error);
    });
  };
}

@Injectable()
export class WebAppServer implements OnModuleInit {
  private readonly logger = new Logger('WebApp');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_DIST_DIR) private readonly distDir: string,
    @Optional() private readonly config?: AppConfig,
  ) {}

  /**
   * Runs after Nest registered its routes and before its 404 handler, so API routes win and
   * unknown API paths still get the JSON 404.
   */
  onModuleInit(): void {
    if (this.config && !this.config.servesApi) return;
    const index = join(this.distDir, 'index.html');
    if (!existsSync(index)) {
      this.logger.warn(`The web app is not built (${index} is missing): run "npm run build -w @spfwatch/web" to serve it at /.`);
      return;
    }
    const app = this.adapterHost.httpAdapter?.getInstance<{ use(handler: RequestHandler): unknown }>();
    if (!app || typeof app.use !== 'function') return;
    app.use(createWebAppHandler(this.distDir));
  }
}
