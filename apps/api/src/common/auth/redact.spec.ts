import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes API tokens, argon2 hashes, URL tokens, credentials headers and password fields', () => {
    const token = 'spfw_' + 'A'.repeat(43);
    const invite = 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MA';
    const text = [
      `Authorization: Bearer ${token}`,
      `POST /api/invitations/${invite}/accept failed`,
      `GET /invite/${invite}`,
      'passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"',
      '{"email":"a@b.c","password":"hunter2 hunter2","name":"A"}',
      'cookie: spfwatch_session=abcdef; spfwatch_csrf=ghijk',
      'GET /api/setup?token=secret123&x=1',
    ].join('\n');
    const out = redactSecrets(text);
    for (const secret of [token, invite, 'c2FsdA$aGFzaA', 'hunter2', 'spfwatch_session=abcdef', 'secret123']) expect(out).not.toContain(secret);
    expect(out).toContain('a@b.c');
    expect(out).toContain('/api/invitations/[redacted]/accept');
    expect(out).toContain('x=1');
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /api/domains/0190c0de-0000-7000-8000-000000000001 failed [abc]: relation "domains" does not exist';
    expect(redactSecrets(text)).toBe(text);
  });
});
