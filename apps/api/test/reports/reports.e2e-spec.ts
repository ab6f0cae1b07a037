/**
 * The report endpoints over HTTP with bad input, and the weekly schedule settings (cron
 * validated with node-cron, read in the organization's time zone, enabled or not).
 */
import type { ReportScheduleResponse } from '@spfwatch/contracts';
import { ManualClock } from '../../src/common/clock';
import { ReportScheduleService } from '../../src/modules/reports/report-schedule.service';
import type { CreateReportDto, PutReportScheduleDto } from '../../src/modules/reports/dto/report.dto';
import { createTestApp, loginAs, resetDatabase, type TestApp } from '../support/app';

describe('reports API', () => {
  let t: TestApp;
  let clock: ManualClock;
  let clientId: string;

  beforeAll(async () => {
    // The domain is added in October (the app's clock), the reports are asked for on 2 December.
    clock = new ManualClock('2026-10-15T09:00:00.000Z');
    t = await createTestApp({ clock });
    await resetDatabase(t.prisma);
    clientId = (await t.http.post('/api/clients').send({ name: 'Acme' }).expect(201)).body.id;
    await t.http.post('/api/domains').send({ name: 'acme.example', clientId, paused: true }).expect(201);
    clock.at('2026-12-02T12:00:00.000Z');
  });

  afterAll(async () => {
    await t?.close();
  });

  const issuesOf = (body: { details?: { issues?: Array<{ path: string }> } }) => (body.details?.issues ?? []).map((i) => i.path);

  it('refuses bad report requests with per-field messages', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ from: '2026-11-01', to: '2026-11-07' }, ['clientId']],
      [{ clientId: 'acme', from: '2026-11-01', to: '2026-11-07' }, ['clientId']],
      [{ clientId, from: 'last monday', to: '2026-11-07' }, ['from']],
      [{ clientId, from: '2026-11-01', to: '2026-11-07', format: 'docx' }, ['']],
      [{ clientId, from: '2026-11-07', to: '2026-11-01' }, ['to']],
      [{ clientId, from: '2026-12-05', to: '2026-12-07' }, ['from']],
      [{ clientId, from: '2024-01-01', to: '2026-11-07' }, ['to']],
      [{ clientId: '01900000-0000-7000-8000-000000000000', from: '2026-11-01', to: '2026-11-07' }, ['clientId']],
    ];
    for (const [body, paths] of cases) {
      const response = await t.http.post('/api/reports').send(body as object).expect(400);
      expect({ body, paths: issuesOf(response.body) }).toEqual({ body, paths });
    }
    const list = await t.http.get('/api/reports?clientId=acme&kind=monthly').expect(400);
    expect(issuesOf(list.body).sort()).toEqual(['clientId', 'kind']);
  });

  it('generates a report for a range of whole days, in UTC here, and 404s unknown ids', async () => {
    const body = { clientId, from: '2026-11-01', to: '2026-11-30' } satisfies CreateReportDto;
    const report = (await t.http.post('/api/reports').send(body).expect(201)).body;
    expect(report).toMatchObject({ periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z', timeZone: 'UTC', summary: { domains: 1, unknown: 1 } });
    // ISO date-times are taken as they are; an end in the future is clamped to now.
    const exact = (await t.http.post('/api/reports').send({ clientId, from: '2026-12-01T06:30:00+01:00', to: '2026-12-31T00:00:00Z' }).expect(201)).body;
    expect(exact).toMatchObject({ periodStart: '2026-12-01T05:30:00.000Z', periodEnd: '2026-12-02T12:00:00.000Z' });
    for (const path of ['/api/reports/01900000-0000-7000-8000-000000000000', '/api/reports/01900000-0000-7000-8000-000000000000.pdf', '/api/reports/01900000-0000-7000-8000-000000000000.csv', '/api/reports/nope.pdf']) {
      expect((await t.http.get(path).expect(404)).body.error).toBe('not_found');
    }
    const audit = await t.http.get('/api/audit?action=report.generated').expect(200);
    expect(audit.body.total).toBe(2);
  });

  it('reads and changes the weekly schedule, validating the cron expression', async () => {
    const initial = (await t.http.get('/api/report-schedule').expect(200)).body as ReportScheduleResponse;
    // Default Monday 08:00 UTC; now is Wednesday 2 December 2026.
    expect(initial).toEqual({ cron: '0 8 * * 1', enabled: true, timeZone: 'UTC', nextRuns: ['2026-12-07T08:00:00.000Z', '2026-12-14T08:00:00.000Z', '2026-12-21T08:00:00.000Z'] });

    for (const [cron, message] of [
      ['61 8 * * 1', 'Not a valid cron expression'],
      ['0 0 8 * * 1', 'Expected 5 fields'],
      ['every monday', 'Expected 5 fields'],
    ] as const) {
      const response = await t.http.put('/api/report-schedule').send({ cron } satisfies PutReportScheduleDto).expect(400);
      expect(response.body.details.issues).toEqual([{ path: 'cron', message: expect.stringContaining(message) }]);
    }
    expect(issuesOf((await t.http.put('/api/report-schedule').send({ enabled: 'yes' }).expect(400)).body)).toEqual(['enabled']);

    await t.http.patch('/api/organization').send({ timeZone: 'America/New_York' }).expect(200);
    const weekdays = (await t.http.put('/api/report-schedule').send({ cron: '30 7 * * 1-5' }).expect(200)).body as ReportScheduleResponse;
    // 07:30 New York (UTC−5) on weekdays; it is Wednesday 07:00 there.
    expect(weekdays).toEqual({ cron: '30 7 * * 1-5', enabled: true, timeZone: 'America/New_York', nextRuns: ['2026-12-02T12:30:00.000Z', '2026-12-03T12:30:00.000Z', '2026-12-04T12:30:00.000Z'] });
    const schedule = t.app.get(ReportScheduleService);
    expect(await schedule.enqueueDue(new Date('2026-12-03T12:29:00.000Z'))).toEqual([]);
    expect(await schedule.enqueueDue(new Date('2026-12-03T12:30:00.000Z'))).toEqual([{ organizationId: t.orgId, slot: new Date('2026-12-03T12:30:00.000Z') }]);

    const off = (await t.http.put('/api/report-schedule').send({ enabled: false }).expect(200)).body as ReportScheduleResponse;
    expect(off).toEqual({ cron: '30 7 * * 1-5', enabled: false, timeZone: 'America/New_York', nextRuns: [] });
    expect(await schedule.enqueueDue(new Date('2026-12-04T12:30:00.000Z'))).toEqual([]);

    const member = await loginAs(t, 'member');
    await member.agent.get('/api/report-schedule').expect(200);
    await member.agent.put('/api/report-schedule').send({ enabled: true }).expect(403);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.anonymous.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>> };
    expect(Object.keys(doc.paths['/api/reports']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/reports/{id}.pdf']!.get!.responses!['200']!.content).toHaveProperty('application/pdf');
    expect(doc.paths['/api/reports/{id}.csv']!.get!.responses!['200']!.content).toHaveProperty('text/csv');
    expect(Object.keys(doc.paths['/api/report-schedule']!).sort()).toEqual(['get', 'put']);
  });
});
