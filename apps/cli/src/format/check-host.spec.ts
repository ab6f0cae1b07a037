import type { CheckHostResult } from '@spfwatch/spf';
import { renderCheckHost, toBatchError, toBatchLine } from './check-host';

const result: CheckHostResult = {
  result: 'fail',
  domain: 'example.com',
  identity: 'mailfrom',
  sender: 'alice@example.com',
  ip: '203.0.113.9',
  helo: 'mx.example.net',
  explanation: 'See https://example.com/spf for 203.0.113.9',
  matchedTerm: '-all',
  matched: { term: '-all', domain: 'example.com', path: ['example.com'] },
  problem: null,
  lookups: 1,
  voidLookups: 0,
  trace: [
    { depth: 0, domain: 'example.com', event: 'record', detail: 'v=spf1 ip4:192.0.2.0/24 -all' },
    { depth: 0, domain: 'example.com', event: 'match', term: '-all', detail: 'matched → fail' },
  ],
  receivedSpf: 'Received-SPF: fail (unknown: domain of alice@example.com does not designate 203.0.113.9 as permitted sender) client-ip=203.0.113.9;',
};

describe('toBatchLine', () => {
  it('keeps exactly result, explanation, matchedTerm, lookups — in that order', () => {
    expect(JSON.stringify(toBatchLine(result))).toBe(
      '{"result":"fail","explanation":"See https://example.com/spf for 203.0.113.9","matchedTerm":"-all","lookups":1}',
    );
  });

  it('an error line is a permerror with the message', () => {
    expect(JSON.stringify(toBatchError('missing "ip"'))).toBe(
      '{"result":"permerror","explanation":null,"matchedTerm":null,"lookups":0,"error":"missing \\"ip\\""}',
    );
  });
});

describe('renderCheckHost', () => {
  it('shows result, explanation, matched term, reason and the Received-SPF header', () => {
    const text = renderCheckHost(result, 'REASON TEXT');
    expect(text).toBe(
      [
        'Result:        fail',
        'Domain:        example.com (checked identity: MAIL FROM alice@example.com)',
        'Client IP:     203.0.113.9',
        'Matched term:  -all',
        'Explanation:   See https://example.com/spf for 203.0.113.9',
        'Lookups:       1/10 DNS-querying terms, 0/2 void',
        'Reason:        REASON TEXT',
        '',
        result.receivedSpf,
        '',
      ].join('\n'),
    );
  });

  it('shows the innermost match, the problem and "(none)" placeholders when relevant', () => {
    const text = renderCheckHost(
      {
        ...result,
        result: 'pass',
        explanation: null,
        matchedTerm: 'include:_spf.example.net',
        matched: { term: 'ip4:192.0.2.0/24', domain: '_spf.example.net', path: ['example.com', '_spf.example.net'] },
      },
      'r',
    );
    expect(text).toContain('Innermost match:  ip4:192.0.2.0/24 in _spf.example.net\n');
    expect(text).toContain('Explanation:      (none)\n');
    const none = renderCheckHost({ ...result, result: 'none', matchedTerm: null, matched: null, explanation: null, problem: 'example.com has no SPF record' }, 'r');
    expect(none).toContain('Matched term:  (none)\n');
    expect(none).toContain('Problem:       example.com has no SPF record\n');
  });

  it('names the HELO identity when no sender was given', () => {
    expect(renderCheckHost({ ...result, identity: 'helo' }, 'r')).toContain('(checked identity: HELO mx.example.net)');
  });

  it('prints the trace, indented by depth, on request', () => {
    const text = renderCheckHost(result, 'r', { trace: true });
    expect(text).toContain('Trace:\n  example.com record: v=spf1 ip4:192.0.2.0/24 -all\n  example.com match -all: matched → fail\n');
  });
});
