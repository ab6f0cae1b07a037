import { Writable } from 'node:stream';
import { AppLogger } from './app-logger';
import { withLogContext } from './log-context';

/** A pino destination that keeps the lines. */
function lines(): { stream: Writable & { write: (chunk: string) => boolean }; parsed: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk.toString());
      done();
    },
  });
  return { stream: stream as never, parsed: () => out.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('AppLogger (json)', () => {
  it('writes one JSON object per line with level, time, message, context, role and the request or job ids', async () => {
    const sink = lines();
    const logger = new AppLogger('info', 'json', { role: 'worker', destination: sink.stream });
    logger.log('Scheduler on', 'Scheduler');
    await withLogContext({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      logger.warn('slow answer', 'Dns');
    });
    withLogContext({ jobId: 'job-7', job: 'check-domain' }, () => logger.error('check failed', 'Error: boom\n    at check (x.ts:1:1)', 'Checks'));
    const [a, b, c] = sink.parsed();
    expect(a).toMatchObject({ level: 'info', msg: 'Scheduler on', context: 'Scheduler', role: 'worker', pid: process.pid });
    expect(typeof a!.time).toBe('string');
    expect(a).not.toHaveProperty('requestId');
    expect(b).toMatchObject({ level: 'warn', msg: 'slow answer', context: 'Dns', requestId: 'req-1' });
    expect(c).toMatchObject({ level: 'error', msg: 'check failed', context: 'Checks', jobId: 'job-7', job: 'check-domain', stack: expect.stringContaining('at check') });
  });

  it('honours LOG_LEVEL and leaves Nest’s per-route start-up lines out below debug', () => {
    const sink = lines();
    const logger = new AppLogger('warn', 'json', { destination: sink.stream });
    logger.log('not shown', 'Scheduler');
    logger.debug('not shown either');
    logger.warn('shown');
    const quiet = lines();
    new AppLogger('info', 'json', { destination: quiet.stream }).log('Mapped {/api/domains, GET} route', 'RouterExplorer');
    const chatty = lines();
    new AppLogger('debug', 'json', { destination: chatty.stream }).log('Mapped {/api/domains, GET} route', 'RouterExplorer');
    expect(sink.parsed().map((l) => l.msg)).toEqual(['shown']);
    expect(quiet.parsed()).toEqual([]);
    expect(chatty.parsed()).toHaveLength(1);
  });

  it('silent writes nothing; text is for a terminal and has no pino logger', () => {
    const sink = lines();
    new AppLogger('silent', 'json', { destination: sink.stream }).error('nothing');
    expect(sink.parsed()).toEqual([]);
    expect(new AppLogger('info', 'text').pino).toBeNull();
  });
});
