/** The OpenAPI document describes the domains, fleet and tools routes with their DTOs. */
import { createTestApp, type TestApp } from '../support/app';

let t: TestApp;
let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.http.get('/api/docs-json').expect(200)).body;
});
afterAll(async () => {
  await t.close();
});

it('lists every route of the three modules', () => {
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  expect(routes).toEqual(
    expect.arrayContaining([
      'GET /api/domains',
      'POST /api/domains',
      'POST /api/domains/import',
      'GET /api/domains/export.csv',
      'GET /api/domains/{id}',
      'PATCH /api/domains/{id}',
      'DELETE /api/domains/{id}',
      'GET /api/fleet/summary',
      'GET /api/fleet/domains',
      'POST /api/tools/check-host',
      'POST /api/tools/analyze',
    ]),
  );
});

it('documents bodies, query filters and content types', () => {
  const importOp = doc.paths['/api/domains/import']!.post;
  expect(Object.keys(importOp.requestBody.content).sort()).toEqual(['application/json', 'text/csv', 'text/plain']);
  expect(importOp.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ImportReportDto');
  expect(Object.keys(importOp.responses)).toEqual(expect.arrayContaining(['400', '409', '413']));
  expect(Object.keys(doc.paths['/api/domains/export.csv']!.get.responses['200'].content)).toEqual(['text/csv']);
  const fleetParams = (doc.paths['/api/fleet/domains']!.get.parameters as Array<{ name: string }>).map((p) => p.name).sort();
  expect(fleetParams).toEqual(['clientId', 'order', 'page', 'pageSize', 'paused', 'search', 'service', 'sort', 'status', 'tag']);
  expect(doc.components.schemas.CreateDomainDto.required).toEqual(['name', 'clientId']);
  expect(doc.components.schemas.FleetSummaryDto.properties).toHaveProperty('recentChanges');
  expect(doc.components.schemas.CheckHostResponseDto.properties).toHaveProperty('reason');
  expect(doc.components.schemas.AnalyzeToolResponseDto.properties).toHaveProperty('comparison');
});
