export interface RetryPolicy {
  maxAttempts: number;
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * What happens after failed attempt number `attempt` (1-based): the next try after
 * base × 2^(attempt−1) seconds (capped at maxSeconds), or give up once maxAttempts are spent.
 * Defaults (10 attempts, 30 s, 30 min): 30 s, 1, 2, 4, 8, 16, 30, 30, 30 min → failed ~2 h after the first.
 */
export function afterFailure(attempt: number, now: Date, policy: RetryPolicy): { retryAt: Date } | { giveUp: true } {
  if (attempt >= policy.maxAttempts) return { giveUp: true };
  const seconds = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1));
  return { retryAt: new Date(now.getTime() + seconds * 1000) };
}

/** Total time from the first attempt to the last with this policy (seconds), for docs and checks. */
export function retryWindowSeconds(policy: RetryPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) total += Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (attempt - 1));
  return total;
}
