import { analyze, createZoneFakeResolver, type FakeZone } from '@spfwatch/spf';
import { compareDraft, isCovered } from './what-if';

const ZONE: FakeZone = {
  'example.com': { TXT: ['v=spf1 ip4:192.0.2.0/24 include:sendgrid.net -all'] },
  'sendgrid.net': { TXT: ['v=spf1 ip4:167.89.0.0/17 ~all'] },
};

async function draft(record: string) {
  const resolver = createZoneFakeResolver(ZONE);
  return compareDraft(await analyze('example.com', { resolver }), await analyze('example.com', { resolver, draftRecord: record }));
}

describe('isCovered', () => {
  it('is true for a network inside the collapsed list, false for one reaching outside it', () => {
    expect(isCovered(['192.0.2.0/24'], '192.0.2.128/25')).toBe(true);
    expect(isCovered(['192.0.2.0/24'], '192.0.2.7')).toBe(true);
    expect(isCovered(['192.0.2.0/24'], '192.0.0.0/16')).toBe(false);
    expect(isCovered(['192.0.2.0/25'], '192.0.2.128/25')).toBe(false);
    expect(isCovered(['2001:db8::/32'], '2001:db8:1::/48')).toBe(true);
    expect(isCovered([], '192.0.2.1')).toBe(false);
  });
});

describe('compareDraft', () => {
  it('reports services and networks gained and lost, with their provenance', async () => {
    const c = await draft('v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/24 -all');
    expect(c).toMatchObject({
      lookupDelta: -1,
      servicesAdded: [],
      servicesRemoved: ['sendgrid'],
      networksGained: [{ cidr: '198.51.100.0/24', path: ['example.com'], term: 'ip4:198.51.100.0/24' }],
      networksLost: [{ cidr: '167.89.0.0/17', path: ['example.com', 'sendgrid.net'], term: 'ip4:167.89.0.0/17' }],
    });
  });

  it('rewriting the same space differently gains and loses nothing', async () => {
    const c = await draft('v=spf1 ip4:192.0.2.0/25 ip4:192.0.2.128/25 ip4:192.0.2.9 include:sendgrid.net -all');
    expect([c.networksGained, c.networksLost, c.lookupDelta]).toEqual([[], [], 0]);
  });
});
