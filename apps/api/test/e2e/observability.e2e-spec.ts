/**
 * /metrics (Prometheus text, fleet gauges read from Postgres, optional METRICS_TOKEN) and the
 * JSON access log (request id, redacted secrets) on a real app and database.
 */
import { Writable } from 'node:stream';
import supertest from 'supertest';
import { AppLogger } from '../../src/common/app-logger';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';

/** The value of one sample line, e.g. `spfwatch_domains{role="all",status="unknown"}`. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{([^}]*)\}/.exec(line)?.[1] ?? '';
    const have = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('GET /metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.prisma);
    const clientId = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id as string;
    for (const name of ['one.example', 'two.example']) await t.http.post('/api/domains').send({ name, clientId }).expect(201);
    await t.http.post('/api/domains').send({ name: 'paused.example', clientId, paused: true }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves Prometheus text without a session: fleet gauges, queue depth, process and HTTP metrics', async () => {
    await t.anonymous.get('/api/clients').expect(401);
    const res = await t.anonymous.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const body = res.text;
    // Paused domains are not monitored; nothing is checked yet.
    expect(sample(body, 'spfwatch_domains', { status: 'unknown' })).toBe(2);
    expect(sample(body, 'spfwatch_domains', { status: 'broken' })).toBe(0);
    expect(sample(body, 'spfwatch_alerts_open', { severity: 'critical' })).toBe(0);
    expect(sample(body, 'spfwatch_notifications', { status: 'failed' })).toBe(0);
    expect(body).toMatch(/^# TYPE spfwatch_queue_jobs gauge$/m);
    expect(body).toMatch(/^# TYPE spfwatch_checks_total counter$/m);
    expect(body).toMatch(/^# TYPE spfwatch_dns_queries_total counter$/m);
    expect(body).toMatch(/^# TYPE spfwatch_cycle_duration_seconds gauge$/m);
    expect(sample(body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // Route patterns, never concrete paths: the 401 above is counted under /api/clients.
    expect(sample(body, 'spfwatch_http_requests_total', { method: 'GET', route: '/api/clients', status: '401' })).toBe(1);
    expect(body).not.toMatch(/one\.example|Acme/);
  });

  it('a tool request and a check count their DNS work; the check counts by outcome and status', async () => {
    await t.http.post('/api/tools/analyze').send({ domain: 'one.example' }).expect(200);
    const domains = (await t.http.get('/api/domains?search=one.example').expect(200)).body as { items: Array<{ id: string }> };
    await t.http.post(`/api/domains/${domains.items[0]!.id}/check`).expect(200);
    const body = (await t.anonymous.get('/metrics').expect(200)).text;
    // Nothing answers DNS here: the check ends in a DNS error.
    expect(sample(body, 'spfwatch_checks_total', { outcome: 'error' })).toBe(1);
    expect(sample(body, 'spfwatch_check_results_total', { status: 'temperror' })).toBe(1);
    expect(sample(body, 'spfwatch_check_duration_seconds_count')).toBe(1);
    // The test DNS (127.0.0.1:1) refuses: queries were sent and failed.
    expect(sample(body, 'spfwatch_dns_queries_total')).toBeGreaterThan(0);
    expect(sample(body, 'spfwatch_dns_errors_total')).toBeGreaterThan(0);
  });

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    const guarded = await createTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    try {
      const refused = await guarded.anonymous.get('/metrics').expect(401);
      expect(refused.body).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') });
      await guarded.anonymous.get('/metrics').set('authorization', 'Bearer wrong-token-0123456789').expect(401);
      await guarded.anonymous.get('/metrics').set('authorization', 'Bearer scrape-token-0123456789').expect(200);
    } finally {
      await guarded.close();
    }
  });

  it('a worker serves it too', async () => {
    const worker = await createTestApp({ env: { SPFWATCH_ROLE: 'worker' } });
    try {
      const body = (await worker.anonymous.get('/metrics').expect(200)).text;
      expect(sample(body, 'spfwatch_domains', { role: 'worker', status: 'unknown' })).toBe(2);
    } finally {
      await worker.close();
    }
  });
});

describe('access log (LOG_FORMAT=json)', () => {
  it('one line per request with its request id and status; tokens in the path are redacted, headers never logged', async () => {
    const out: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push(chunk.toString());
        done();
      },
    });
    // warn: the app's own start-up lines stay out; a 404 is logged at warn.
    const logger = new AppLogger('warn', 'json', { destination: destination as never });
    const t = await createTestApp({ logger });
    try {
      const secretPath = '/api/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
      await supertest(t.app.getHttpServer()).get(secretPath).set('x-request-id', 'trace-42').set('cookie', 'spfwatch_session=hunter2').expect(404);
      await supertest(t.app.getHttpServer()).get('/health').expect(200);
      const entries = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const access = entries.filter((e) => e.req !== undefined);
      expect(access).toHaveLength(1);
      expect(access[0]).toMatchObject({ level: 'warn', requestId: 'trace-42', req: { id: 'trace-42', method: 'GET', url: '/api/invitations/[redacted]' }, res: { statusCode: 404 } });
      expect(out.join('')).not.toMatch(/AbCdEfGhIjKl|hunter2/);
    } finally {
      await t.close();
    }
  });
});
