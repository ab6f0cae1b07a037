export interface FakeCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Handler = (call: FakeCall) => unknown;

/**
 * Replaces global fetch with one that answers `METHOD /api/path` from `routes` (JSON, 200; a
 * handler may return `{ status, body }` via `reply()`), records every call, and fails the test
 * on an unexpected request.
 */
export function installFakeFetch(routes: Record<string, Handler>): { calls: FakeCall[]; restore: () => void } {
  const calls: FakeCall[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' && init.body.startsWith('{') ? JSON.parse(init.body) : init?.body;
    const call: FakeCall = { method, path: url.pathname, query: url.searchParams, body };
    calls.push(call);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) throw new Error(`Unexpected request ${method} ${url.pathname}`);
    const out = handler(call);
    const { status, payload } = isReply(out) ? { status: out.status, payload: out.body } : { status: 200, payload: out };
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json; charset=utf-8' : null) },
      json: async () => payload,
      text: async () => JSON.stringify(payload),
    } as unknown as Response;
  }) as typeof fetch;
  return { calls, restore: () => void (globalThis.fetch = original) };
}

const REPLY = Symbol('reply');

export function reply(status: number, body: unknown): { [REPLY]: true; status: number; body: unknown } {
  return { [REPLY]: true, status, body };
}

function isReply(value: unknown): value is { status: number; body: unknown } {
  return typeof value === 'object' && value !== null && REPLY in value;
}
