/**
 * HTTP contract of the monitoring endpoints (supertest against the real app, real Postgres,
 * the DNS fixture on 127.0.0.1): happy paths and bad input (unknown ids → 404, malformed ids
 * → 404, bad query/body → 400 with per-field issues).
 */
import type { AcknowledgeAlertBody, PutAlertPolicyBody } from '@spfwatch/contracts';
import type { Zone } from '@spfwatch/dns-fixture';
import type { PutAlertPolicyDto } from '../../src/modules/alerts/dto/alert-policy.dto';
import { tickIdOf } from '../../src/modules/scheduler/tick';
import { seedDomains, startMonitoringApp, type MonitoringApp } from '../support/monitoring/monitoring-app';

const UNKNOWN = '0190a3c4-0000-7000-8000-000000000000';

function zone(googleNetblocks = 'v=spf1 ip4:64.233.160.0/19 ~all', ownRecord = 'v=spf1 include:sendgrid.net include:_spf.google.com -all'): Zone {
  return {
    ttl: 300,
    records: {
      '_spf.google.com': { TXT: 'v=spf1 include:_netblocks.google.com ~all' },
      '_netblocks.google.com': { TXT: googleNetblocks },
      'sendgrid.net': { TXT: 'v=spf1 ip4:167.89.0.0/17 ~all' },
      'shop.example': { TXT: ownRecord },
      'blog.example': { TXT: 'v=spf1 include:_spf.google.com ~all' },
    },
  } as Zone;
}

describe('monitoring API', () => {
  let m: MonitoringApp;
  let ids: Map<string, string>;
  const http = () => m.t.http;
  const shop = () => ids.get('shop.example')!;
  const blog = () => ids.get('blog.example')!;

  beforeAll(async () => {
    m = await startMonitoringApp(zone());
    ids = await seedDomains(m.prisma, m.organizationId, ['shop.example', 'blog.example']);
  }, 60_000);

  afterAll(async () => {
    await m?.close();
  });

  describe('POST /api/domains/:id/check', () => {
    it('checks now: the first check makes a snapshot (changed), the second is unchanged', async () => {
      const first = await http().post(`/api/domains/${shop()}/check`).expect(200);
      expect(first.body).toMatchObject({ outcome: 'changed', changed: true, diff: null, alerts: [], resolvedAlerts: [] });
      expect(first.body.analysis).toMatchObject({ domain: 'shop.example', status: 'ok', lookupCount: 3 });
      expect(first.body.snapshotId).toEqual(expect.any(String));
      m.clock.advance(60_000);
      const second = await http().post(`/api/domains/${shop()}/check`).expect(200);
      expect(second.body).toMatchObject({ outcome: 'unchanged', changed: false, diff: null, snapshotId: first.body.snapshotId });
    });

    it('returns the diff and the alerts a change opened', async () => {
      m.fixture.setZone(zone(undefined, 'v=spf1 include:_spf.google.com ~all'));
      m.clock.advance(60_000);
      const res = await http().post(`/api/domains/${shop()}/check`).expect(200);
      expect(res.body.outcome).toBe('changed');
      expect(res.body.diff).toMatchObject({ servicesRemoved: ['sendgrid'], allBefore: '-', allAfter: '~', providerOnly: false });
      expect(res.body.alerts.map((a: { type: string }) => a.type).sort()).toEqual(['all_loosened', 'record_changed', 'service_removed']);
    });

    it('404 for an unknown or malformed id', async () => {
      expect((await http().post(`/api/domains/${UNKNOWN}/check`).expect(404)).body).toMatchObject({ error: 'not_found' });
      await http().post('/api/domains/not-a-uuid/check').expect(404);
    });
  });

  describe('GET /api/domains/:id/checks', () => {
    it('pages the history, newest first', async () => {
      const all = await http().get(`/api/domains/${shop()}/checks`).expect(200);
      expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(all.body.items.map((r: { outcome: string }) => r.outcome)).toEqual(['changed', 'unchanged', 'changed']);
      expect(all.body.items[0]).toMatchObject({ tick: null, dnsErrorKind: null, durationMs: expect.any(Number), startedAt: expect.any(String) });
      const page2 = await http().get(`/api/domains/${shop()}/checks?page=2&pageSize=2`).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items).toHaveLength(1);
    });

    it('400 for bad paging, 404 for an unknown domain', async () => {
      const bad = await http().get(`/api/domains/${shop()}/checks?page=0&pageSize=abc`).expect(400);
      expect(bad.body.error).toBe('validation_failed');
      expect(bad.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['page', 'pageSize']);
      await http().get(`/api/domains/${shop()}/checks?pageSize=201`).expect(400);
      await http().get(`/api/domains/${UNKNOWN}/checks`).expect(404);
    });
  });

  describe('snapshots', () => {
    it('GET /api/domains/:id/snapshots: the timeline, newest first', async () => {
      const res = await http().get(`/api/domains/${shop()}/snapshots`).expect(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items[0]).toMatchObject({ record: 'v=spf1 include:_spf.google.com ~all', lookupCount: 2, services: ['Google Workspace'], status: 'ok' });
      expect(res.body.items[1]).toMatchObject({ record: 'v=spf1 include:sendgrid.net include:_spf.google.com -all', lookupCount: 3 });
      expect(Object.keys(res.body.items[0]).sort()).toEqual(['contentHash', 'firstSeenAt', 'id', 'lastSeenAt', 'lookupCount', 'record', 'services', 'status', 'voidLookups']);
      await http().get(`/api/domains/${UNKNOWN}/snapshots`).expect(404);
      await http().get(`/api/domains/${shop()}/snapshots?page=-1`).expect(400);
    });

    it('GET /api/snapshots/:id: the full analysis', async () => {
      const [latest] = (await http().get(`/api/domains/${shop()}/snapshots`)).body.items;
      const res = await http().get(`/api/snapshots/${latest.id}`).expect(200);
      expect(res.body).toMatchObject({ id: latest.id, domainId: shop(), domain: 'shop.example', analysis: { domain: 'shop.example', record: 'v=spf1 include:_spf.google.com ~all' } });
      expect(res.body.networks).toEqual(['64.233.160.0/19']);
      await http().get(`/api/snapshots/${UNKNOWN}`).expect(404);
      await http().get('/api/snapshots/nope').expect(404);
    });

    it('GET /api/domains/:id/diff: previous → latest by default, any two on request', async () => {
      const [latest, previous] = (await http().get(`/api/domains/${shop()}/snapshots`)).body.items;
      const res = await http().get(`/api/domains/${shop()}/diff`).expect(200);
      expect(res.body.from.id).toBe(previous.id);
      expect(res.body.to.id).toBe(latest.id);
      expect(res.body.diff).toMatchObject({ changed: true, servicesRemoved: ['sendgrid'], lookupDelta: -1 });
      const reverse = await http().get(`/api/domains/${shop()}/diff?from=${latest.id}&to=${previous.id}`).expect(200);
      expect(reverse.body.diff).toMatchObject({ servicesAdded: ['sendgrid'], lookupDelta: 1 });
    });

    it('diff: 422 with one snapshot, 404 for unknown ids, 400 for malformed ones', async () => {
      await http().post(`/api/domains/${blog()}/check`).expect(200);
      expect((await http().get(`/api/domains/${blog()}/diff`).expect(422)).body.error).toBe('unprocessable');
      await http().get(`/api/domains/${UNKNOWN}/diff`).expect(404);
      await http().get(`/api/domains/${shop()}/diff?from=${UNKNOWN}`).expect(404);
      const bad = await http().get(`/api/domains/${shop()}/diff?from=zzz&to=1`).expect(400);
      expect(bad.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['from', 'to']);
      // A snapshot of another domain is not one of this domain's.
      const blogSnapshot = await m.prisma.snapshot.findFirstOrThrow({ where: { domainId: blog() } });
      await http().get(`/api/domains/${shop()}/diff?to=${blogSnapshot.id}`).expect(404);
    });
  });

  describe('alerts', () => {
    it('GET /api/alerts lists and filters', async () => {
      const all = await http().get('/api/alerts').expect(200);
      expect(all.body.total).toBe(3);
      expect(all.body.items[0]).toMatchObject({ domainId: shop(), domain: 'shop.example', state: 'open', resolvedAt: null });
      const warnings = await http().get('/api/alerts?severity=warning').expect(200);
      expect(warnings.body.items.map((a: { type: string }) => a.type).sort()).toEqual(['all_loosened', 'service_removed']);
      expect((await http().get('/api/alerts?type=record_changed&state=open').expect(200)).body.total).toBe(1);
      expect((await http().get(`/api/alerts?domainId=${blog()}`).expect(200)).body.total).toBe(0);
      const clientId = (await m.prisma.domain.findUniqueOrThrow({ where: { id: shop() } })).clientId;
      expect((await http().get(`/api/alerts?clientId=${clientId}&pageSize=1`).expect(200)).body).toMatchObject({ total: 3, pageSize: 1 });
      expect((await http().get(`/api/alerts?clientId=${UNKNOWN}`).expect(200)).body.total).toBe(0);
    });

    it('GET /api/alerts: 400 for unknown filter values', async () => {
      const res = await http().get('/api/alerts?state=closed&severity=huge&type=nope&domainId=x').expect(400);
      expect(res.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['domainId', 'severity', 'state', 'type']);
    });

    it('GET /api/alerts/:id carries the diff that caused it', async () => {
      const [alert] = (await http().get('/api/alerts?type=service_removed')).body.items;
      const res = await http().get(`/api/alerts/${alert.id}`).expect(200);
      expect(res.body).toMatchObject({ type: 'service_removed', severity: 'warning', detail: { services: [{ id: 'sendgrid' }] } });
      expect(res.body.diff).toMatchObject({ servicesRemoved: ['sendgrid'], recordAfter: 'v=spf1 include:_spf.google.com ~all' });
      await http().get(`/api/alerts/${UNKNOWN}`).expect(404);
    });

    it('POST /api/alerts/:id/acknowledge', async () => {
      const [alert] = (await http().get('/api/alerts?type=record_changed')).body.items;
      const res = await http().post(`/api/alerts/${alert.id}/acknowledge`).send({ by: 'alice' } satisfies AcknowledgeAlertBody).expect(200);
      expect(res.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: expect.any(String), resolvedAt: null });
      // Again: nothing changes (idempotent), no body needed.
      const again = await http().post(`/api/alerts/${alert.id}/acknowledge`).expect(200);
      expect(again.body.acknowledgedAt).toBe(res.body.acknowledgedAt);
      expect((await http().get('/api/alerts?state=acknowledged')).body.total).toBe(1);
      await http().post(`/api/alerts/${UNKNOWN}/acknowledge`).expect(404);
      const bad = await http().post(`/api/alerts/${alert.id}/acknowledge`).send({ by: 5, extra: true }).expect(400);
      expect(bad.body.error).toBe('validation_failed');
    });
    it('news of an acknowledged event type resolves the acknowledged alert and opens a new one; a revert resolves that', async () => {
      const current = 'v=spf1 include:_spf.google.com ~all';
      m.fixture.setZone(zone(undefined, 'v=spf1 ip4:192.0.2.99 include:_spf.google.com ~all'));
      m.clock.advance(60_000);
      const res = await http().post(`/api/domains/${shop()}/check`).expect(200);
      expect(res.body.alerts.map((a: { type: string }) => a.type)).toEqual(['record_changed']);
      expect(res.body.resolvedAlerts.map((a: { type: string }) => a.type)).toEqual(['record_changed']);
      let alerts = (await http().get('/api/alerts?type=record_changed').expect(200)).body.items;
      expect(alerts.map((a: { state: string }) => a.state)).toEqual(['open', 'resolved']);
      expect(alerts[0].detail).toMatchObject({ from: current, to: 'v=spf1 ip4:192.0.2.99 include:_spf.google.com ~all' });
      // Back to the text before that change: resolved, nothing new.
      m.fixture.setZone(zone(undefined, current));
      m.clock.advance(60_000);
      const back = await http().post(`/api/domains/${shop()}/check`).expect(200);
      expect(back.body.alerts).toEqual([]);
      expect(back.body.resolvedAlerts.map((a: { type: string }) => a.type)).toEqual(['record_changed']);
      alerts = (await http().get('/api/alerts?type=record_changed').expect(200)).body.items;
      expect(alerts.map((a: { state: string; resolvedAt: string | null }) => [a.state, a.resolvedAt !== null])).toEqual([['resolved', true], ['resolved', true]]);
    });
  });

  describe('alert policies', () => {
    it('GET /api/alert-policies: the defaults before any policy', async () => {
      const res = await http().get('/api/alert-policies').expect(200);
      expect(res.body).toMatchObject({ policies: [], effective: { thresholds: { lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3, voidLimit: 2 } } });
      expect(res.body.effective.types.record_missing).toEqual({ enabled: true, severity: 'critical' });
    });

    it('PUT sets a scope; GET merges organization → client → domain field by field', async () => {
      const clientId = (await m.prisma.domain.findUniqueOrThrow({ where: { id: shop() } })).clientId;
      await http().put('/api/alert-policies').send({ thresholds: { lookupWarn: 6, tempErrorChecks: 5 }, types: { record_changed: { enabled: false } } } satisfies PutAlertPolicyBody & PutAlertPolicyDto).expect(200);
      await http().put('/api/alert-policies').send({ scope: { clientId }, thresholds: { lookupWarn: 7 } } satisfies PutAlertPolicyBody).expect(200);
      const put = await http().put('/api/alert-policies').send({ scope: { domainId: shop() }, thresholds: { tempErrorChecks: 2 }, types: { lookup_warning: { severity: 'info' } } } satisfies PutAlertPolicyBody).expect(200);
      expect(put.body.effective).toMatchObject({ thresholds: { lookupWarn: 7, lookupLimit: 10, tempErrorChecks: 2, voidLimit: 2 } });
      expect(put.body.effective.types.record_changed).toEqual({ enabled: false, severity: 'info' });
      expect(put.body.effective.types.lookup_warning).toEqual({ enabled: true, severity: 'info' });
      expect(put.body.policies.map((p: { scope: string }) => p.scope)).toEqual(['organization', 'client', 'domain']);
      const org = await http().get('/api/alert-policies').expect(200);
      expect(org.body.effective.thresholds).toMatchObject({ lookupWarn: 6, tempErrorChecks: 5 });
      expect(org.body.policies).toHaveLength(3);
      const blogView = await http().get(`/api/alert-policies?domainId=${blog()}`).expect(200);
      expect(blogView.body.effective.thresholds).toMatchObject({ lookupWarn: 7, tempErrorChecks: 5 });
      // Replacing a scope: absent fields inherit again.
      const reset = await http().put('/api/alert-policies').send({ scope: { domainId: shop() } } satisfies PutAlertPolicyBody).expect(200);
      expect(reset.body.effective.thresholds.tempErrorChecks).toBe(5);
    });

    it('400 for invalid thresholds, unknown types or fields; 404 for unknown scopes', async () => {
      const res = await http().put('/api/alert-policies').send({ thresholds: { lookupWarn: 0, voidLimit: -1 }, types: { nope: { enabled: true } } }).expect(400);
      expect(res.body.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['thresholds.lookupWarn', 'thresholds.voidLimit', 'types']);
      await http().put('/api/alert-policies').send({ thresholds: { lookupWarn: 9, lookupLimit: 8 } }).expect(400);
      await http().put('/api/alert-policies').send({ thresholds: { lookupWarn: 11 } }).expect(400); // over the inherited limit of 10
      await http().put('/api/alert-policies').send({ scope: { clientId: UNKNOWN, domainId: UNKNOWN } }).expect(400);
      await http().put('/api/alert-policies').send({ scope: { clientId: UNKNOWN } }).expect(404);
      await http().put('/api/alert-policies').send({ scope: { domainId: UNKNOWN } }).expect(404);
      await http().get(`/api/alert-policies?domainId=${UNKNOWN}`).expect(404);
      await http().get('/api/alert-policies?clientId=nope').expect(400);
    });
  });

  describe('cycles and provider events', () => {
    it('GET /api/checks/cycle before any tick', async () => {
      expect((await http().get('/api/checks/cycle').expect(200)).body).toEqual({ tick: null, startedAt: null, total: 0, done: 0, failed: 0, pending: 0 });
    });

    it('POST /api/checks/run-cycle enqueues every due domain; the cycle endpoint follows the workers', async () => {
      await m.prisma.domain.updateMany({ data: { nextCheckAt: new Date(0) } });
      const tick = tickIdOf(m.clock.now());
      const res = await http().post('/api/checks/run-cycle').expect(200);
      expect(res.body).toEqual({ tick, enqueued: 2, status: 'enqueued' });
      await m.drain(tick, 2);
      expect((await http().get('/api/checks/cycle').expect(200)).body).toMatchObject({ tick, total: 2, done: 2, failed: 0, pending: 0 });
      // Same minute again: already run, nothing enqueued.
      expect((await http().post('/api/checks/run-cycle').expect(200)).body).toEqual({ tick, enqueued: 0, status: 'already-ran' });
    });

    it('GET /api/provider-events: one event per provider change, with the affected domains', async () => {
      expect((await http().get('/api/provider-events').expect(200)).body).toMatchObject({ items: [], total: 0 });
      m.fixture.setZone(zone('v=spf1 ip4:64.233.160.0/19 ip4:35.190.247.0/24 ~all', 'v=spf1 include:_spf.google.com ~all'));
      m.clock.advance(3_600_000);
      await m.runCycle();
      const res = await http().get('/api/provider-events').expect(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items[0]).toMatchObject({ includeDomain: '_netblocks.google.com', service: 'Google Workspace', affectedDomains: 2, affectedDomainsFleet: 2, diff: { networksAdded: ['35.190.247.0/24'] } });
      const one = await http().get(`/api/provider-events/${res.body.items[0].id}`).expect(200);
      expect(one.body.domains.map((d: { name: string }) => d.name)).toEqual(['blog.example', 'shop.example']);
      expect((await http().get('/api/provider-events?includeDomain=sendgrid.net').expect(200)).body.total).toBe(0);
      await http().get(`/api/provider-events/${UNKNOWN}`).expect(404);
      await http().get('/api/provider-events?pageSize=0').expect(400);
    });
  });
});
