import { checkJobKey, isTickId, jitterSeconds, nextCheckAt, nextScheduledCheckAt, tickIdOf, tickTime } from './tick';

describe('tick ids', () => {
  it('is the fire time to the minute in UTC, and parses back', () => {
    const id = tickIdOf(new Date('2026-11-22T06:00:31.250Z'));
    expect(id).toBe('2026-11-22T06:00Z');
    expect(tickTime(id).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(isTickId(id)).toBe(true);
    expect(isTickId('2026-11-22T06:00:00Z')).toBe(false);
    expect(isTickId('yesterday')).toBe(false);
    expect(() => tickTime('nope')).toThrow(RangeError);
  });

  it('keys check jobs by domain', () => {
    expect(checkJobKey('d1')).toBe('check:d1');
  });
});

describe('jitterSeconds', () => {
  it('stays within [0, max]', () => {
    expect(jitterSeconds(0, () => 0.99)).toBe(0);
    expect(jitterSeconds(30, () => 0)).toBe(0);
    expect(jitterSeconds(30, () => 0.999999)).toBe(30);
    for (let i = 0; i < 100; i++) expect(jitterSeconds(5)).toBeLessThanOrEqual(5);
  });
});

describe('nextCheckAt', () => {
  it('adds the interval to the base time', () => {
    expect(nextCheckAt(new Date('2026-11-22T06:00:00Z'), 60).toISOString()).toBe('2026-11-22T07:00:00.000Z');
  });

  it('counts scheduled checks from the tick, unless that is already past', () => {
    expect(nextScheduledCheckAt('2026-11-22T06:00Z', 60, new Date('2026-11-22T06:07:00Z')).toISOString()).toBe('2026-11-22T07:00:00.000Z');
    expect(nextScheduledCheckAt('2026-11-22T06:00Z', 60, new Date('2026-11-22T07:30:00Z')).toISOString()).toBe('2026-11-22T08:30:00.000Z');
  });
});
