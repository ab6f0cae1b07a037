import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import { LoginThrottleRepository } from './login-throttle.repository';

/** Sliding window of failed sign-ins. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures per account (email tried) in the window before sign-in is refused with 429. */
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
/** Failures per client IP in the window (higher: an office shares one address). */
export const LOGIN_MAX_FAILURES_PER_IP = 20;

export type ThrottleDecision = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/**
 * Login throttling in the database (so it holds across API instances and restarts): counts
 * failures per email and per IP over the last 15 minutes. Checked before the password is,
 * so a correct password does not get through a lockout either.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repository: LoginThrottleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(email: string, ip: string): Promise<ThrottleDecision> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [account, address] = await Promise.all([this.repository.failuresSince({ email }, since), this.repository.failuresSince({ ip }, since)]);
    const waits: number[] = [];
    if (account.count >= LOGIN_MAX_FAILURES_PER_ACCOUNT && account.oldest) waits.push(account.oldest.getTime() + LOGIN_WINDOW_MS - now.getTime());
    if (address.count >= LOGIN_MAX_FAILURES_PER_IP && address.oldest) waits.push(address.oldest.getTime() + LOGIN_WINDOW_MS - now.getTime());
    if (waits.length === 0) return { blocked: false };
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    await this.repository.record(email, ip, now, new Date(now.getTime() - LOGIN_WINDOW_MS));
  }

  /** A successful sign-in clears the account's failures (not the IP's). */
  async recordSuccess(email: string): Promise<void> {
    await this.repository.clearAccount(email);
  }
}
