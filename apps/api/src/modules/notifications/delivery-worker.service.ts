import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import { DeliveryService } from './delivery.service';
import { deliverNotificationsJob } from './jobs';

/** Every minute, whatever happened: the backstop behind the jobs sent with outbox rows, retries and leases. */
export const DELIVERY_BACKSTOP_CRON = '* * * * *';

/** Consumes deliver-notifications jobs where workers run (SPFWATCH_ROLE worker or all). */
@Injectable()
export class DeliveryWorkerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly queue: QueueService,
    private readonly delivery: DeliveryService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    // One fetch loop; the jobs of a batch share one pass (DeliveryService.runOnce coalesces).
    await this.queue.work(deliverNotificationsJob, async () => this.delivery.runOnce(), { concurrency: 1, batchSize: 4 });
    await this.queue.pgBoss.schedule(deliverNotificationsJob.name, DELIVERY_BACKSTOP_CRON, { reason: 'cron' });
    this.logger.log(`Workers on: ${deliverNotificationsJob.name} (settle ${this.config.env.NOTIFY_SETTLE_SECONDS} s, ${this.config.env.NOTIFY_MAX_ATTEMPTS} attempts, SMTP ${this.config.env.SMTP_URL ? 'configured' : 'not configured'})`);
  }
}
