import { createResolverStack, isResolverConfigError, type Resolver } from '@spfwatch/spf';
import type { ResolverSettings } from './options';

export interface OpenResolver {
  resolver: Resolver;
  close(): void;
}

/** The engine refused a DNS setting the option parsers let through; reported as a usage error. */
export class DnsSettingsError extends Error {
  override readonly name = 'DnsSettingsError';
}

/**
 * One cached resolver stack per run: every check of a batch shares its cache and merges
 * identical in-flight queries, so a thousand senders of one domain cost one set of lookups.
 */
export function openResolver(settings: ResolverSettings): OpenResolver {
  try {
    const stack = createResolverStack({
      implementation: settings.implementation,
      cache: true,
      ...(settings.servers !== undefined ? { servers: settings.servers } : {}),
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
    });
    return { resolver: stack.resolver, close: () => stack.close() };
  } catch (error) {
    if (isResolverConfigError(error)) throw new DnsSettingsError(error.message);
    throw error;
  }
}
