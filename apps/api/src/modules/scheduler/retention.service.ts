import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { SchedulerRepository } from './scheduler.repository';

export const PRUNE_BATCH = 5_000;

/**
 * CheckRun retention: rows older than CHECKRUN_RETENTION_DAYS go, in batches of 5,000 (short
 * transactions, no long lock), except the rows the history needs: the `changed` run of each
 * snapshot and every domain's latest run.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @Inject(SchedulerRepository) private readonly repo: SchedulerRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async prune(batch = PRUNE_BATCH): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.env.CHECKRUN_RETENTION_DAYS * 86_400_000);
    let total = 0;
    for (;;) {
      const deleted = await this.repo.pruneCheckRuns(cutoff, batch);
      total += deleted;
      if (deleted < batch) break;
    }
    if (total > 0) this.logger.log(`Deleted ${total} check runs started before ${cutoff.toISOString()}`);
    return total;
  }
}
