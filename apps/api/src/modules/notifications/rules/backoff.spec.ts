import { afterFailure, retryWindowSeconds } from './backoff';

const policy = { maxAttempts: 10, baseSeconds: 30, maxSeconds: 1800 };
const now = new Date('2026-03-02T08:00:00Z');

describe('retry backoff', () => {
  it('doubles the delay from the base, capped, then gives up after the budget', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => {
      const next = afterFailure(attempt, now, policy);
      return 'retryAt' in next ? (next.retryAt.getTime() - now.getTime()) / 1000 : null;
    });
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1800, 1800, 1800]);
    expect(afterFailure(10, now, policy)).toEqual({ giveUp: true });
    expect(afterFailure(1, now, { ...policy, maxAttempts: 1 })).toEqual({ giveUp: true });
  });

  it('spans about two hours with the defaults', () => {
    expect(retryWindowSeconds(policy)).toBe(7290);
  });
});
