import { digestKeyOf, reportChannels, routeAlerts, type RoutableAlert, type RoutableChannel } from './routing';

const ORG = 'org';
const channel = (id: string, over: Partial<RoutableChannel> = {}): RoutableChannel => ({ id, organizationId: ORG, clientId: null, domainId: null, minSeverity: 'warning', events: ['alerts'], ...over });
const alert = (id: string, over: Partial<RoutableAlert> = {}): RoutableAlert => ({ id, organizationId: ORG, clientId: 'c1', domainId: 'd1', severity: 'critical', ...over });

describe('routing', () => {
  it('sends each alert to the channels whose binding and minimum severity cover it', () => {
    const channels = [
      channel('org-wide'),
      channel('client-1', { clientId: 'c1' }),
      channel('client-2', { clientId: 'c2' }),
      channel('domain-2', { domainId: 'd2' }),
      channel('everything', { minSeverity: 'info' }),
      channel('reports-only', { events: ['reports'] }),
      channel('other-org', { organizationId: 'other' }),
    ];
    const alerts = [alert('a1'), alert('a2', { domainId: 'd2', severity: 'info' }), alert('a3', { clientId: 'c2', domainId: 'd3', severity: 'warning' })];
    expect(Object.fromEntries(routeAlerts(channels, alerts))).toEqual({
      'org-wide': ['a1', 'a3'],
      'client-1': ['a1'],
      'client-2': ['a3'],
      everything: ['a1', 'a2', 'a3'],
    });
  });

  it('sends a client report to organization-wide and that client’s report channels', () => {
    const channels = [channel('org', { events: ['reports'] }), channel('c1', { clientId: 'c1', events: ['alerts', 'reports'] }), channel('c2', { clientId: 'c2', events: ['reports'] }), channel('d1', { domainId: 'd1', events: ['reports'] }), channel('alerts')];
    expect(reportChannels(channels, { organizationId: ORG, clientId: 'c1' }).map((c) => c.id)).toEqual(['org', 'c1']);
  });

  it('keys digests by tick, or by minute for manual checks', () => {
    expect(digestKeyOf('2026-03-02T08:00Z', new Date('2026-03-02T08:00:40Z'))).toBe('tick:2026-03-02T08:00Z');
    expect(digestKeyOf(null, new Date('2026-03-02T08:00:40.123Z'))).toBe('at:2026-03-02T08:00Z');
  });
});
