/** The seven results of check_host() (RFC 7208 §2.6). */
export type SpfResult = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

export const SPF_RESULTS: readonly SpfResult[] = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'];

/** Processing limits (RFC 7208 §4.6.4), overridable for experiments, defaulting to the RFC's. */
export interface SpfLimits {
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect) per check. */
  maxLookups: number;
  /** Lookups answering NXDOMAIN or no records. */
  maxVoidLookups: number;
  /** MX names looked up by one "mx" term; more is a permerror. */
  maxMxNames: number;
  /** PTR names checked by one "ptr" term or %{p}; the rest are ignored. */
  maxPtrNames: number;
  /** Overall time budget; past it the result is temperror (§4.6.4: at least 20 s). */
  timeoutMs: number;
}

export const RFC_LIMITS: SpfLimits = { maxLookups: 10, maxVoidLookups: 2, maxMxNames: 10, maxPtrNames: 10, timeoutMs: 20_000 };
