import type { DnsFixture, Zone, ZoneName } from '@spfwatch/dns-fixture';
import { startDnsFixture } from '@spfwatch/dns-fixture';
import { analyze } from '../src/analyze/analyze';
import { checkHost } from '../src/eval/check-host';
import { createResolverStack } from '../src/dns/stack';

/**
 * Hostile zones served by a real DNS server on loopback. Every check and analysis must end
 * within the RFC limits (and in well under a second), never hang or throw.
 */
function pathologicalZone(): Zone {
  const records: Record<string, ZoneName> = {};
  // Include bomb: each level includes the next level twice, 12 levels deep (4,095 nodes unbounded).
  for (let level = 0; level < 12; level++) {
    records[`bomb${level}.test`] = { TXT: [`v=spf1 include:bomb${level + 1}.test include:bomb${level + 1}.test -all`] };
  }
  records['bomb12.test'] = { TXT: ['v=spf1 ip4:192.0.2.0/24 -all'] };
  records['loop-a.test'] = { TXT: ['v=spf1 include:loop-b.test -all'] };
  records['loop-b.test'] = { TXT: ['v=spf1 include:loop-a.test -all'] };
  records['self.test'] = { TXT: ['v=spf1 ip4:198.51.100.1 redirect=self.test'] };
  const thousand = Array.from({ length: 1000 }, (_, i) => `ip4:10.${Math.floor(i / 250)}.${i % 250}.1`).join(' ');
  records['thousand.test'] = { TXT: [`v=spf1 ${thousand} -all`] };
  const aThousand = Array.from({ length: 1000 }, () => 'a').join(' ');
  records['thousand-a.test'] = { TXT: [`v=spf1 ${aThousand} -all`], A: ['198.51.100.7'] };
  records['macro.test'] = { TXT: ['v=spf1 exists:%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.macro.test -all'] };
  records['strings50.test'] = { TXT: [['v=spf1 ', ...Array.from({ length: 49 }, (_, i) => `ip4:192.0.${i}.0/24 `), '-all']] };
  records['cname-loop.test'] = { TXT: ['v=spf1 include:c1.cname.test -all'] };
  records['c1.cname.test'] = { CNAME: 'c2.cname.test' };
  records['c2.cname.test'] = { CNAME: 'c1.cname.test' };
  records['voids.test'] = { TXT: [`v=spf1 ${Array.from({ length: 30 }, (_, i) => `a:v${i}.nowhere.test`).join(' ')} -all`] };
  records['mx-many.test'] = { TXT: ['v=spf1 mx -all'], MX: Array.from({ length: 50 }, (_, i) => ({ priority: i, exchange: `mx${i}.mx-many.test` })) };
  return { ttl: 60, records };
}

describe('pathological zones through a loopback DNS server', () => {
  let fixture: DnsFixture;
  let stack: ReturnType<typeof createResolverStack>;
  beforeAll(async () => {
    fixture = await startDnsFixture({ zone: pathologicalZone(), port: 0 });
    stack = createResolverStack({ servers: [fixture.address], timeoutMs: 500, tries: 1 });
  });
  afterAll(async () => {
    stack.close();
    await fixture.stop();
  });

  const cases: Array<[string, string, string[]]> = [
    // [domain, sender local part, acceptable results]
    ['bomb0.test', 'a', ['permerror']],
    ['loop-a.test', 'a', ['permerror']],
    ['self.test', 'a', ['permerror']],
    ['thousand.test', 'a', ['pass']],
    ['thousand-a.test', 'a', ['permerror']],
    ['macro.test', 'x'.repeat(60), ['fail']],
    ['strings50.test', 'a', ['pass']],
    ['cname-loop.test', 'a', ['permerror', 'temperror']],
    ['voids.test', 'a', ['permerror']],
    ['mx-many.test', 'a', ['permerror']],
  ];

  it.each(cases)('check_host %s terminates within the limits', async (domain, local, acceptable) => {
    const started = performance.now();
    const r = await checkHost({ ip: '10.3.249.1', sender: `${local}@${domain}`, resolver: stack.resolver });
    const elapsed = performance.now() - started;
    if (domain === 'thousand.test' || domain === 'strings50.test') {
      // These match: 10.3.249.1 is the last ip4 of thousand.test; strings50 ends in 192.0.48.0/24.
      const again = await checkHost({ ip: domain === 'thousand.test' ? '10.3.249.1' : '192.0.48.9', sender: `a@${domain}`, resolver: stack.resolver });
      expect(again.result).toBe('pass');
    } else {
      expect(acceptable).toContain(r.result);
    }
    expect(r.lookups).toBeLessThanOrEqual(11);
    expect(elapsed).toBeLessThan(1000);
  });

  it.each(cases)('analyze %s terminates', async (domain) => {
    const started = performance.now();
    const a = await analyze(domain, { resolver: stack.resolver });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(['ok', 'permerror', 'temperror']).toContain(a.status);
  });

  it('reports the include bomb as over the limit and capped', async () => {
    const a = await analyze('bomb0.test', { resolver: stack.resolver });
    expect(a.status).toBe('permerror');
    expect(a.lookupCount).toBeGreaterThan(10);
    expect(a.truncated).toBe(true);
    expect(a.lint.map((l) => l.code)).toContain('too-many-lookups');
  });

  it('reports loops on the node that closes them', async () => {
    const a = await analyze('loop-a.test', { resolver: stack.resolver });
    expect(a.tree.children[0]!.children[0]!.status).toBe('loop');
    expect(a.lint.map((l) => l.code)).toContain('include-loop');
  });

  it('reassembles a 50-string TXT record', async () => {
    const a = await analyze('strings50.test', { resolver: stack.resolver });
    expect(a.tree.strings).toHaveLength(51);
    expect(a.networks).toHaveLength(49);
    expect(a.status).toBe('ok');
  });
});
