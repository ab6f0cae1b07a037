import type { Writable } from 'node:stream';
import type { Command } from 'commander';

/** Where a command reads and writes, and the exit code it asks for; swapped in tests. */
export interface CliContext {
  stdin: AsyncIterable<Buffer | string>;
  stdout: Writable;
  /** Set by a command that ran but wants a non-zero exit (analyze --fail-on). */
  exitCode: number;
}

/** Exit code for anything the user typed wrong, distinct from "ran and found problems" (1). */
export const USAGE_EXIT_CODE = 2;

/**
 * Reports a usage error the way commander reports its own ("error: …", then the hint to use
 * --help) and stops with exit code 2.
 */
export function usageError(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: USAGE_EXIT_CODE, code: 'spfwatch.usage' });
}
