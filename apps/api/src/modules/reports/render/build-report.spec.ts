import { analyze, createZoneFakeResolver, type Analysis } from '@spfwatch/spf';
import type { ReportDomainRow, ReportSnapshotRow } from '../reports.repository';
import { allPolicyOf, buildReportData } from './build-report';

const includes = (n: number) => Array.from({ length: n }, (_, i) => `include:_p${i}.example`).join(' ');
const providers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`_p${i}.example`, { TXT: [`v=spf1 ip4:203.0.113.${i} -all`] }]));

async function analysis(domain: string, record: string): Promise<Analysis> {
  return analyze(domain, { resolver: createZoneFakeResolver({ ...providers, [domain]: { TXT: [record] } }), now: () => new Date('2026-11-20T00:00:00Z') });
}

function snapshot(id: string, domainId: string, at: string, a: Analysis): ReportSnapshotRow {
  return { id, domainId, firstSeenAt: new Date(at), lookupCount: a.lookupCount, status: a.status === 'ok' ? 'ok' : 'broken', recordText: a.record, analysis: a };
}

describe('buildReportData', () => {
  it('reports domains as of the end with their trend, the changes in words, issues with fixes and a daily chart', async () => {
    const before = await analysis('www.example', `v=spf1 ${includes(9)} -all`);
    const after = await analysis('www.example', `v=spf1 ${includes(11)} -all`);
    const small = await analysis('shop.example', 'v=spf1 ip4:192.0.2.1 ~all');
    const domains: ReportDomainRow[] = [
      { id: 'w', name: 'www.example', status: 'broken', createdAt: new Date('2026-11-01T00:00:00Z'), lastCheckedAt: new Date('2026-11-29T23:00:00Z'), openAlerts: 1 },
      { id: 's', name: 'shop.example', status: 'ok', createdAt: new Date('2026-11-01T00:00:00Z'), lastCheckedAt: new Date('2026-11-29T23:00:00Z'), openAlerts: 0 },
      { id: 'n', name: 'new.example', status: 'unknown', createdAt: new Date('2026-11-28T00:00:00Z'), lastCheckedAt: null, openAlerts: 0 },
    ];
    const data = buildReportData({
      organization: { id: 'o', name: 'Agency' },
      client: { id: 'c', name: 'Acme' },
      timeZone: 'Europe/Paris',
      kind: 'weekly',
      // Monday 23 Nov 08:00 Paris → Monday 30 Nov 08:00 Paris.
      periodStart: new Date('2026-11-23T07:00:00Z'),
      periodEnd: new Date('2026-11-30T07:00:00Z'),
      generatedAt: new Date('2026-11-30T07:00:05Z'),
      domains,
      atStart: new Map([
        ['w', snapshot('w1', 'w', '2026-11-20T10:00:00Z', before)],
        ['s', snapshot('s1', 's', '2026-11-20T10:00:00Z', small)],
      ]),
      atEnd: new Map([
        ['w', snapshot('w2', 'w', '2026-11-25T10:00:00Z', after)],
        ['s', snapshot('s1', 's', '2026-11-20T10:00:00Z', small)],
      ]),
      during: [snapshot('w2', 'w', '2026-11-25T10:00:00Z', after)],
      alerts: [{ domain: 'www.example', type: 'lookup_limit', severity: 'critical', title: 'www.example needs 11 DNS lookups (limit 10)', openedAt: new Date('2026-11-25T10:00:00Z'), state: 'open', resolvedAt: null }],
    });

    expect(data.summary).toEqual({ domains: 3, ok: 1, warning: 0, broken: 1, unknown: 1, changes: 1, alerts: 1, openIssues: data.issues.length });
    expect(data.domains.map((d) => [d.name, d.status, d.lookupCount, d.lookupCountBefore, d.allPolicy])).toEqual([
      ['www.example', 'broken', 11, 9, '-all'],
      ['new.example', 'unknown', null, null, 'none'],
      ['shop.example', 'ok', 0, 0, '~all'],
    ]);
    expect(data.changes).toHaveLength(1);
    expect(data.changes[0]!.changes.join(' ')).toMatch(/11/);
    expect(data.changes[0]!.recordAfter).toBe(`v=spf1 ${includes(11)} -all`);
    expect(data.issues.some((i) => i.domain === 'www.example' && i.severity === 'error')).toBe(true);
    // Local days 23..30 November; www at 9 until the 24th, 11 from the 25th.
    expect(data.chart.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(data.chart.series).toEqual([
      { domain: 'www.example', values: [9, 9, 11, 11, 11, 11, 11, 11] },
      { domain: 'shop.example', values: [0, 0, 0, 0, 0, 0, 0, 0] },
    ]);
    expect(data.chart).toMatchObject({ limit: 10, omitted: 0 });
  });

  it('names the effective all policy', async () => {
    expect(allPolicyOf(await analysis('a.example', 'v=spf1 -all'))).toBe('-all');
    expect(allPolicyOf(await analysis('a.example', 'v=spf1 ip4:192.0.2.1'))).toBe('none');
    expect(allPolicyOf(null)).toBe('none');
  });
});
