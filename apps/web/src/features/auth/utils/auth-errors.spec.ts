import { formatWait, safeNext } from './auth-errors';

describe('safeNext', () => {
  it('keeps pages of this app and refuses other origins', () => {
    expect(safeNext('/alerts?status=open')).toBe('/alerts?status=open');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
  });
});

describe('formatWait', () => {
  it('counts seconds under a minute and rounds minutes up', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(59)).toBe('59 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
  });
});
