import { createQueue, type PgBoss } from './queue';

describe('createQueue (pg-boss 12)', () => {
  let boss: PgBoss;
  afterAll(() => boss?.stop({ graceful: false }));

  it('runs a job against the test database', async () => {
    boss = await createQueue(process.env.DATABASE_URL!, { supervise: false, schedule: false });
    await boss.createQueue('smoke');
    const done = new Promise<unknown>((resolve) => {
      void boss.work<{ domain: string }>('smoke', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        resolve(job?.data);
        return { ok: true };
      });
    });
    const id = await boss.send('smoke', { domain: 'acme.example' });
    expect(id).toEqual(expect.any(String));
    await expect(done).resolves.toEqual({ domain: 'acme.example' });
  });
});
