import { deriveDomainStatus } from './domain-status';
import { analyzeWith } from '../../../test/support/monitoring/analyses';

const thresholds = { lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3 };
const includes = (n: number) => Array.from({ length: n }, (_, i) => `include:s${i}.example.net`).join(' ');
const zoneWith = (n: number) => ({
  'example.com': { TXT: [`v=spf1 ${includes(n)} -all`] },
  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}.example.net`, { TXT: [`v=spf1 ip4:192.0.2.${i} -all`] }])),
});

describe('deriveDomainStatus', () => {
  it('is unknown before the first analysis, and broken once DNS errors persist', () => {
    expect(deriveDomainStatus({ analysis: null, hadRecord: false, consecutiveTempErrors: 0, thresholds })).toBe('unknown');
    expect(deriveDomainStatus({ analysis: null, hadRecord: false, consecutiveTempErrors: 3, thresholds })).toBe('broken');
  });

  it('is ok for a clean record, warning near the limit, broken over it', async () => {
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', zoneWith(2)), hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('ok');
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', zoneWith(8)), hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('warning');
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', zoneWith(11)), hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('broken');
  });

  it('keeps a good status through fewer DNS errors than the threshold', async () => {
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', zoneWith(2)), hadRecord: true, consecutiveTempErrors: 2, thresholds })).toBe('ok');
  });

  it('is broken without a record it had, a warning without one it never had', async () => {
    const none = await analyzeWith('example.com', { 'example.com': { TXT: ['hello'] } });
    expect(none.status).toBe('none');
    expect(deriveDomainStatus({ analysis: none, hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('broken');
    expect(deriveDomainStatus({ analysis: none, hadRecord: false, consecutiveTempErrors: 0, thresholds })).toBe('warning');
  });

  it('is broken on permerror and a warning on lint warnings', async () => {
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 ip4:192.0.2.1 foo -all'] } }), hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('broken');
    expect(deriveDomainStatus({ analysis: await analyzeWith('example.com', { 'example.com': { TXT: ['v=spf1 ip4:192.0.2.1 ?all'] } }), hadRecord: true, consecutiveTempErrors: 0, thresholds })).toBe('warning');
  });
});
