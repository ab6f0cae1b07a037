import { Injectable } from '@nestjs/common';
import { createResolverStack, type ResolverStack } from '@spfwatch/spf';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../modules/metrics/metrics.service';

/**
 * Makes DNS resolver stacks configured from the environment (DNS_SERVERS, DNS_TIMEOUT_MS,
 * DNS_RESOLVER). Each stack has its own cache: make one per check cycle / request and
 * `close()` it when done.
 */
@Injectable()
export class DnsService {
  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** A stack whose queries and cache hits are added to /metrics when it is closed. */
  createStack(options: { cache?: boolean; retries?: number } = {}): ResolverStack {
    const { DNS_SERVERS, DNS_TIMEOUT_MS, DNS_RESOLVER } = this.config.env;
    const stack = createResolverStack({
      ...(DNS_SERVERS.length > 0 ? { servers: DNS_SERVERS } : {}),
      timeoutMs: DNS_TIMEOUT_MS,
      implementation: DNS_RESOLVER,
      ...options,
    });
    let closed = false;
    return {
      ...stack,
      close: () => {
        if (closed) return;
        closed = true;
        this.metrics.recordDns(stack.stats());
        stack.close();
      },
    };
  }
}
