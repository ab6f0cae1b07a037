import { createNodeResolver, fromNodeError } from '../../src/dns/node-resolver';

function nodeError(code: string): Error {
  return Object.assign(new Error(`queryTxt ${code} example.com`), { code });
}

describe('createNodeResolver error mapping', () => {
  // RFC 7208 §4.6.4 needs NXDOMAIN and NODATA apart; §5 maps the rest to temperror.
  it.each([
    ['ENOTFOUND', { kind: 'nxdomain' }],
    ['ENODATA', { kind: 'nodata' }],
    ['ETIMEOUT', { kind: 'error', error: 'timeout', message: 'queryTxt ETIMEOUT example.com' }],
    ['ESERVFAIL', { kind: 'error', error: 'servfail', message: 'queryTxt ESERVFAIL example.com' }],
    ['EREFUSED', { kind: 'error', error: 'refused', message: 'queryTxt EREFUSED example.com' }],
    ['ECONNREFUSED', { kind: 'error', error: 'error', message: 'queryTxt ECONNREFUSED example.com' }],
    ['EBADRESP', { kind: 'error', error: 'error', message: 'queryTxt EBADRESP example.com' }],
  ])('maps %s', (code, answer) => {
    expect(fromNodeError(nodeError(code))).toEqual(answer);
  });

  it('keeps the message of an error without a code', () => {
    expect(fromNodeError('weird')).toEqual({ kind: 'error', error: 'error', message: 'weird' });
  });

  it('cannot ask type 99 and says so as data', async () => {
    const dns = createNodeResolver({ servers: ['127.0.0.1:9'] });
    expect(await dns.resolve('example.com', 'SPF')).toMatchObject({ kind: 'error', error: 'unsupported' });
  });

  it('answers an invalid name (RFC 1035 lengths) nxdomain, as the wire resolver does', async () => {
    const dns = createNodeResolver({ servers: ['127.0.0.1:9'] });
    expect(await dns.resolve('a..b', 'A')).toEqual({ kind: 'nxdomain' });
  });
});
