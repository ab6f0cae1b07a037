import { Controller, Get, Module, Param } from '@nestjs/common';
import { Public } from '../../src/common/auth/decorators';
import { createTestApp, type TestApp } from '../support/app';

/** A route that fails with an error quoting secrets, as a careless library might. */
@Controller('test-failure')
class FailingController {
  @Get(':token')
  @Public()
  fail(@Param('token') token: string): never {
    throw new Error(`boom while handling {"email":"a@b.example","password":"hunter2 hunter2"} with Bearer spfw_${'Q'.repeat(43)} and ${token}`);
  }
}
@Module({ controllers: [FailingController] })
class FailingModule {}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ imports: [FailingModule], env: { LOG_LEVEL: 'error' } });
});
afterAll(async () => {
  await t.close();
});

describe('security headers and logs', () => {
  it('sends helmet headers on API answers, errors and probes', async () => {
    for (const path of ['/health', '/api/clients', '/api/nothing-here']) {
      const response = await t.anonymous.get(path);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('no CORS headers unless CORS_ORIGINS is set', async () => {
    const response = await t.anonymous.get('/api/setup').set('Origin', 'https://evil.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs an unexpected error without passwords, tokens or the URL token', async () => {
    const written: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    );
    const urlToken = 'U'.repeat(43);
    try {
      const response = await t.anonymous.get(`/api/test-failure/${urlToken}`).expect(500);
      expect(response.body).toMatchObject({ error: 'internal_error', message: 'Internal server error' });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const log = written.join('');
    expect(log).toContain('boom while handling');
    for (const secret of ['hunter2', 'Q'.repeat(43)]) expect(log).not.toContain(secret);
  });
});
