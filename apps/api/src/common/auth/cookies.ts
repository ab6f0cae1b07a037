import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'spfwatch_session';
export const CSRF_COOKIE = 'spfwatch_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type CookieSecureSetting = 'auto' | 'true' | 'false';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** One cookie's value from the Cookie header (no cookie-parser needed for two cookies). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const raw = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Secure flag: `auto` sets it unless the request is plain http to localhost (local
 * development and tests); behind a TLS-terminating proxy set TRUST_PROXY so express sees https.
 */
export function cookieIsSecure(setting: CookieSecureSetting, request: Request): boolean {
  if (setting !== 'auto') return setting === 'true';
  if (request.secure) return true;
  const host = (request.hostname ?? '').toLowerCase();
  return !(LOCAL_HOSTS.has(host) || host.startsWith('127.'));
}

/**
 * Sets the session cookie (HttpOnly: scripts never see it) and the CSRF cookie (readable by
 * the web app, which echoes it in `x-csrf-token`), both SameSite=Lax, until `expiresAt`.
 */
export function setSessionCookies(response: Response, request: Request, setting: CookieSecureSetting, values: { session: string; csrf: string; expiresAt: Date; now: Date }): void {
  const secure = cookieIsSecure(setting, request);
  const maxAge = Math.max(0, values.expiresAt.getTime() - values.now.getTime());
  response.cookie(SESSION_COOKIE, values.session, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  response.cookie(CSRF_COOKIE, values.csrf, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function clearSessionCookies(response: Response, request: Request, setting: CookieSecureSetting): void {
  const secure = cookieIsSecure(setting, request);
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
  response.clearCookie(CSRF_COOKIE, { httpOnly: false, sameSite: 'lax', secure, path: '/' });
}
