import type { Writable } from 'node:stream';

/**
 * Splits a byte stream into lines ("\n" or "\r\n"), yielding each line as soon as it is complete
 * and the last one even without a final newline. Pulling chunk by chunk keeps backpressure: while
 * the consumer waits, nothing more is read.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, newline);
      rest = rest.slice(newline + 1);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

export interface OrderedBatchOptions {
  /** Tasks running at once. */
  concurrency: number;
  /**
   * Finished results kept waiting for a slower earlier line. Bounds memory when the head of
   * the queue is stuck (a DNS timeout) while later lines keep finishing.
   */
  maxBuffered?: number;
}

/**
 * Runs `handle` on every non-empty line, up to `concurrency` at a time, and writes each output
 * in input order as soon as it and everything before it are done (so output streams while input
 * is still arriving). `handle` should not reject; if it does, the rejection is turned into
 * output by `onError` rather than stopping the batch.
 */
export async function processLinesInOrder(
  lines: AsyncIterable<string>,
  handle: (line: string) => Promise<string>,
  write: (output: string) => Promise<void>,
  onError: (line: string, error: unknown) => string,
  options: OrderedBatchOptions,
): Promise<void> {
  const maxUnwritten = options.concurrency + (options.maxBuffered ?? options.concurrency * 16);
  let running = 0;
  let unwritten = 0;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // Each line's write waits for the previous line's write: that chain is what keeps the order.
  let lastWrite: Promise<void> = Promise.resolve();
  let writeFailure: unknown;

  for await (const line of lines) {
    if (line.trim() === '') continue;
    while (running >= options.concurrency || unwritten >= maxUnwritten) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (writeFailure !== undefined) break;
    running++;
    unwritten++;
    const output = handle(line)
      .catch((error: unknown) => onError(line, error))
      .finally(() => {
        running--;
        notify();
      });
    lastWrite = lastWrite
      .then(() => output)
      .then((text) => (writeFailure === undefined ? write(text) : undefined))
      .catch((error: unknown) => {
        writeFailure ??= error;
      })
      .finally(() => {
        unwritten--;
        notify();
      });
  }
  await lastWrite;
  if (writeFailure !== undefined) throw writeFailure;
}

/**
 * Writes a line to a stream, waiting for 'drain' only when its buffer is full (the batch then
 * stops reading input until the reader catches up). Stream errors such as EPIPE are left to
 * the stream's 'error' listener.
 */
export function lineWriter(stream: Writable): (line: string) => Promise<void> {
  return (line) => (stream.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', resolve)));
}
