import { DEFAULT_POLICY, mergePolicies } from './alert-policy';

describe('mergePolicies', () => {
  it('gives the documented defaults without any policy', () => {
    expect(DEFAULT_POLICY.thresholds).toEqual({ lookupWarn: 8, lookupLimit: 10, tempErrorChecks: 3, voidLimit: 2 });
    expect(DEFAULT_POLICY.types.record_missing).toEqual({ enabled: true, severity: 'critical' });
    expect(DEFAULT_POLICY.types.temperror).toEqual({ enabled: true, severity: 'warning' });
    expect(DEFAULT_POLICY.types.record_changed).toEqual({ enabled: true, severity: 'info' });
  });

  it('merges field by field, the most specific scope winning', () => {
    const org = { lookupWarn: 7, tempErrorChecks: 5, types: { record_changed: { enabled: false }, lookup_warning: { severity: 'info' as const } } };
    const client = { lookupWarn: 6, lookupLimit: null, types: { record_changed: { severity: 'warning' as const } } };
    const domain = { tempErrorChecks: 2, types: { record_changed: { enabled: true } } };
    const p = mergePolicies([org, client, domain]);
    expect(p.thresholds).toEqual({ lookupWarn: 6, lookupLimit: 10, tempErrorChecks: 2, voidLimit: 2 });
    expect(p.types.record_changed).toEqual({ enabled: true, severity: 'warning' });
    expect(p.types.lookup_warning).toEqual({ enabled: true, severity: 'info' });
  });

  it('skips missing scopes', () => {
    expect(mergePolicies([null, undefined, { voidLimit: 0 }]).thresholds.voidLimit).toBe(0);
  });
});
