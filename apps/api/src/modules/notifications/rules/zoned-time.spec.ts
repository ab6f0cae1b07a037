import { localDateTimeString, localParts, offsetAt, startOfLocalDay, zonedToUtc } from './zoned-time';

describe('zoned time', () => {
  it('reads the wall clock of a zone', () => {
    expect(localParts(new Date('2026-03-02T07:30:00Z'), 'Europe/Berlin')).toEqual({ year: 2026, month: 3, day: 2, hour: 8, minute: 30, second: 0, weekday: 1 });
    expect(localParts(new Date('2026-03-02T02:00:00Z'), 'America/New_York')).toMatchObject({ day: 1, hour: 21, weekday: 0 });
    expect(offsetAt(new Date('2026-07-01T00:00:00Z'), 'Europe/Paris')).toBe(2 * 3_600_000);
  });

  it('turns local times into instants across daylight-saving changes', () => {
    expect(zonedToUtc({ year: 2026, month: 3, day: 2, hour: 8, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-02T07:00:00.000Z');
    // After the spring change (29 March 2026 in the EU): UTC+2.
    expect(zonedToUtc({ year: 2026, month: 3, day: 30, hour: 8, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // 02:30 does not exist on 29 March: the instant after the gap.
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: the first.
    expect(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedToUtc({ year: 2026, month: 1, day: 32 }, 'UTC').toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('finds local midnights and formats local times', () => {
    expect(startOfLocalDay(new Date('2026-03-02T23:30:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-02T23:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-03-02T12:00:00Z'), 'Asia/Tokyo', -1).toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(localDateTimeString(new Date('2026-03-02T07:05:00Z'), 'Europe/Berlin')).toBe('2026-03-02 08:05');
  });
});
