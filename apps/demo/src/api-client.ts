/**
 * The demo sets its agency up the way a user does: signed in over HTTP (session cookie, CSRF
 * token on state-changing requests), through the public API.
 */
export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`${path} answered ${status}: ${body.slice(0, 500)}`);
  }
}

export class DemoApiClient {
  private cookies = new Map<string, string>();
  private bearer: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    await this.request('POST', '/api/auth/login', { email, password });
  }

  /** From now on, an API token instead of the session (no CSRF, no idle expiry); null = the session again. */
  useToken(token: string | null): void {
    this.bearer = token;
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    else if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('spfwatch_csrf');
    if (!this.bearer && method !== 'GET' && csrf) headers['x-csrf-token'] = decodeURIComponent(csrf);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const text = await response.text();
    if (!response.ok) throw new DemoApiError(response.status, `${method} ${path}`, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
