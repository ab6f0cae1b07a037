import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import { generateClientReportJob, generateWeeklyReportsJob } from './jobs';
import { ReportsRepository } from './reports.repository';
import { ReportsService, weeklyScheduleKey } from './reports.service';

/** Consumes the report jobs where workers run. */
@Injectable()
export class ReportWorkerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly queue: QueueService,
    private readonly reports: ReportsService,
    private readonly repo: ReportsRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.queue.work(generateWeeklyReportsJob, (data) => this.fanOut(data), { concurrency: 1, batchSize: 2 });
    await this.queue.work(generateClientReportJob, (data) => this.generate(data), { concurrency: 1, batchSize: 2 });
  }

  /** One job per client with domains (keyed, so a retried fan-out does not duplicate them). */
  async fanOut(data: { organizationId: string; periodStart: string; periodEnd: string }): Promise<{ clients: number }> {
    const clients = await this.repo.clientsWithDomains(data.organizationId);
    await this.queue.insert(
      generateClientReportJob,
      clients.map((clientId) => ({ data: { ...data, clientId }, singletonKey: weeklyScheduleKey(clientId, new Date(data.periodEnd)) })),
    );
    this.logger.log(`Weekly reports of ${data.organizationId}: ${clients.length} clients`);
    return { clients: clients.length };
  }

  async generate(data: { organizationId: string; clientId: string; periodStart: string; periodEnd: string }): Promise<{ reportId: string | null }> {
    const periodEnd = new Date(data.periodEnd);
    const report = await this.reports.generate({ organizationId: data.organizationId, clientId: data.clientId, kind: 'weekly', periodStart: new Date(data.periodStart), periodEnd, scheduleKey: weeklyScheduleKey(data.clientId, periodEnd) });
    return { reportId: report?.id ?? null };
  }
}
