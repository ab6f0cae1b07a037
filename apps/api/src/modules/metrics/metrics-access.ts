import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors';
import { AppConfig } from '../../config/app-config';

/** METRICS_TOKEN, when set, guards /metrics (compared in constant time). */
@Injectable()
export class MetricsAccess {
  constructor(private readonly config: AppConfig) {}

  assertAllowed(authorization: string | undefined): void {
    const token = this.config.env.METRICS_TOKEN;
    if (token === undefined) return;
    const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('unauthorized', 'This server requires METRICS_TOKEN for /metrics: send Authorization: Bearer <token>');
  }
}
