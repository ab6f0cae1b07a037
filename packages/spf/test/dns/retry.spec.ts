import { isResolverConfigError } from '../../src/errors';
import { createRetryingResolver } from '../../src/dns/retry';
import { createScriptedResolver, SERVFAIL, TIMEOUT } from './helpers';

const OK = { kind: 'ok' as const, records: [['v=spf1 -all']] };

describe('createRetryingResolver', () => {
  it('asks again on timeout, then returns the success', async () => {
    const inner = createScriptedResolver([TIMEOUT, OK]);
    const dns = createRetryingResolver(inner, { retries: 2 });
    expect(await dns.resolve('example.com', 'TXT')).toEqual(OK);
    expect(inner.calls).toHaveLength(2);
    expect(dns.retriesMade()).toBe(1);
  });

  it('gives up after `retries` extra attempts with the last error', async () => {
    const inner = createScriptedResolver([TIMEOUT, SERVFAIL, TIMEOUT, OK]);
    const dns = createRetryingResolver(inner, { retries: 2 });
    expect(await dns.resolve('example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'timeout' });
    expect(inner.calls).toHaveLength(3);
  });

  // RFC 7208 §4.6.4: nxdomain / nodata are answers, never retried.
  it.each([{ kind: 'nxdomain' as const }, { kind: 'nodata' as const }, { kind: 'error' as const, error: 'refused' as const, message: 'no' }])(
    'does not retry %j by default',
    async (answer) => {
      const inner = createScriptedResolver([answer, OK]);
      const dns = createRetryingResolver(inner, { retries: 3 });
      expect(await dns.resolve('example.com', 'TXT')).toEqual(answer);
      expect(inner.calls).toHaveLength(1);
    },
  );

  it('retries only the kinds in retryOn', async () => {
    const refused = { kind: 'error' as const, error: 'refused' as const, message: 'no' };
    const inner = createScriptedResolver([refused, TIMEOUT, OK]);
    const dns = createRetryingResolver(inner, { retries: 5, retryOn: ['refused'] });
    expect(await dns.resolve('example.com', 'TXT')).toEqual(TIMEOUT);
    expect(inner.calls).toHaveLength(2);
  });

  it('with retries: 0 is a pass-through', async () => {
    const inner = createScriptedResolver([TIMEOUT, OK]);
    expect(await createRetryingResolver(inner, { retries: 0 }).resolve('example.com', 'TXT')).toEqual(TIMEOUT);
  });

  it('rejects a malformed retries option', () => {
    expect(() => createRetryingResolver(createScriptedResolver([]), { retries: -1 })).toThrow(/Invalid retries/);
    try {
      createRetryingResolver(createScriptedResolver([]), { retries: 1.5 });
    } catch (err) {
      expect(isResolverConfigError(err)).toBe(true);
    }
  });
});
