import { RUNTIME_V8_FLAGS, runtimeFlagsToApply } from './runtime-flags';

describe('runtimeFlagsToApply', () => {
  it('applies every flag when the operator gave none', () => {
    expect(runtimeFlagsToApply([])).toEqual([...RUNTIME_V8_FLAGS]);
    expect(RUNTIME_V8_FLAGS).toEqual(['--liftoff-only', '--heap-growing-percent=50']);
  });

  it("keeps the operator's own value, whatever its spelling", () => {
    expect(runtimeFlagsToApply(['--heap-growing-percent=20'])).toEqual(['--liftoff-only']);
    expect(runtimeFlagsToApply(['--heap_growing_percent=20'])).toEqual(['--liftoff-only']);
    expect(runtimeFlagsToApply(['--no-liftoff-only'])).toEqual(['--heap-growing-percent=50']);
    expect(runtimeFlagsToApply(['--no_liftoff_only', '--heap-growing-percent=30'])).toEqual([]);
  });

  it('ignores unrelated arguments', () => {
    expect(runtimeFlagsToApply(['--enable-source-maps', '--max-old-space-size=512', 'dist/main.js', '-r', 'x'])).toEqual([...RUNTIME_V8_FLAGS]);
  });
});
