import { InvalidArgumentError } from 'commander';
import {
  collectDnsServer,
  formatDnsServer,
  parseConcurrency,
  parseDnsServer,
  parseIpAddress,
  parseTimeoutMs,
  resolverSettingsFrom,
  validateDomain,
} from './options';

describe('parseDnsServer (--dns)', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1:53'],
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['::1', '[::1]:53'],
    ['[::1]:5353', '[::1]:5353'],
    ['[2001:db8::1]', '[2001:db8::1]:53'],
    [' 192.0.2.1:53 ', '192.0.2.1:53'],
  ])('accepts %j as %s', (spec, expected) => {
    expect(formatDnsServer(parseDnsServer(spec))).toBe(expected);
  });

  it.each([
    ['', /Expected a DNS server address/],
    ['dns.example.com', /'dns.example.com' is not an IP address/],
    ['localhost:53', /'localhost' is not an IP address/],
    ['1.2.3', /'1.2.3' is not an IP address/],
    ['127.0.0.1:', /Port '' is not a number from 1 to 65535/],
    ['127.0.0.1:0', /Port '0'/],
    ['127.0.0.1:65536', /Port '65536'/],
    ['127.0.0.1:abc', /Port 'abc'/],
    ['[127.0.0.1]:53', /Only an IPv6 address goes in brackets/],
    ['[::1]:x', /Port 'x'/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseDnsServer(spec)).toThrow(InvalidArgumentError);
    expect(() => parseDnsServer(spec)).toThrow(message);
  });

  it('collects repeated --dns values in order', () => {
    const first = collectDnsServer('127.0.0.1:5353', undefined);
    expect(collectDnsServer('::1', first)).toEqual(['127.0.0.1:5353', '[::1]:53']);
  });
});

describe('parseTimeoutMs (--timeout-ms)', () => {
  it('accepts whole milliseconds', () => {
    expect(parseTimeoutMs('200')).toBe(200);
    expect(parseTimeoutMs('600000')).toBe(600000);
  });

  it.each(['abc', '', '0', '-5', '1.5', '2e3', '600001', '200ms'])('refuses %j', (text) => {
    expect(() => parseTimeoutMs(text)).toThrow(/whole number of milliseconds from 1 to 600000/);
  });
});

describe('parseConcurrency (--concurrency)', () => {
  it('accepts 1 to 1024', () => {
    expect(parseConcurrency('1')).toBe(1);
    expect(parseConcurrency('1024')).toBe(1024);
    expect(() => parseConcurrency('0')).toThrow(InvalidArgumentError);
    expect(() => parseConcurrency('1025')).toThrow(InvalidArgumentError);
  });
});

describe('parseIpAddress (--ip)', () => {
  it.each(['192.0.2.1', '2001:db8::25', '::ffff:192.0.2.1'])('accepts %s', (ip) => {
    expect(parseIpAddress(ip)).toBe(ip);
  });

  it.each(['1.2.3', '256.1.1.1', 'example.com', '', '192.0.2.1/24'])('refuses %j', (ip) => {
    expect(() => parseIpAddress(ip)).toThrow(`'${ip}' is not a valid IPv4 or IPv6 address.`);
  });
});

describe('validateDomain (analyze DOMAIN)', () => {
  it('normalises like the engine (case, trailing dot)', () => {
    expect(validateDomain('Example.COM.')).toEqual({ ok: true, domain: 'example.com' });
  });

  it.each([
    ['', 'invalid domain "": the domain is empty'],
    ['localhost', 'single label'],
    ['exa mple.com', 'invalid label'],
  ])('refuses %j', (text, message) => {
    const check = validateDomain(text);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toContain(message);
  });
});

describe('resolverSettingsFrom', () => {
  it('defaults to the node resolver and the system servers', () => {
    expect(resolverSettingsFrom({})).toEqual({ implementation: 'node' });
  });

  it('passes servers and timeout through', () => {
    expect(resolverSettingsFrom({ dns: ['127.0.0.1:53'], timeoutMs: 200, resolver: 'wire' })).toEqual({
      implementation: 'wire',
      servers: ['127.0.0.1:53'],
      timeoutMs: 200,
    });
  });
});
