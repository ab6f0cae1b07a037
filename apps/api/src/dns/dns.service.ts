import { Injectable } from '@nestjs/common';
import { createResolverStack, type ResolverStack } from '@spfwatch/spf';
import { AppConfig } from '../config/app-config';

/**
 * Makes DNS resolver stacks configured from the environment (DNS_SERVERS, DNS_TIMEOUT_MS,
 * DNS_RESOLVER). Each stack has its own cache: make one per check cycle / request and
 * `close()` it when done.
 */
@Injectable()
export class DnsService {
  constructor(private readonly config: AppConfig) {}

  createStack(options: { cache?: boolean; retries?: number } = {}): ResolverStack {
    const { DNS_SERVERS, DNS_TIMEOUT_MS, DNS_RESOLVER } = this.config.env;
    return createResolverStack({
      ...(DNS_SERVERS.length > 0 ? { servers: DNS_SERVERS } : {}),
      timeoutMs: DNS_TIMEOUT_MS,
      implementation: DNS_RESOLVER,
      ...options,
    });
  }
}
