import type { AlertType } from '@spfwatch/contracts';
import { DEFAULT_POLICY, mergePolicies } from './alert-policy';
import { evaluateAlerts, type AlertEvaluationInput, type DesiredAlert, type OpenAlert } from './alert-rules';
import { analyzeWith, twoAnalyses } from '../../../test/support/monitoring/analyses';

const D = 'example.com';
const includes = (n: number) => Array.from({ length: n }, (_, i) => `include:s${i}.example.net`).join(' ');
const providers = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i}.example.net`, { TXT: [`v=spf1 ip4:192.0.2.${i} -all`] }]));
const withIncludes = (n: number, extra = '') => ({ ...providers, [D]: { TXT: [`v=spf1 ${includes(n)}${extra} -all`] } });

function evaluate(over: Partial<AlertEvaluationInput>): DesiredAlert[] {
  return evaluateAlerts({ domain: D, previous: null, next: null, diff: null, policy: DEFAULT_POLICY, consecutiveTempErrors: 0, open: [], ...over });
}
const types = (alerts: DesiredAlert[]) => alerts.map((a) => a.type).sort();
const byType = (alerts: DesiredAlert[], type: AlertType) => alerts.find((a) => a.type === type);
const asOpen = (a: DesiredAlert, state: OpenAlert['state'] = 'open'): OpenAlert => ({ type: a.type, state, severity: a.severity, title: a.title, detail: a.detail });

describe('evaluateAlerts: state alerts', () => {
  it('opens nothing for a healthy first check', async () => {
    expect(evaluate({ next: await analyzeWith(D, withIncludes(2)) })).toEqual([]);
  });

  it('lookup_warning at ≥ 8, lookup_limit (critical) over 10 — never both, no permerror on top', async () => {
    const eight = evaluate({ next: await analyzeWith(D, withIncludes(8)) });
    expect(types(eight)).toEqual(['lookup_warning']);
    expect(byType(eight, 'lookup_warning')).toMatchObject({ severity: 'warning', detail: { lookupCount: 8, threshold: 8 } });
    const eleven = evaluate({ next: await analyzeWith(D, withIncludes(11)) });
    expect(types(eleven)).toEqual(['lookup_limit']);
    expect(byType(eleven, 'lookup_limit')).toMatchObject({ severity: 'critical', triggered: true, detail: { lookupCount: 11, limit: 10 } });
  });

  it('falls back to permerror when lookup_limit is disabled', async () => {
    const policy = mergePolicies([{ types: { lookup_limit: { enabled: false } } }]);
    expect(types(evaluate({ policy, next: await analyzeWith(D, withIncludes(11)) }))).toEqual(['permerror']);
  });

  it('uses the policy thresholds', async () => {
    const policy = mergePolicies([{ lookupWarn: 3, lookupLimit: 5 }]);
    expect(types(evaluate({ policy, next: await analyzeWith(D, withIncludes(3)) }))).toEqual(['lookup_warning']);
    expect(types(evaluate({ policy, next: await analyzeWith(D, withIncludes(6)) }))).toEqual(['lookup_limit']);
  });

  it('permerror (critical) for a syntax error, with the lint findings as cause', async () => {
    const alerts = evaluate({ next: await analyzeWith(D, { [D]: { TXT: ['v=spf1 ip4:192.0.2.1 foo -all'] } }) });
    expect(types(alerts)).toEqual(['permerror']);
    expect(byType(alerts, 'permerror')!.severity).toBe('critical');
    expect((byType(alerts, 'permerror')!.detail.findings as Array<{ code: string }>).map((f) => f.code)).toContain('syntax-error');
  });

  it('multiple_records (critical) instead of permerror', async () => {
    const alerts = evaluate({ next: await analyzeWith(D, { [D]: { TXT: ['v=spf1 -all', 'v=spf1 ~all'] } }) });
    expect(types(alerts)).toEqual(['multiple_records']);
    expect(byType(alerts, 'multiple_records')!.detail.records).toHaveLength(2);
  });

  it('void_lookups (critical) over 2 voids', async () => {
    const alerts = evaluate({ next: await analyzeWith(D, { [D]: { TXT: ['v=spf1 a:x1.example.com a:x2.example.com a:x3.example.com -all'] } }) });
    expect(types(alerts)).toEqual(['void_lookups']);
    expect(byType(alerts, 'void_lookups')!.detail).toMatchObject({ voidLookups: 3, limit: 2 });
  });

  it('record_missing (critical) only when there was a record, kept while it stays missing', async () => {
    const { previous, next, diff } = await twoAnalyses(D, 'v=spf1 include:s1.example.net -all', { [D]: { TXT: ['hello'] } });
    const alerts = evaluate({ previous, next, diff });
    expect(types(alerts)).toEqual(['record_missing']);
    expect(byType(alerts, 'record_missing')).toMatchObject({ severity: 'critical', detail: { recordBefore: 'v=spf1 include:s1.example.net -all' } });
    // Never had one: nothing to alert about.
    expect(evaluate({ next })).toEqual([]);
    // Still missing on a later change (previous has no record either): kept.
    const later = await analyzeWith(D, { [D]: { TXT: ['hello again'] } });
    const kept = evaluate({ previous: next, next: later, open: [asOpen(byType(alerts, 'record_missing')!)] });
    expect(byType(kept, 'record_missing')).toMatchObject({ triggered: false, detail: { recordBefore: 'v=spf1 include:s1.example.net -all' } });
  });
});

describe('evaluateAlerts: temperror', () => {
  it('a single DNS failure never alerts; N consecutive failures do; a good check clears it', async () => {
    const previous = await analyzeWith(D, withIncludes(8));
    const lookupWarning = asOpen(byType(evaluate({ next: previous }), 'lookup_warning')!);
    expect(evaluate({ previous, next: null, consecutiveTempErrors: 1, open: [lookupWarning] }).map((a) => [a.type, a.triggered])).toEqual([['lookup_warning', false]]);
    expect(evaluate({ previous, next: null, consecutiveTempErrors: 2, open: [lookupWarning] }).map((a) => a.type)).toEqual(['lookup_warning']);
    const third = evaluate({ previous, next: null, consecutiveTempErrors: 3, open: [lookupWarning] });
    expect(types(third)).toEqual(['lookup_warning', 'temperror']);
    expect(byType(third, 'temperror')).toMatchObject({ severity: 'warning', triggered: true, detail: { consecutiveChecks: 3 } });
    const fourth = evaluate({ previous, next: null, consecutiveTempErrors: 4, open: [lookupWarning, asOpen(byType(third, 'temperror')!)] });
    expect(byType(fourth, 'temperror')!.triggered).toBe(false);
    // Recovery with the same content: temperror is no longer desired (→ resolved).
    expect(types(evaluate({ previous, next: previous, consecutiveTempErrors: 0, open: [lookupWarning, asOpen(byType(third, 'temperror')!)] }))).toEqual(['lookup_warning']);
  });

  it('follows tempErrorChecks from the policy', () => {
    expect(types(evaluate({ consecutiveTempErrors: 1, policy: mergePolicies([{ tempErrorChecks: 1 }]) }))).toEqual(['temperror']);
  });
});

describe('evaluateAlerts: event alerts', () => {
  it('service_removed (warning) and record_changed (info) when the owner removes an include', async () => {
    const { previous, next, diff } = await twoAnalyses(D, 'v=spf1 include:sendgrid.net include:_spf.google.com -all', 'v=spf1 include:_spf.google.com -all');
    const alerts = evaluate({ previous, next, diff });
    expect(types(alerts)).toEqual(['record_changed', 'service_removed']);
    expect(byType(alerts, 'service_removed')).toMatchObject({ severity: 'warning', triggered: true, detail: { services: [{ id: 'sendgrid', include: 'sendgrid.net' }] } });
    expect(byType(alerts, 'record_changed')).toMatchObject({ severity: 'info', detail: { from: 'v=spf1 include:sendgrid.net include:_spf.google.com -all', to: 'v=spf1 include:_spf.google.com -all' } });
  });

  it('an unrelated later change keeps them; a revert resolves them without new alerts', async () => {
    const first = await twoAnalyses(D, 'v=spf1 include:sendgrid.net include:_spf.google.com -all', 'v=spf1 include:_spf.google.com -all');
    const open = evaluate(first).map((a) => asOpen(a));
    const unrelated = await twoAnalyses(D, 'v=spf1 include:_spf.google.com -all', 'v=spf1 ip4:192.0.2.1 include:_spf.google.com -all');
    const kept = evaluate({ ...unrelated, open });
    expect(byType(kept, 'service_removed')).toMatchObject({ triggered: false });
    expect(byType(kept, 'record_changed')).toMatchObject({ triggered: true, detail: { from: 'v=spf1 include:sendgrid.net include:_spf.google.com -all', to: 'v=spf1 ip4:192.0.2.1 include:_spf.google.com -all' } });
    const revert = await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 include:_spf.google.com -all', 'v=spf1 include:sendgrid.net include:_spf.google.com -all');
    // Re-adding SendGrid costs a lookup again: that rise is news of its own (info).
    expect(evaluate({ ...revert, open: kept.map((a) => asOpen(a)) }).map((a) => [a.type, a.severity])).toEqual([['lookup_increased', 'info']]);
  });

  it('service_removed is critical when the record then authorises nothing', async () => {
    const alerts = evaluate(await twoAnalyses(D, 'v=spf1 include:sendgrid.net -all', 'v=spf1 -all'));
    expect(byType(alerts, 'service_removed')!.severity).toBe('critical');
  });

  it('lookup_increased: info, warning near the limit; resolved when it falls back', async () => {
    const up = await twoAnalyses(D, withIncludes(2), withIncludes(3));
    expect(byType(evaluate(up), 'lookup_increased')).toMatchObject({ severity: 'info', detail: { from: 2, to: 3 } });
    const near = await twoAnalyses(D, withIncludes(7), withIncludes(8));
    const alerts = evaluate(near);
    expect(byType(alerts, 'lookup_increased')).toMatchObject({ severity: 'warning', detail: { from: 7, to: 8 } });
    const down = await twoAnalyses(D, withIncludes(8), withIncludes(7));
    expect(byType(evaluate({ ...down, open: alerts.map((a) => asOpen(a)) }), 'lookup_increased')).toBeUndefined();
  });

  it('all_loosened (warning; critical for +all), all_tightened (info); a tightening that reverts is not news', async () => {
    const loose = await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 ip4:192.0.2.1 ~all');
    const loosened = evaluate(loose);
    expect(byType(loosened, 'all_loosened')).toMatchObject({ severity: 'warning', detail: { from: '-', to: '~' } });
    expect(byType(evaluate(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 ip4:192.0.2.1 +all')), 'all_loosened')!.severity).toBe('critical');
    const back = await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 ~all', 'v=spf1 ip4:192.0.2.1 -all');
    const afterRevert = evaluate({ ...back, open: loosened.map((a) => asOpen(a)) });
    expect(afterRevert).toEqual([]);
    const tight = evaluate(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 ~all', 'v=spf1 ip4:192.0.2.1 -all'));
    expect(byType(tight, 'all_tightened')).toMatchObject({ severity: 'info', detail: { from: '~', to: '-' } });
  });

  it('a new change while the alert is acknowledged starts from the previous state', async () => {
    const first = evaluate(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 ip4:192.0.2.2 -all'));
    const ack = first.map((a) => asOpen(a, 'acknowledged'));
    const second = evaluate({ ...(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.2 -all', 'v=spf1 ip4:192.0.2.3 -all')), open: ack });
    expect(byType(second, 'record_changed')).toMatchObject({ triggered: true, detail: { from: 'v=spf1 ip4:192.0.2.2 -all', to: 'v=spf1 ip4:192.0.2.3 -all' } });
  });

  it('a disabled type never appears', async () => {
    const policy = mergePolicies([{ types: { record_changed: { enabled: false } } }]);
    expect(evaluate({ ...(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 ip4:192.0.2.2 -all')), policy })).toEqual([]);
  });

  it('a severity override raises the base severity', async () => {
    const policy = mergePolicies([{ types: { record_changed: { severity: 'critical' } } }]);
    expect(evaluate({ ...(await twoAnalyses(D, 'v=spf1 ip4:192.0.2.1 -all', 'v=spf1 ip4:192.0.2.2 -all')), policy })[0]!.severity).toBe('critical');
  });
});

describe('evaluateAlerts: provider changes', () => {
  const google = (netblocks: string) => ({ [D]: { TXT: ['v=spf1 include:_spf.google.com -all'] }, '_netblocks.google.com': { TXT: [netblocks] } });

  it('a provider adding a netblock opens nothing', async () => {
    const change = await twoAnalyses(D, google('v=spf1 ip4:35.190.247.0/24 ~all'), google('v=spf1 ip4:35.190.247.0/24 ip4:108.177.8.0/21 ~all'));
    expect(change.diff.providerOnly).toBe(true);
    expect(evaluate(change)).toEqual([]);
  });

  it('a provider pushing the domain to 8 lookups opens no warning, to 11 opens lookup_limit', async () => {
    const provider = (n: number) => ({ ...providers, [D]: { TXT: ['v=spf1 include:_spf.google.com -all'] }, '_netblocks.google.com': { TXT: [`v=spf1 ${includes(n)} ~all`] } });
    const eight = await twoAnalyses(D, provider(1), provider(5));
    expect(eight.next.lookupCount).toBe(8);
    expect(eight.diff.providerOnly).toBe(true);
    expect(evaluate(eight)).toEqual([]);
    const eleven = await twoAnalyses(D, provider(1), provider(8));
    expect(eleven.diff.providerOnly).toBe(true);
    expect(types(evaluate(eleven))).toEqual(['lookup_limit']);
  });
});
