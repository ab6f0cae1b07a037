import { Injectable } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { HealthRepository } from './health.repository';

export type ComponentState = 'ok' | 'failed';

export interface Readiness {
  ready: boolean;
  checks: { database: ComponentState; queue: ComponentState };
  /** Why a component failed (no secrets: messages from the driver, without URLs). */
  errors?: { database?: string; queue?: string };
}

const DATABASE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    private readonly queue: QueueService,
  ) {}

  async readiness(): Promise<Readiness> {
    const errors: NonNullable<Readiness['errors']> = {};
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.repository.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      errors.database = (error as Error).message.replace(/postgres(ql)?:\/\/\S+/g, '<url>');
    } finally {
      clearTimeout(timer);
    }
    if (!this.queue.isStarted()) errors.queue = 'queue not started';
    const checks = {
      database: errors.database ? 'failed' : 'ok',
      queue: errors.queue ? 'failed' : 'ok',
    } as const;
    const ready = checks.database === 'ok' && checks.queue === 'ok';
    return ready ? { ready, checks } : { ready, checks, errors };
  }
}
