import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import type { ErrorResponse } from '@spfwatch/contracts';
import { AppError } from '../../src/common/errors';
import { HealthRepository } from '../../src/modules/health/health.repository';
import { QueueService } from '../../src/queue/queue.service';
import { createTestApp, type TestApp } from '../support/app';

/** Routes that fail on purpose, mounted next to the real AppModule. */
@Controller('test-only')
class FailingController {
  @Get('unprocessable')
  unprocessable(): never {
    throw new AppError('unprocessable', 'Cannot do that', { reason: 'because' });
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret connection string postgresql://u:p@db/x');
  }

  @Post('echo')
  echo(@Body() body: unknown): { body: unknown; type: string } {
    return { body, type: typeof body };
  }
}

@Module({ controllers: [FailingController] })
class FailingModule {}

describe('HTTP core (role all)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [FailingModule], env: { BODY_LIMIT: '2kb' } });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('probes', () => {
    it('GET /health is 200 { status: ok } outside the /api prefix', async () => {
      expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      await t.http.get('/api/health').expect(404);
    });

    it('GET /ready is 200 when the database and the queue answer', async () => {
      expect((await t.http.get('/ready').expect(200)).body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });
    });

    it('GET /ready is 503 naming the database when SELECT 1 fails', async () => {
      const ping = jest.spyOn(t.app.get(HealthRepository), 'ping').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      const res = await t.http.get('/ready').expect(503);
      expect(res.body).toEqual({
        status: 'unavailable',
        checks: { database: 'failed', queue: 'ok' },
        errors: { database: 'connect ECONNREFUSED 127.0.0.1:5432' },
      });
      ping.mockRestore();
    });
  });

  describe('OpenAPI', () => {
    it('serves the document at /api/docs-json with the clients routes', async () => {
      const res = await t.http.get('/api/docs-json').expect(200);
      const paths = res.body.paths as Record<string, Record<string, unknown>>;
      expect(Object.keys(paths['/api/clients'] ?? {}).sort()).toEqual(['get', 'post']);
      expect(Object.keys(paths['/api/clients/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'patch']);
      expect(Object.keys(paths['/api/organization'] ?? {}).sort()).toEqual(['get', 'patch']);
      expect(paths['/health']).toBeDefined();
      expect(res.body.components.schemas.CreateClientDto.required).toEqual(['name']);
      expect(res.body.components.schemas.ErrorResponseDto).toBeDefined();
    });

    it('serves the Swagger UI and its assets locally (no CDN)', async () => {
      const page = await t.http.get('/api/docs').expect(200);
      expect(page.text).toContain('swagger-ui');
      expect(page.text).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs)/);
      const bundle = await t.http.get('/api/docs/swagger-ui-bundle.js').expect(200);
      expect(bundle.text.length).toBeGreaterThan(100_000);
      await t.http.get('/api/docs/swagger-ui.css').expect(200);
    });
  });

  describe('errors', () => {
    it('maps an AppError code to its status with the shared shape', async () => {
      const res = await t.http.get('/api/test-only/unprocessable').expect(422);
      expect(res.body).toEqual({
        error: 'unprocessable',
        message: 'Cannot do that',
        details: { reason: 'because' },
        correlationId: String(res.headers['x-request-id']),
      } satisfies ErrorResponse);
    });

    it('turns anything else into a sanitised 500 with the correlation id', async () => {
      const res = await t.http.get('/api/test-only/crash').set('x-request-id', 'trace-500').expect(500);
      expect(res.body).toEqual({ error: 'internal_error', message: 'Internal server error', correlationId: 'trace-500' });
      expect(JSON.stringify(res.body)).not.toContain('postgresql');
    });

    it('404 not_found for an unknown route', async () => {
      const res = await t.http.get('/api/no-such-thing').expect(404);
      expect(res.body).toMatchObject({ error: 'not_found', message: 'Cannot GET /api/no-such-thing' });
    });

    it('400 bad_request for malformed JSON', async () => {
      const res = await t.http.post('/api/clients').set('content-type', 'application/json').send('{"name":').expect(400);
      expect(res.body).toMatchObject({ error: 'bad_request', message: 'Malformed JSON in request body' });
      expect(res.body.correlationId).toBe(res.headers['x-request-id']);
    });

    it('413 payload_too_large over BODY_LIMIT, JSON or text, with a correlation id', async () => {
      const json = await t.http.post('/api/clients').send({ name: 'x'.repeat(3000) }).expect(413);
      expect(json.body).toEqual({ error: 'payload_too_large', message: 'Request body is too large', correlationId: json.headers['x-request-id'] });
      const text = await t.http.post('/api/test-only/echo').set('content-type', 'text/csv').send('a,b\n'.repeat(1000)).expect(413);
      expect(text.body.error).toBe('payload_too_large');
      // Just under the limit passes.
      await t.http.post('/api/test-only/echo').send({ name: 'x'.repeat(1900) }).expect(201);
    });
  });

  describe('request handling', () => {
    it('echoes a valid x-request-id and replaces an invalid one', async () => {
      const kept = await t.http.get('/health').set('x-request-id', 'abc-123.DEF:4');
      expect(kept.headers['x-request-id']).toBe('abc-123.DEF:4');
      const replaced = await t.http.get('/health').set('x-request-id', 'bad id with spaces');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const generated = await t.http.get('/health');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.headers['x-request-id']).not.toBe(replaced.headers['x-request-id']);
    });

    it('accepts text/csv and text/plain bodies as strings', async () => {
      const csv = await t.http.post('/api/test-only/echo').set('content-type', 'text/csv').send('client,domain\nAcme,acme.example\n').expect(201);
      expect(csv.body).toEqual({ body: 'client,domain\nAcme,acme.example\n', type: 'string' });
      const plain = await t.http.post('/api/test-only/echo').set('content-type', 'text/plain; charset=utf-8').send('acme.example').expect(201);
      expect(plain.body).toEqual({ body: 'acme.example', type: 'string' });
    });

    it('sends no CORS headers when CORS_ORIGINS is empty, and no x-powered-by', async () => {
      const res = await t.http.get('/api/clients').set('origin', 'http://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  it('GET /ready is 503 naming the queue once it has stopped', async () => {
    await t.app.get(QueueService).stop();
    const res = await t.http.get('/ready').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { database: 'ok', queue: 'failed' }, errors: { queue: 'queue not started' } });
  });
});

describe('roles and CORS', () => {
  it('a worker answers only /health and /ready, and serves no docs', async () => {
    const t = await createTestApp({ env: { SPFWATCH_ROLE: 'worker' } });
    try {
      await t.http.get('/health').expect(200);
      await t.http.get('/ready').expect(200);
      const api = await t.http.get('/api/clients').expect(404);
      expect(api.body).toMatchObject({ error: 'not_found', message: expect.stringContaining('SPFWATCH_ROLE=worker') });
      await t.http.get('/api/docs-json').expect(404);
    } finally {
      await t.close();
    }
  });

  it('an api process registers no queue workers', async () => {
    const t = await createTestApp({ env: { SPFWATCH_ROLE: 'api' } });
    try {
      expect(t.config.runsWorkers).toBe(false);
      expect(t.config.runsScheduler).toBe(false);
      await t.http.get('/api/clients').expect(200);
    } finally {
      await t.close();
    }
  });

  it('allows the configured origins when CORS_ORIGINS is set', async () => {
    const t = await createTestApp({ env: { CORS_ORIGINS: ['http://localhost:5173'] } });
    try {
      const allowed = await t.http.get('/api/clients').set('origin', 'http://localhost:5173').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(allowed.headers['access-control-expose-headers']).toContain('x-request-id');
      const other = await t.http.get('/api/clients').set('origin', 'http://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
