import { Injectable } from '@nestjs/common';
import type { ResolverStats } from '@spfwatch/spf';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { MetricsAccess } from './metrics-access';
import { MetricsRepository, type CountRow } from './metrics.repository';

/** Check outcomes as recorded (a duplicate is a retried job that found its check done). */
export type CheckOutcomeLabel = 'changed' | 'unchanged' | 'error' | 'duplicate';

/**
 * Prometheus metrics of this process (prom-client, one registry per app instance). Counters
 * are this process's own work (checks it ran, DNS queries it sent, HTTP requests it served);
 * gauges read at scrape time from Postgres are the fleet's (the same from every instance).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly checks: Counter<'outcome'>;
  private readonly results: Counter<'status'>;
  private readonly checkSeconds: Histogram;
  private readonly dnsQueries: Counter;
  private readonly dnsCacheHits: Counter;
  private readonly dnsErrors: Counter;
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpSeconds: Histogram<'method' | 'route'>;

  constructor(
    config: AppConfig,
    repo: MetricsRepository,
    private readonly access: MetricsAccess,
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ role: config.env.SPFWATCH_ROLE });
    collectDefaultMetrics({ register: this.registry });

    this.checks = new Counter({ name: 'spfwatch_checks_total', help: 'Domain checks recorded by this process, by outcome', labelNames: ['outcome'], registers });
    this.results = new Counter({ name: 'spfwatch_check_results_total', help: 'Domain checks by analysis status (ok, none, permerror, temperror)', labelNames: ['status'], registers });
    this.checkSeconds = new Histogram({ name: 'spfwatch_check_duration_seconds', help: 'Time to analyse one domain (DNS included)', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers });
    this.dnsQueries = new Counter({ name: 'spfwatch_dns_queries_total', help: 'DNS queries this process sent to its resolvers (retries included)', registers });
    this.dnsCacheHits = new Counter({ name: 'spfwatch_dns_cache_hits_total', help: 'DNS lookups answered from the per-cycle cache', registers });
    this.dnsErrors = new Counter({ name: 'spfwatch_dns_errors_total', help: 'DNS queries that ended in a timeout or server failure', registers });
    this.httpRequests = new Counter({ name: 'spfwatch_http_requests_total', help: 'HTTP requests served, by route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.httpSeconds = new Histogram({ name: 'spfwatch_http_request_duration_seconds', help: 'HTTP request duration by route pattern', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers });

    const fromRows = (gauge: Gauge<string>, label: string, rows: CountRow[], expected: readonly string[] = []) => {
      gauge.reset();
      for (const key of expected) gauge.set({ [label]: key }, 0);
      for (const row of rows) gauge.set({ [label]: row.key }, row.n);
    };
    new Gauge({
      name: 'spfwatch_domains',
      help: 'Monitored (not paused) domains by status',
      labelNames: ['status'],
      registers,
      async collect() {
        fromRows(this, 'status', await repo.domainsByStatus(), ['ok', 'warning', 'broken', 'unknown']);
      },
    });
    new Gauge({
      name: 'spfwatch_alerts_open',
      help: 'Open or acknowledged alerts by severity',
      labelNames: ['severity'],
      registers,
      async collect() {
        fromRows(this, 'severity', await repo.openAlertsBySeverity(), ['info', 'warning', 'critical']);
      },
    });
    new Gauge({
      name: 'spfwatch_notifications',
      help: 'Notifications by delivery status (delivered = sent, failed = gave up after the retry budget)',
      labelNames: ['status'],
      registers,
      async collect() {
        fromRows(this, 'status', await repo.notificationsByStatus(), ['pending', 'sending', 'delivered', 'failed']);
      },
    });
    new Gauge({
      name: 'spfwatch_queue_jobs',
      help: 'pg-boss jobs waiting or running, by queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const row of await repo.queueDepth()) {
          const [queue, state] = row.key.split(' ');
          this.set({ queue: queue!, state: state! }, row.n);
        }
      },
    });
    const cycle = { enqueued: 0, done: 0, seconds: 0 };
    const refreshCycle = async () => Object.assign(cycle, (await repo.latestCycle()) ?? { enqueued: 0, done: 0, seconds: 0 });
    new Gauge({
      name: 'spfwatch_cycle_duration_seconds',
      help: 'Latest scheduler tick: seconds from its start to its last recorded check',
      registers,
      async collect() {
        await refreshCycle();
        this.set(cycle.seconds);
      },
    });
    new Gauge({
      name: 'spfwatch_cycle_checks',
      help: 'Latest scheduler tick: domains enqueued and checks recorded so far',
      labelNames: ['kind'],
      registers,
      collect() {
        // Read after spfwatch_cycle_duration_seconds (registration order) refreshed the row.
        this.set({ kind: 'enqueued' }, cycle.enqueued);
        this.set({ kind: 'done' }, cycle.done);
      },
    });
  }

  /** One recorded check: its outcome, the analysis status, and how long the analysis took. */
  recordCheck(outcome: CheckOutcomeLabel, status: string, durationMs: number): void {
    this.checks.inc({ outcome });
    if (outcome !== 'duplicate') {
      this.results.inc({ status });
      this.checkSeconds.observe(durationMs / 1000);
    }
  }

  /** What a resolver stack did during its life (called when it is closed). */
  recordDns(stats: Pick<ResolverStats, 'queriesSent' | 'cacheHits' | 'errors'>): void {
    this.dnsQueries.inc(stats.queriesSent);
    this.dnsCacheHits.inc(stats.cacheHits);
    this.dnsErrors.inc(stats.errors);
  }

  recordHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpSeconds.observe({ method, route }, seconds);
  }

  /** The Prometheus text exposition, for a scraper that carries METRICS_TOKEN when one is set. */
  async scrape(authorization: string | undefined): Promise<{ contentType: string; body: string }> {
    this.access.assertAllowed(authorization);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
