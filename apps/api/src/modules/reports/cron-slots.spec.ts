import { cronProblem, DEFAULT_REPORT_CRON, latestSlot, nextSlots } from './cron-slots';

describe('report schedule slots', () => {
  it('validates with node-cron and wants minute precision', () => {
    expect(cronProblem(DEFAULT_REPORT_CRON)).toBeNull();
    expect(cronProblem('30 7 * * mon-fri')).toBeNull();
    expect(cronProblem('0 8 * *')).toMatch(/5 fields/);
    expect(cronProblem('0 0 8 * * 1')).toMatch(/5 fields/);
    expect(cronProblem('61 8 * * 1')).toMatch(/Not a valid cron/);
  });

  it('finds Monday 08:00 in the organization’s time zone, within the lookback only', () => {
    // Berlin is UTC+1 in early March: 08:00 local = 07:00Z.
    expect(latestSlot(DEFAULT_REPORT_CRON, 'Europe/Berlin', new Date('2026-03-02T06:59:59Z'))).toBeNull();
    expect(latestSlot(DEFAULT_REPORT_CRON, 'Europe/Berlin', new Date('2026-03-02T07:00:00Z'))?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(latestSlot(DEFAULT_REPORT_CRON, 'Europe/Berlin', new Date('2026-03-02T07:42:10Z'))?.toISOString()).toBe('2026-03-02T07:00:00.000Z');
    expect(latestSlot(DEFAULT_REPORT_CRON, 'Europe/Berlin', new Date('2026-03-02T08:00:00Z'))).toBeNull();
    expect(latestSlot(DEFAULT_REPORT_CRON, 'UTC', new Date('2026-03-02T07:30:00Z'))).toBeNull();
    // After the spring change Berlin is UTC+2: 06:00Z.
    expect(latestSlot(DEFAULT_REPORT_CRON, 'Europe/Berlin', new Date('2026-03-30T06:00:30Z'))?.toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('lists the next runs', () => {
    expect(nextSlots(DEFAULT_REPORT_CRON, 'America/New_York', new Date('2026-03-02T13:00:00Z'), 2).map((d) => d.toISOString())).toEqual(['2026-03-09T12:00:00.000Z', '2026-03-16T12:00:00.000Z']);
  });
});
