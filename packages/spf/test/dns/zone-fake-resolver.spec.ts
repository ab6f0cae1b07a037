import { createZoneFakeResolver } from '../../src/dns/zone-fake-resolver';

describe('createZoneFakeResolver', () => {
  const zone = {
    'Example.COM.': {
      TXT: ['v=spf1 -all', ['v=spf1 ', 'ip4:192.0.2.1 -all']],
      A: ['192.0.2.1'],
      MX: [{ priority: 10, exchange: 'MX.Example.com.' }],
    },
    'deep.empty.example.com': { AAAA: ['2001:db8::1'] },
    '1.2.0.192.in-addr.arpa': { PTR: ['Host.Example.com.'] },
    'spf99.example.com': { SPF: ['v=spf1 -all'] },
    'broken.example.com': { TXT: ['v=spf1 -all'], error: 'servfail' as const },
    'partly.example.com': { A: ['192.0.2.7'], error: { TXT: 'timeout' as const } },
  };

  it('answers records, case-insensitively and with or without the trailing dot', async () => {
    const dns = createZoneFakeResolver(zone);
    expect(await dns.resolve('example.com.', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.1'] });
    expect(await dns.resolve('EXAMPLE.com', 'MX')).toEqual({ kind: 'ok', records: [{ priority: 10, exchange: 'mx.example.com' }] });
    expect(await dns.resolve('1.2.0.192.in-addr.arpa', 'PTR')).toEqual({ kind: 'ok', records: ['host.example.com'] });
    expect(await dns.resolve('spf99.example.com', 'SPF')).toEqual({ kind: 'ok', records: [['v=spf1 -all']] });
  });

  // RFC 7208 §3.3: the strings of one TXT RR are joined by the caller, so they arrive apart.
  it('keeps the strings of one TXT RR apart', async () => {
    const dns = createZoneFakeResolver(zone);
    expect(await dns.resolve('example.com', 'TXT')).toEqual({
      kind: 'ok',
      records: [['v=spf1 -all'], ['v=spf1 ', 'ip4:192.0.2.1 -all']],
    });
  });

  // RFC 7208 §4.6.4: NXDOMAIN and NODATA are both void lookups, but they stay distinct.
  it('tells nxdomain from nodata, including empty non-terminals', async () => {
    const dns = createZoneFakeResolver(zone);
    expect(await dns.resolve('nope.example.com', 'TXT')).toEqual({ kind: 'nxdomain' });
    expect(await dns.resolve('example.com', 'AAAA')).toEqual({ kind: 'nodata' });
    expect(await dns.resolve('empty.example.com', 'TXT')).toEqual({ kind: 'nodata' });
    expect(await dns.resolve('mpty.example.com', 'TXT')).toEqual({ kind: 'nxdomain' });
  });

  // RFC 7208 §5 / §2.6.6: errors become temperror, so they are data too.
  it('answers configured errors, for every type or per type', async () => {
    const dns = createZoneFakeResolver(zone);
    expect(await dns.resolve('broken.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'servfail' });
    expect(await dns.resolve('broken.example.com', 'A')).toMatchObject({ kind: 'error', error: 'servfail' });
    expect(await dns.resolve('partly.example.com', 'TXT')).toMatchObject({ kind: 'error', error: 'timeout' });
    expect(await dns.resolve('partly.example.com', 'A')).toEqual({ kind: 'ok', records: ['192.0.2.7'] });
  });

  it('records every query as asked, in order', async () => {
    const dns = createZoneFakeResolver(zone);
    await dns.resolve('Example.com', 'TXT');
    await dns.resolve('nope.example.com', 'A');
    await dns.resolve('Example.com', 'TXT');
    expect(dns.queries).toEqual([
      { name: 'Example.com', type: 'TXT' },
      { name: 'nope.example.com', type: 'A' },
      { name: 'Example.com', type: 'TXT' },
    ]);
  });

  it('hands out copies: a caller mutating an answer does not change the zone', async () => {
    const dns = createZoneFakeResolver(zone);
    const first = await dns.resolve('example.com', 'TXT');
    if (first.kind !== 'ok') throw new Error('expected ok');
    first.records[0]?.push('tampered');
    expect(await dns.resolve('example.com', 'TXT')).toMatchObject({ records: [['v=spf1 -all'], expect.any(Array)] });
  });

  it('answers without timers: already settled on the next microtask', async () => {
    jest.useFakeTimers();
    try {
      const dns = createZoneFakeResolver(zone);
      let answered = false;
      void dns.resolve('example.com', 'A').then(() => (answered = true));
      await Promise.resolve();
      expect(answered).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
