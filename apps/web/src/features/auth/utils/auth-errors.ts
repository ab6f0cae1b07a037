import { isApiError } from '../../../api/http';

/** `next` from /login?next=… when it is a page of this app (never another origin). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/setup')) return '/';
  return next;
}

/** "1 minute", "14 minutes", "30 seconds": how long a throttled sign-in has to wait. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Seconds to wait from a 429's details (`retryAfterSeconds`, also sent as Retry-After). */
export function retryAfterSeconds(error: unknown): number | null {
  if (!isApiError(error) || error.status !== 429) return null;
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
}

/**
 * What the sign-in form says about a failure. Every wrong credential gets the same words (the
 * API does not say which part was wrong, and neither do we).
 */
export function loginErrorMessage(error: unknown): string {
  const wait = retryAfterSeconds(error);
  if (wait !== null) return `Too many failed sign-ins. Try again in ${formatWait(wait)}.`;
  if (isApiError(error)) {
    if (error.status === 401 || error.status === 400) return 'Wrong email or password.';
    if (error.code === 'network_error') return error.message;
  }
  return 'Signing in failed. Please try again.';
}
