import { IMPORT_MAX_LINES, type ImportReport } from '@spfwatch/contracts';
import { parse } from 'csv-parse/sync';
import { ManualClock } from '../../src/common/clock';
import { DomainsRepository } from '../../src/modules/domains/domains.repository';
import type { ImportDomainsDto } from '../../src/modules/domains/dto/import.dto';
import { createTestApp, resetDatabase, type TestApp } from '../support/app';
import { createClientRow, createOtherOrganization, createSnapshotRow, UNKNOWN_ID } from './helpers';

const NOW = '2026-11-22T10:00:00.000Z';

let t: TestApp;
const clock = new ManualClock(NOW);
let acme: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetDatabase(t.prisma);
  acme = await createClientRow(t.prisma, t.orgId, 'Acme');
});

async function importJson(body: ImportDomainsDto, status = 200): Promise<ImportReport> {
  const res = await t.http.post('/api/domains/import').send(body).expect(status);
  return res.body as ImportReport;
}

/** What the organization holds: "client|domain|tags", sorted. */
async function stored(): Promise<string[]> {
  const rows = await t.prisma.domain.findMany({ where: { organizationId: t.orgId }, select: { name: true, tags: true, client: { select: { name: true } } } });
  return rows.map((r) => `${r.client.name}|${r.name}|${r.tags.join(';')}`).sort();
}

const CSV = [
  'client,domain,tags',
  'Acme,example.com,vip;eu', // created (existing client)
  '"Globex, Inc.",Globex.example.,"a|b"', // created (new client, quoted comma)
  'acme,bücher.example,', // created (IDN, client matched regardless of case)
  'Acme,existing.example,', // duplicate of the organization's domain
  'Globex, Inc.,x.example,', // 4 fields → unreadable here? no: header CSV ignores extra columns → domain " Inc." invalid
  'Acme,EXAMPLE.com,', // duplicate of line 2
  'Acme,not_valid..example,', // invalid
  'Acme,localhost,', // invalid (single label)
].join('\n');

describe('POST /api/domains/import (JSON)', () => {
  beforeEach(async () => {
    await t.prisma.domain.create({ data: { organizationId: t.orgId, clientId: acme.id, name: 'existing.example' } });
  });

  it('reports every line, creates the valid ones and their new clients in one go', async () => {
    const report = await importJson({ text: CSV });
    expect(report).toEqual({
      dryRun: false,
      created: 3,
      duplicates: 2,
      invalid: 3,
      clientsCreated: ['Globex, Inc.'],
      lines: [
        { line: 2, input: 'Acme,example.com,vip;eu', status: 'created', domain: 'example.com', client: 'Acme', tags: ['vip', 'eu'] },
        { line: 3, input: '"Globex, Inc.",Globex.example.,"a|b"', status: 'created', domain: 'globex.example', client: 'Globex, Inc.', tags: ['a', 'b'] },
        { line: 4, input: 'acme,bücher.example,', status: 'created', domain: 'xn--bcher-kva.example', client: 'Acme', tags: [] },
        { line: 5, input: 'Acme,existing.example,', status: 'duplicate', domain: 'existing.example', client: 'Acme', reason: 'existing.example is already monitored (client Acme)' },
        { line: 6, input: 'Globex, Inc.,x.example,', status: 'invalid', reason: "'Inc.' is not a fully qualified domain name (it has a single label)" },
        { line: 7, input: 'Acme,EXAMPLE.com,', status: 'duplicate', domain: 'example.com', client: 'Acme', reason: 'example.com is already on line 2' },
        { line: 8, input: 'Acme,not_valid..example,', status: 'invalid', reason: "'not_valid..example' has an empty label" },
        { line: 9, input: 'Acme,localhost,', status: 'invalid', reason: "'localhost' is not a fully qualified domain name (it has a single label)" },
      ],
    } satisfies ImportReport);
    expect(await stored()).toEqual([
      'Acme|example.com|vip;eu',
      'Acme|existing.example|',
      'Acme|xn--bcher-kva.example|',
      'Globex, Inc.|globex.example|a;b',
    ]);
    const due = await t.prisma.domain.findMany({ where: { name: { not: 'existing.example' } }, select: { nextCheckAt: true } });
    expect(due.map((d) => d.nextCheckAt.toISOString())).toEqual([NOW, NOW, NOW]);
  });

  it('a dry run answers the same report and writes nothing', async () => {
    const dry = await importJson({ text: CSV, dryRun: true });
    expect(await stored()).toEqual(['Acme|existing.example|']);
    expect(await t.prisma.client.count()).toBe(1);
    const real = await importJson({ text: CSV });
    expect({ ...dry, dryRun: false }).toEqual(real);
  });

  it('pasted lines use the default client by name (created) or by id', async () => {
    const text = '# domains to add\nalpha.example\n\nAcme,beta.example\n  # done\n';
    const byName = await importJson({ text, defaultClient: 'Hooli' });
    expect(byName.lines.map((l) => [l.line, l.status, l.client])).toEqual([
      [2, 'created', 'Hooli'],
      [4, 'created', 'Acme'],
    ]);
    expect(byName.clientsCreated).toEqual(['Hooli']);
    const byId = await importJson({ text: 'gamma.example\n', defaultClientId: acme.id });
    expect(byId.lines[0]).toMatchObject({ status: 'created', client: 'Acme' });
    expect(await stored()).toEqual(['Acme|beta.example|', 'Acme|existing.example|', 'Acme|gamma.example|', 'Hooli|alpha.example|']);
  });

  it('lines without a client and no default are invalid', async () => {
    const report = await importJson({ text: 'alpha.example\n' });
    expect(report.lines).toEqual([{ line: 1, input: 'alpha.example', status: 'invalid', domain: 'alpha.example', reason: 'no client on this line and no default client chosen' }]);
  });

  it('400 naming the field: missing text, empty text, unknown or foreign defaultClientId, both defaults, bad dryRun', async () => {
    const other = await createOtherOrganization(t.prisma);
    const missing = await t.http.post('/api/domains/import').send({}).expect(400);
    expect(missing.body.details.issues).toEqual([{ path: 'text', message: 'Required' }]);
    const empty = await t.http.post('/api/domains/import').send({ text: '\n# nothing\n' } satisfies ImportDomainsDto).expect(400);
    expect(empty.body.details.issues).toEqual([{ path: 'text', message: 'Nothing to import: no domain lines (blank lines and # comments are ignored)' }]);
    for (const id of [UNKNOWN_ID, other.clientId]) {
      const res = await t.http.post('/api/domains/import').send({ text: 'a.example', defaultClientId: id } satisfies ImportDomainsDto).expect(400);
      expect(res.body.details.issues).toEqual([{ path: 'defaultClientId', message: `No client ${id} in this organization` }]);
    }
    const both = await t.http.post('/api/domains/import').send({ text: 'a.example', defaultClient: 'A', defaultClientId: acme.id } satisfies ImportDomainsDto).expect(400);
    expect(both.body.details.issues).toEqual([{ path: 'defaultClientId', message: 'give defaultClient or defaultClientId, not both' }]);
    const dry = await t.http.post('/api/domains/import').send({ text: 'a.example', dryRun: 'yes' }).expect(400);
    expect(dry.body.details.issues.map((i: { path: string }) => i.path)).toEqual(['dryRun']);
    expect(await stored()).toEqual(['Acme|existing.example|']);
  });

  it('413 beyond 20,000 lines, and nothing is written', async () => {
    const text = Array.from({ length: IMPORT_MAX_LINES + 1 }, (_, i) => `d${i}.example`).join('\n');
    const res = await t.http.post('/api/domains/import').send({ text, defaultClient: 'Bulk' } satisfies ImportDomainsDto).expect(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', message: 'The import has 20001 lines; the limit is 20,000 per import. Split it into several imports.' });
    expect(await t.prisma.domain.count()).toBe(1);
  });

  it('imports 20,000 lines in one transaction', async () => {
    const text = ['client,domain,tags', ...Array.from({ length: IMPORT_MAX_LINES }, (_, i) => `Client ${i % 40},d${i}.bulk.example,t${i % 3}`)].join('\n');
    const report = await importJson({ text });
    expect([report.created, report.duplicates, report.invalid, report.clientsCreated.length]).toEqual([20_000, 0, 0, 40]);
    expect(await t.prisma.domain.count({ where: { organizationId: t.orgId } })).toBe(20_001);
    expect(await t.prisma.domain.count({ where: { client: { name: 'Client 7' } } })).toBe(500);
  }, 60_000);

  it('a write that fails half-way keeps nothing (a domain added meanwhile → 409)', async () => {
    // The plan believes existing.example is free (as if another request added it after the
    // check). It sits in the second chunk of rows: the new client and the first 5,000 domains
    // are already written in the transaction when the unique index refuses it.
    const repository = t.app.get(DomainsRepository);
    const spy = jest.spyOn(repository, 'findExistingNames').mockResolvedValueOnce(new Map());
    try {
      const names = Array.from({ length: 6_000 }, (_, i) => (i === 5_500 ? 'existing.example' : `n${i}.example`));
      const text = ['client,domain', ...names.map((n) => `NewCo,${n}`)].join('\n');
      const res = await t.http.post('/api/domains/import').send({ text } satisfies ImportDomainsDto).expect(409);
      expect(res.body).toMatchObject({ error: 'conflict', message: expect.stringContaining('Nothing was imported') });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await stored()).toEqual(['Acme|existing.example|']);
    expect(await t.prisma.client.findMany({ select: { name: true } })).toEqual([{ name: 'Acme' }]);
  });
});

describe('POST /api/domains/import (text/csv, text/plain)', () => {
  it('takes the raw CSV with its options in the query string', async () => {
    const res = await t.http
      .post('/api/domains/import?defaultClient=Initech')
      .set('Content-Type', 'text/csv')
      .send('\uFEFFdomain,tags\r\none.example,x\r\ntwo.example,\r\n')
      .expect(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 2, clientsCreated: ['Initech'] });
    expect(await stored()).toEqual(['Initech|one.example|x', 'Initech|two.example|']);
  });

  it('takes pasted text/plain, dry run from the query string', async () => {
    const res = await t.http.post('/api/domains/import?dryRun=true').set('Content-Type', 'text/plain').send('Acme,one.example\nAcme,bad..example\n').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, created: 1, invalid: 1 });
    expect(await t.prisma.domain.count()).toBe(0);
  });

  it('400 for a bad query option', async () => {
    const res = await t.http.post('/api/domains/import?defaultClientId=nope').set('Content-Type', 'text/csv').send('domain\na.example\n').expect(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', details: { issues: [{ path: 'defaultClientId' }] } });
  });
});

describe('GET /api/domains/export.csv', () => {
  type Row = Record<string, string>;
  const readCsv = (text: string): Row[] => parse(text, { columns: true, bom: true }) as Row[];

  it('exports every domain by name with its latest state; the file imports back', async () => {
    const globex = await createClientRow(t.prisma, t.orgId, 'Globex, Inc.');
    const a = await t.prisma.domain.create({ data: { organizationId: t.orgId, clientId: acme.id, name: 'a.example', tags: ['vip', 'eu'] } });
    await t.prisma.domain.create({ data: { organizationId: t.orgId, clientId: globex.id, name: 'b.example', status: 'broken', lookupCount: 12 } });
    const checked = new Date('2026-11-22T09:00:00Z');
    const snapshotId = await createSnapshotRow(t.prisma, a.id, { lookupCount: 4, status: 'ok', services: ['Google Workspace', 'sendgrid'], firstSeenAt: checked });
    await t.prisma.domain.update({ where: { id: a.id }, data: { latestSnapshotId: snapshotId, status: 'ok', lookupCount: 4, lastCheckedAt: checked, lastChangedAt: checked } });
    await createOtherOrganization(t.prisma);

    const res = await t.http.get('/api/domains/export.csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="domains.csv"');
    expect(res.text.split('\n')[0]).toBe('client,domain,tags,status,lookup_count,services,last_checked_at,last_changed_at');
    expect(readCsv(res.text)).toEqual([
      { client: 'Acme', domain: 'a.example', tags: 'vip;eu', status: 'ok', lookup_count: '4', services: 'google-workspace;sendgrid', last_checked_at: checked.toISOString(), last_changed_at: checked.toISOString() },
      { client: 'Globex, Inc.', domain: 'b.example', tags: '', status: 'broken', lookup_count: '12', services: '', last_checked_at: '', last_changed_at: '' },
    ]);

    // Round trip: the export is a valid import.
    await resetDatabase(t.prisma);
    const report = await importJson({ text: res.text });
    expect([report.created, report.invalid]).toEqual([2, 0]);
    expect(await stored()).toEqual(['Acme|a.example|vip;eu', 'Globex, Inc.|b.example|']);
  });

  it('applies the fleet filters, and 400 for a bad one', async () => {
    const globex = await createClientRow(t.prisma, t.orgId, 'Globex');
    await t.prisma.domain.createMany({
      data: [
        { organizationId: t.orgId, clientId: acme.id, name: 'shop.example', status: 'ok', tags: ['vip'] },
        { organizationId: t.orgId, clientId: acme.id, name: 'blog.example', status: 'broken', tags: ['vip'] },
        { organizationId: t.orgId, clientId: globex.id, name: 'shop.globex.example', status: 'broken' },
      ],
    });
    const names = async (query: string) => readCsv((await t.http.get(`/api/domains/export.csv?${query}`).expect(200)).text).map((r) => r.domain);
    expect(await names('status=broken')).toEqual(['blog.example', 'shop.globex.example']);
    expect(await names('tag=VIP')).toEqual(['blog.example', 'shop.example']);
    expect(await names(`clientId=${globex.id}`)).toEqual(['shop.globex.example']);
    expect(await names('search=SHOP&status=broken')).toEqual(['shop.globex.example']);
    expect(await names('status=ok&tag=none')).toEqual([]);
    const bad = await t.http.get('/api/domains/export.csv?status=fine&service=nosuch').expect(400);
    expect(bad.body.details.issues.map((i: { path: string }) => i.path)).toEqual(['status']);
    const service = await t.http.get('/api/domains/export.csv?service=nosuch').expect(400);
    expect(service.body.details.issues).toEqual([{ path: 'service', message: expect.stringContaining('Unknown service "nosuch"') }]);
  });

  it('streams thousands of domains across several batches, none missing or repeated', async () => {
    const n = 2_500;
    await t.prisma.domain.createMany({ data: Array.from({ length: n }, (_, i) => ({ organizationId: t.orgId, clientId: acme.id, name: `d${String(i).padStart(5, '0')}.example` })) });
    const rows = readCsv((await t.http.get('/api/domains/export.csv').expect(200)).text);
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.domain)).size).toBe(n);
    expect(rows[0]!.domain).toBe('d00000.example');
    expect(rows[n - 1]!.domain).toBe('d02499.example');
  });
});
