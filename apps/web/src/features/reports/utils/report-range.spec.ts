import type { CreateReportInput } from '@spfwatch/contracts';
import { addDays, bodyFromRange, daysInRange, presetRange, rangeErrorsFromApi, rangeProblems, todayIn } from './report-range';
import { formatPeriod } from './report-format';

describe('report ranges', () => {
  it('counts days with both ends included, across months and leap days', () => {
    expect(daysInRange('2026-03-01', '2026-03-07')).toBe(7);
    expect(daysInRange('2026-03-07', '2026-03-07')).toBe(1);
    expect(daysInRange('2028-02-28', '2028-03-01')).toBe(3);
    expect(daysInRange('2026-03-07', '2026-03-01')).toBe(-5);
    expect(daysInRange('2026-02-30', '2026-03-01')).toBeNull();
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads today in the organization’s time zone, not the browser’s', () => {
    const lateEvening = new Date('2026-03-01T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-03-01');
    expect(todayIn('Europe/Paris', lateEvening)).toBe('2026-03-02');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-03-01');
  });

  it('presets end today; last month is the whole previous month (January’s from February)', () => {
    expect(presetRange('last-7', '2026-03-05')).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(presetRange('last-30', '2026-03-05')).toEqual({ from: '2026-02-04', to: '2026-03-05' });
    expect(presetRange('this-month', '2026-03-05')).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(presetRange('last-month', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('last-month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('finds what the API would refuse before sending', () => {
    const today = '2026-03-05';
    expect(rangeProblems({ clientId: 'c1', from: '2026-03-01', to: '2026-03-05' }, today)).toEqual({});
    expect(rangeProblems({ clientId: '', from: '', to: '' }, today)).toEqual({ clientId: 'Choose a client.', from: 'Choose the first day.', to: 'Choose the last day.' });
    expect(rangeProblems({ clientId: 'c1', from: '2026-03-05', to: '2026-03-01' }, today)).toEqual({ to: 'Must be on or after the first day.' });
    expect(rangeProblems({ clientId: 'c1', from: '2026-03-06', to: '2026-03-08' }, today)).toEqual({ from: 'Must not be in the future.' });
    // 366 days pass, 367 do not.
    expect(rangeProblems({ clientId: 'c1', from: '2025-03-05', to: '2026-03-05' }, today)).toEqual({});
    expect(rangeProblems({ clientId: 'c1', from: '2025-03-04', to: '2026-03-05' }, today)).toEqual({ to: 'A report covers at most 366 days (this range has 367).' });
    expect(rangeProblems({ clientId: 'c1', from: '2026-13-01', to: '2026-03-05' }, today)).toEqual({ from: 'Expected a date (YYYY-MM-DD).' });
  });

  it('sends the days as typed, and maps the API’s issues onto the fields', () => {
    expect(bodyFromRange({ clientId: 'c1', from: '2026-03-01', to: '2026-03-07' })).toEqual({ clientId: 'c1', from: '2026-03-01', to: '2026-03-07' } satisfies CreateReportInput);
    expect(rangeErrorsFromApi({ from: 'Must be in the past', '': 'Unrecognized key: "format"' })).toEqual({ from: 'Must be in the past', form: 'Unrecognized key: "format"' });
  });
});

describe('formatPeriod', () => {
  it('shows whole days as days, the exclusive midnight end as the day before', () => {
    expect(formatPeriod('2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z', 'UTC', 'en-GB')).toBe('1 Mar 2026 – 7 Mar 2026');
    // Midnight in Paris is 23:00 UTC the day before.
    expect(formatPeriod('2026-02-28T23:00:00.000Z', '2026-03-07T23:00:00.000Z', 'Europe/Paris', 'en-GB')).toBe('1 Mar 2026 – 7 Mar 2026');
    expect(formatPeriod('2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', 'UTC', 'en-GB')).toBe('1 Mar 2026');
  });

  it('shows the time of an end clamped to now and of a weekly slot', () => {
    expect(formatPeriod('2026-03-01T00:00:00.000Z', '2026-03-05T14:32:00.000Z', 'UTC', 'en-GB')).toBe('1 Mar 2026 – 5 Mar 2026, 14:32');
    expect(formatPeriod('2026-11-23T07:00:00.000Z', '2026-11-30T07:00:00.000Z', 'Europe/Paris', 'en-GB')).toBe('23 Nov 2026, 08:00 – 30 Nov 2026, 08:00');
  });
});
