/**
 * The one place the web app talks HTTP to the API (same origin, under /api).
 *
 * Accounts (docs/accounts.md) plug in here and only here: the HttpOnly `spfwatch_session`
 * cookie travels with `credentials: 'same-origin'`; `authHeaders()` copies the readable
 * `spfwatch_csrf` cookie into `x-csrf-token` on state-changing requests (double-submit), and
 * `onUnauthorized()` sends the user to /login?next=… when a request answers 401.
 */

export const API_BASE = '/api';

/** The API's error body: `{ error: code, message, details?, correlationId }`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly correlationId?: string,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** Sent as JSON unless it is a string (then as text/plain, e.g. pasted CSV). */
  body?: unknown;
  signal?: AbortSignal;
}

/** `/api/path?x=1&y=a&y=b` — empty values are left out, so defaults stay the API's. */
export function apiUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export const CSRF_COOKIE = 'spfwatch_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A cookie's value from `document.cookie`, or null. */
export function readCookie(name: string, cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Headers every request carries: the CSRF token on POST/PUT/PATCH/DELETE. */
function authHeaders(method: string): Record<string, string> {
  if (method === 'GET') return {};
  const token = readCookie(CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}

/** Pages that work signed out: a 401 there is an answer to show, not a reason to leave. */
const PUBLIC_PATHS = ['/login', '/setup', '/invite/'];

/** `/login?next=<where the user was>` (next left out when it is the home page). */
export function loginPath(next: string): string {
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}

/** Called on 401 from any request but sign-in itself: the session is gone, go to /login. */
function onUnauthorized(path: string): void {
  if (typeof window === 'undefined' || path.startsWith('/auth/login')) return;
  const { pathname, search } = window.location;
  if (PUBLIC_PATHS.some((p) => pathname.startsWith(p))) return;
  window.location.assign(loginPath(`${pathname}${search}`));
}

export async function http<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(method) };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') {
      headers['Content-Type'] = 'text/plain';
      body = options.body;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'The spfwatch server cannot be reached. Is it running?');
  }
  if (response.status === 401) onUnauthorized(path);
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : await response.text()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let parsed: Partial<ApiErrorBody> | undefined;
  try {
    parsed = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    parsed = undefined;
  }
  const code = typeof parsed?.error === 'string' ? parsed.error : `http_${response.status}`;
  const message = typeof parsed?.message === 'string' ? parsed.message : `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, code, message, parsed?.details, parsed?.correlationId);
}

/** Per-field messages of a 400 `validation_failed`, when the API gave them. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error) || !error.details || typeof error.details !== 'object') return {};
  const out: Record<string, string> = {};
  const details = error.details as Record<string, unknown>;
  const list = Array.isArray(details) ? details : Array.isArray(details.issues) ? details.issues : Array.isArray(details.fields) ? details.fields : null;
  if (list) {
    for (const item of list as Array<Record<string, unknown>>) {
      const field = Array.isArray(item.path) ? item.path.join('.') : typeof item.field === 'string' ? item.field : typeof item.path === 'string' ? item.path : '';
      if (typeof item.message === 'string') out[field] = item.message;
    }
    return out;
  }
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
  }
  return out;
}
