import { PassThrough, Readable } from 'node:stream';
import { lineWriter, processLinesInOrder, readLines } from './batch';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('readLines', () => {
  it('splits on LF and CRLF, across chunk boundaries, keeping a last line without newline', async () => {
    const input = Readable.from([Buffer.from('a\r\nb'), Buffer.from('c\n\nd')]);
    expect(await collect(readLines(input))).toEqual(['a', 'bc', '', 'd']);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('é\n');
    const input = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
    expect(await collect(readLines(input))).toEqual(['é']);
  });
});

describe('processLinesInOrder', () => {
  it('writes outputs in input order although later lines finish first, skipping empty lines', async () => {
    const written: string[] = [];
    const lines = ['30', '', '10', '  ', '20', '0'];
    await processLinesInOrder(
      Readable.from(lines),
      async (line) => {
        await delay(Number(line));
        return `done ${line}`;
      },
      async (out) => {
        written.push(out);
      },
      () => 'error',
      { concurrency: 4 },
    );
    expect(written).toEqual(['done 30', 'done 10', 'done 20', 'done 0']);
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    let running = 0;
    let peak = 0;
    await processLinesInOrder(
      Readable.from(Array.from({ length: 50 }, (_, i) => String(i))),
      async (line) => {
        running++;
        peak = Math.max(peak, running);
        await delay(Number(line) % 3);
        running--;
        return line;
      },
      async () => undefined,
      () => 'error',
      { concurrency: 5 },
    );
    expect(peak).toBe(5);
  });

  it('turns a rejected task into its own output line without stopping the batch', async () => {
    const written: string[] = [];
    await processLinesInOrder(
      Readable.from(['ok', 'boom', 'ok']),
      async (line) => {
        if (line === 'boom') throw new Error('kaput');
        return line;
      },
      async (out) => {
        written.push(out);
      },
      (line, error) => `${line}: ${(error as Error).message}`,
      { concurrency: 2 },
    );
    expect(written).toEqual(['ok', 'boom: kaput', 'ok']);
  });

  it('streams: the first output is written before the input ends', async () => {
    const input = new PassThrough();
    const written: string[] = [];
    const done = processLinesInOrder(
      readLines(input),
      async (line) => line.toUpperCase(),
      async (out) => {
        written.push(out);
      },
      () => 'error',
      { concurrency: 64 },
    );
    input.write('first\n');
    await delay(20);
    expect(written).toEqual(['FIRST']);
    input.end('second\n');
    await done;
    expect(written).toEqual(['FIRST', 'SECOND']);
  });

  it('bounds finished-but-unwritten results when the head line is slow', async () => {
    let started = 0;
    const handle = async (line: string) => {
      started++;
      if (line === 'slow') await delay(50);
      return line;
    };
    const lines = ['slow', ...Array.from({ length: 100 }, (_, i) => String(i))];
    const done = processLinesInOrder(Readable.from(lines), handle, async () => undefined, () => 'error', { concurrency: 4, maxBuffered: 10 });
    await delay(20);
    // 4 running + 10 buffered at most, while "slow" holds the head.
    expect(started).toBeLessThanOrEqual(14);
    await done;
    expect(started).toBe(101);
  });
});

describe('lineWriter', () => {
  it('appends a newline to each line', async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c.toString()));
    const write = lineWriter(stream);
    await write('{"a":1}');
    await write('{"a":2}');
    expect(chunks.join('')).toBe('{"a":1}\n{"a":2}\n');
  });
});
