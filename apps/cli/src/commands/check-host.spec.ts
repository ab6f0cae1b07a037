import { parseBatchInput } from './check-host';

describe('parseBatchInput (check-host --batch lines)', () => {
  it('reads ip, sender and helo', () => {
    expect(parseBatchInput('{"ip":"192.0.2.1","sender":"a@example.com","helo":"mx.example.com"}')).toEqual({
      ok: true,
      check: { ip: '192.0.2.1', sender: 'a@example.com', helo: 'mx.example.com' },
    });
  });

  it('accepts an empty or absent sender (HELO identity) and an absent helo', () => {
    expect(parseBatchInput('{"ip":"2001:db8::1","sender":"","helo":"mx.example.com"}')).toEqual({
      ok: true,
      check: { ip: '2001:db8::1', sender: '', helo: 'mx.example.com' },
    });
    expect(parseBatchInput('{"ip":"192.0.2.1"}')).toEqual({ ok: true, check: { ip: '192.0.2.1', sender: '', helo: '' } });
  });

  it.each([
    ['{not json', /^invalid JSON: /],
    ['[1,2]', /^expected a JSON object/],
    ['null', /^expected a JSON object/],
    ['{"sender":"a@example.com"}', /^missing "ip"$/],
    ['{"ip":42}', /^"ip" must be a string$/],
    ['{"ip":"1.2.3"}', /^"ip": '1.2.3' is not a valid IPv4 or IPv6 address$/],
    ['{"ip":"192.0.2.1","sender":7}', /^"sender" must be a string$/],
    ['{"ip":"192.0.2.1","helo":false}', /^"helo" must be a string$/],
  ])('refuses %s', (line, message) => {
    const parsed = parseBatchInput(line);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});
