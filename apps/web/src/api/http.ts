/**
 * The one place the web app talks HTTP to the API (same origin, under /api).
 *
 * Accounts (issue 4) plug in here and only here: the session cookie already travels with
 * `credentials: 'same-origin'`; `authHeaders()` is where the CSRF header goes, and
 * `onUnauthorized` is where a 401 will send the user to the login page.
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

/** Headers every request carries. Accounts will add the CSRF token for unsafe methods here. */
function authHeaders(_method: string): Record<string, string> {
  return {};
}

/** Called on 401. Accounts will redirect to /login here; until then it is just an error. */
function onUnauthorized(): void {}

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
  if (response.status === 401) onUnauthorized();
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
