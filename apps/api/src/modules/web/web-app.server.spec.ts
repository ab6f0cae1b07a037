import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { CatalogueServiceList } from '@spfwatch/contracts';
import { WEB_DIST_DIR } from './web-app.server';
import { WebModule } from './web.module';

describe('WebModule', () => {
  let dist: string;
  let app: INestApplication;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'spfwatch-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *');
    writeFileSync(join(dist, '.env'), 'SECRET=1');
    const moduleRef = await Test.createTestingModule({ imports: [WebModule] })
      .overrideProvider(WEB_DIST_DIR)
      .useValue(dist)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api', { exclude: ['health', 'ready'] });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, never cached', async () => {
    for (const path of ['/', '/domains/0190c0de-0000-7000-8000-000000000001', '/tools/explain-bounce']) {
      const res = await request(app.getHttpServer()).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('id="root"');
    }
  });

  it('serves hashed assets with a long immutable cache, other files plainly', async () => {
    const asset = await request(app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const robots = await request(app.getHttpServer()).get('/robots.txt').expect(200);
    expect(robots.text).toBe('User-agent: *');
  });

  it('a missing file stays a 404 instead of becoming HTML, and nothing outside dist/ or dot-files is served', async () => {
    const missing = await request(app.getHttpServer()).get('/assets/index-old.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/json/);
    const dotfile = await request(app.getHttpServer()).get('/.env');
    expect(dotfile.text).not.toContain('SECRET');
    for (const path of ['/assets/..%2f..%2fpackage.json', '/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const climb = await request(app.getHttpServer()).get(path);
      expect(climb.text).not.toContain('"name"');
    }
  });

  it('leaves /api, /health and /ready to the API (JSON 404s, not the app)', async () => {
    for (const path of ['/api/nothing-here', '/api', '/health', '/ready']) {
      const res = await request(app.getHttpServer()).get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/json/);
    }
  });

  it('GET /api/tools/services lists the whole catalogue with the include to publish (or the per-customer suffixes)', async () => {
    const res = await request(app.getHttpServer()).get('/api/tools/services').expect(200);
    const body = res.body as CatalogueServiceList;
    expect(body.total).toBe(body.items.length);
    expect(body.items).toContainEqual(expect.objectContaining({ id: 'google-workspace', name: 'Google Workspace', include: '_spf.google.com', category: 'mailbox' }));
    expect(body.items.every((s) => s.include !== '' && (s.include !== null || s.suffixes.length > 0))).toBe(true);
    // HubSpot gives each customer an include of its own: named, but not offered by the builder.
    expect(body.items).toContainEqual(expect.objectContaining({ id: 'hubspot', name: 'HubSpot', include: null, suffixes: ['.hubspotemail.net'] }));
    const names = body.items.map((s) => s.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('POST to a web path is not answered by the app', async () => {
    await request(app.getHttpServer()).post('/domains').expect(404);
  });
});
