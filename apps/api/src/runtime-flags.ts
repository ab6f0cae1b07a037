import v8 from 'node:v8';

/**
 * V8 settings the app gives itself at production start (`main`, before anything compiles
 * WebAssembly or fills the heap), so `node dist/main.js` behaves the same in Docker, under
 * `npm start` and in the benchmark. Measured with the monitoring benchmark (10,000 domains, one
 * API and two workers, peak RSS as VmHWM):
 *
 * - `--liftoff-only`: Prisma 7's query compiler and the migrations' schema engine are
 *   WebAssembly. V8 compiles them with its baseline compiler and then recompiles hot functions
 *   with TurboFan on background threads; that second tier cost ~50 MB resident per process
 *   (40 MB more while compiling at start) for no measurable gain: a fleet-list query plus a
 *   grouped count took the same time either way (p50 1.2 ms, p95 2.4 ms over 2,000 runs).
 * - `--heap-growing-percent=50`: after each full GC V8 lets the old generation grow by a factor
 *   chosen from the heap ceiling, which it derives from the host's memory; from a 2 GB ceiling
 *   up (4 GB on a 24 GB host) that factor reaches 4. A worker's live heap is ~65-80 MB in a
 *   cycle, so it let ~200 MB of dead check data pile up before collecting. 1.5× keeps the heap
 *   near the live set; the full GCs stay incremental and concurrent. Unlike
 *   `--max-old-space-size` it sets no ceiling the process could run into.
 *
 * A flag the operator already gave (command line or NODE_OPTIONS, also as `--no-…` or with
 * underscores) wins.
 */
export const RUNTIME_V8_FLAGS: readonly string[] = ['--liftoff-only', '--heap-growing-percent=50'];

/** `--heap_growing_percent=5` → `heap-growing-percent`; `--no-liftoff-only` → `liftoff-only`. */
function flagName(arg: string): string | null {
  const m = /^--(?:no-|no_)?([A-Za-z0-9_-]+)/.exec(arg);
  return m ? m[1]!.replace(/_/g, '-') : null;
}

/** The flags of `RUNTIME_V8_FLAGS` not already set by the operator's own arguments. */
export function runtimeFlagsToApply(operatorArgs: readonly string[], flags: readonly string[] = RUNTIME_V8_FLAGS): string[] {
  const given = new Set(operatorArgs.map(flagName).filter((n): n is string => n !== null));
  return flags.filter((f) => !given.has(flagName(f)!));
}

/** Applies the runtime flags to this process; returns those applied. */
export function applyRuntimeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ''): string[] {
  const applied = runtimeFlagsToApply([...execArgv, ...nodeOptions.split(/\s+/).filter(Boolean)]);
  for (const flag of applied) v8.setFlagsFromString(flag);
  return applied;
}
