import { analyze, createZoneFakeResolver, diffAnalyses, type Analysis, type AnalysisDiff, type FakeZone } from '@spfwatch/spf';

/** Provider records used across the monitoring unit tests (shapes like fixtures/providers.yaml). */
export const PROVIDERS: FakeZone = {
  '_spf.google.com': { TXT: ['v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all'] },
  '_netblocks.google.com': { TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ~all'] },
  '_netblocks2.google.com': { TXT: ['v=spf1 ip6:2001:4860:4000::/36 ~all'] },
  'sendgrid.net': { TXT: ['v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ~all'] },
  'spf.protection.outlook.com': { TXT: ['v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all'] },
  'servers.mcsv.net': { TXT: ['v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ?all'] },
};

/** Analyses `domain` against the providers plus `zone` (in-memory resolver, fixed clock). */
export async function analyzeWith(domain: string, zone: FakeZone, now = new Date('2026-11-22T06:00:00Z')): Promise<Analysis> {
  return analyze(domain, { resolver: createZoneFakeResolver({ ...PROVIDERS, ...zone }), now: () => now });
}

/** Analyses of `domain` with record `before` then `after` (providers may be overridden per side). */
export async function twoAnalyses(
  domain: string,
  before: string | FakeZone,
  after: string | FakeZone,
): Promise<{ previous: Analysis; next: Analysis; diff: AnalysisDiff }> {
  const zoneOf = (x: string | FakeZone): FakeZone => (typeof x === 'string' ? { [domain]: { TXT: [x] } } : x);
  const previous = await analyzeWith(domain, zoneOf(before));
  const next = await analyzeWith(domain, zoneOf(after), new Date('2026-11-22T07:00:00Z'));
  return { previous, next, diff: diffAnalyses(previous, next) };
}
