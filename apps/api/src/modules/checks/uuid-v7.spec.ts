import { uuidv7 } from './uuid-v7';

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID carrying the millisecond timestamp', () => {
    const id = uuidv7(0x0190a3c4d5e6);
    expect(id).toMatch(/^0190a3c4-d5e6-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by time', () => {
    expect(uuidv7(1_000) < uuidv7(2_000)).toBe(true);
  });
});
