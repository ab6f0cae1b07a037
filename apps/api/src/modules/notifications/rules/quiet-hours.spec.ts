import { quietUntil } from './quiet-hours';

const paris = (start: string, end: string) => ({ start, end, timeZone: 'Europe/Paris' });

describe('quietUntil', () => {
  it('lets deliveries through outside the window and without quiet hours', () => {
    expect(quietUntil(new Date('2026-03-02T12:00:00Z'), null)).toBeNull();
    expect(quietUntil(new Date('2026-03-02T12:00:00Z'), paris('22:00', '07:00'))).toBeNull();
    // 07:00 Paris = 06:00Z: the end is not inside.
    expect(quietUntil(new Date('2026-03-02T06:00:00Z'), paris('22:00', '07:00'))).toBeNull();
  });

  it('holds a delivery until the end of a window that crosses midnight', () => {
    // 23:30 Paris on 2 March → 07:00 Paris on 3 March.
    expect(quietUntil(new Date('2026-03-02T22:30:00Z'), paris('22:00', '07:00'))?.toISOString()).toBe('2026-03-03T06:00:00.000Z');
    // 05:00 Paris on 3 March → 07:00 the same day.
    expect(quietUntil(new Date('2026-03-03T04:00:00Z'), paris('22:00', '07:00'))?.toISOString()).toBe('2026-03-03T06:00:00.000Z');
    // 22:00 exactly is inside.
    expect(quietUntil(new Date('2026-03-02T21:00:00Z'), paris('22:00', '07:00'))?.toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });

  it('handles a same-day window and the time zone of the channel', () => {
    expect(quietUntil(new Date('2026-03-02T12:30:00Z'), { start: '12:00', end: '14:00', timeZone: 'UTC' })?.toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(quietUntil(new Date('2026-03-02T11:59:00Z'), { start: '12:00', end: '14:00', timeZone: 'UTC' })).toBeNull();
    // 20:00 in New York (01:00Z next day) is inside 19:00–08:00 New York.
    expect(quietUntil(new Date('2026-03-03T01:00:00Z'), { start: '19:00', end: '08:00', timeZone: 'America/New_York' })?.toISOString()).toBe('2026-03-03T13:00:00.000Z');
  });
});
