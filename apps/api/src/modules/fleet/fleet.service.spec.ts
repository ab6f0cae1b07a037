import { summariseGroups } from './fleet.service';

describe('summariseGroups', () => {
  it('derives totals, paused, counts by status and the histogram from the grouped rows', () => {
    const s = summariseGroups([
      { status: 'ok', paused: false, lookupCount: 3, count: 5 },
      { status: 'ok', paused: true, lookupCount: 3, count: 2 },
      { status: 'warning', paused: false, lookupCount: 9, count: 4 },
      { status: 'broken', paused: false, lookupCount: 11, count: 1 },
      { status: 'broken', paused: false, lookupCount: 25, count: 2 },
      { status: 'broken', paused: false, lookupCount: 0, count: 1 },
      { status: 'unknown', paused: true, lookupCount: null, count: 7 },
    ]);
    expect(s.total).toBe(22);
    expect(s.paused).toBe(9);
    expect(s.counts).toEqual({ ok: 7, warning: 4, broken: 4, unknown: 7 });
    expect(Object.fromEntries(s.lookupHistogram.map((b) => [b.bucket, b.count]))).toEqual({
      '0': 1, '1': 0, '2': 0, '3': 7, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0, '9': 4, '10': 0, '11+': 3,
    });
  });

  it('an empty organization has every bucket at zero', () => {
    const s = summariseGroups([]);
    expect(s).toEqual({ total: 0, paused: 0, counts: { ok: 0, warning: 0, broken: 0, unknown: 0 }, lookupHistogram: expect.any(Array) });
    expect(s.lookupHistogram).toHaveLength(12);
    expect(s.lookupHistogram.every((b) => b.count === 0)).toBe(true);
  });
});
