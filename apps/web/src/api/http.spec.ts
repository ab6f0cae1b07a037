import { installFakeFetch } from '../test/fake-fetch';
import { http, loginPath, readCookie } from './http';

describe('http', () => {
  afterEach(() => {
    document.cookie = 'spfwatch_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('reads one cookie among several', () => {
    expect(readCookie('spfwatch_csrf', 'a=1; spfwatch_csrf=abc%3D; b=2')).toBe('abc=');
    expect(readCookie('spfwatch_csrf', 'a=1')).toBeNull();
  });

  it('sends the CSRF cookie as x-csrf-token on state-changing requests only', async () => {
    document.cookie = 'spfwatch_csrf=tok123; path=/';
    const seen: Array<Record<string, string>> = [];
    const fake = installFakeFetch({ 'GET /api/x': () => ({}), 'POST /api/x': () => ({}) });
    const inner = globalThis.fetch;
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ ...(init?.headers as Record<string, string>) });
      return inner(input, init);
    }) as typeof fetch;
    try {
      await http('/x');
      await http('/x', { method: 'POST', body: {} });
    } finally {
      fake.restore();
    }
    expect(seen[0]?.['x-csrf-token']).toBeUndefined();
    expect(seen[1]?.['x-csrf-token']).toBe('tok123');
  });

  it('builds the login path with the page to come back to', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/alerts?status=open')).toBe('/login?next=%2Falerts%3Fstatus%3Dopen');
  });
});
