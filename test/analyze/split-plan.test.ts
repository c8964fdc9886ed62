import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineStartAfter, planSplit } from '../../src/analyze/split-plan.js';
import { jsonLine, jsonLines, writeRun } from './split-lines.js';

/**
 * The cut search on the main thread, with hand-built files whose line starts are known
 * by arithmetic (lines of exact byte lengths): the cut is the first line start at or after
 * half the reading work (gzip bytes weigh 6), or between files. threads.test.ts checks
 * that reading the halves gives the single pass's summary.
 */
const CSV_HEADER = 'metric_name,timestamp,metric_value,check,error';
const CSV_LAYOUT = {
  columns: ['metric_name', 'timestamp', 'metric_value', 'check', 'error'],
  metric: 0,
  time: 1,
  value: 2,
  extra: -1,
  metadata: -1,
};
/**
 * A file named `.gz` of exactly `bytes` bytes: the plan weighs gzip files by size and never
 * reads them, so its bytes are k6 lines that could be cut, were it plain.
 */
const gzipNamed = (bytes: number) => {
  const gz = `${writeRun('x.txt', '')}.gz`;
  writeFileSync(gz, jsonLines(bytes / 100, 100));
  return gz;
};
/** Open file descriptors of this process (Linux). */
const openFds = () => readdirSync('/proc/self/fd').length;

describe('lineStartAfter', () => {
  // Line starts 0, 4, 9; 12 bytes.
  const path = writeRun('abc.txt', 'aaa\nbbbb\ncc\n');

  it('finds the first line start at or after the offset', () => {
    expect(lineStartAfter(path, 1, 12)).toBe(4);
    expect(lineStartAfter(path, 4, 12)).toBe(4);
    expect(lineStartAfter(path, 5, 12)).toBe(9);
    expect(lineStartAfter(path, 9, 12)).toBe(9);
  });

  it('is null when the next line start is the end or past it', () => {
    expect(lineStartAfter(path, 10, 12)).toBeNull();
    expect(lineStartAfter(path, 12, 12)).toBeNull();
    expect(lineStartAfter(path, 13, 12)).toBeNull();
    // A range that ends before the file does: its end counts, not the file's.
    expect(lineStartAfter(path, 1, 8)).toBe(4);
    expect(lineStartAfter(path, 5, 9)).toBeNull();
    expect(lineStartAfter(path, 5, 10)).toBe(9);
  });

  it('cuts CRLF lines after the LF, never between CR and LF', () => {
    const crlf = writeRun('crlf.txt', 'ab\r\ncd\r\nef\r\n');
    expect(lineStartAfter(crlf, 2, 12)).toBe(4);
    expect(lineStartAfter(crlf, 3, 12)).toBe(4);
    expect(lineStartAfter(crlf, 4, 12)).toBe(4);
    expect(lineStartAfter(crlf, 5, 12)).toBe(8);
  });

  it('searches past a window (64 KiB) for a line longer than it', () => {
    const long = writeRun('long.txt', `${'x'.repeat(200_000)}\ny\n`);
    expect(lineStartAfter(long, 1, 200_003)).toBe(200_001);
    expect(lineStartAfter(long, 150_000, 200_003)).toBe(200_001);
    expect(lineStartAfter(long, 200_002, 200_003)).toBeNull();
  });

  it('closes the file it opened', () => {
    const before = openFds();
    for (let i = 0; i < 20; i++) lineStartAfter(path, 5, 12);
    expect(openFds()).toBe(before);
  });

  it('is null when the file ends before the given size without a newline', () => {
    const open = writeRun('open.txt', 'aaa\nbbb');
    expect(lineStartAfter(open, 5, 100)).toBeNull();
  });
});

describe('planSplit', () => {
  it('cuts one plain file at the first line start at or after its middle', async () => {
    const even = writeRun('even.ndjson', jsonLines(10, 100)); // 1,000 bytes: the middle is a line start
    expect(await planSplit([even], 0)).toStrictEqual({
      first: [{ path: even, range: { start: 0, end: 500 } }],
      second: [{ path: even, range: { start: 500, end: 1000 }, format: null }],
    });
    const odd = writeRun('odd.ndjson', jsonLines(11, 100)); // 1,100 bytes: middle 550, next line start 600
    expect(await planSplit([odd], 0)).toStrictEqual({
      first: [{ path: odd, range: { start: 0, end: 600 } }],
      second: [{ path: odd, range: { start: 600, end: 1100 }, format: null }],
    });
  });

  it('cuts CRLF lines the same way', async () => {
    const path = writeRun('crlf.ndjson', jsonLines(11, 100, '\r\n'));
    const plan = await planSplit([path], 0);
    expect(plan?.first).toStrictEqual([{ path, range: { start: 0, end: 600 } }]);
    expect(plan?.second).toStrictEqual([{ path, range: { start: 600, end: 1100 }, format: null }]);
  });

  it('reads on one thread below minBytes (inclusive bound)', async () => {
    const path = writeRun('run.ndjson', jsonLines(10, 100));
    expect(await planSplit([path], 1000)).not.toBeNull();
    expect(await planSplit([path], 1001)).toBeNull();
  });

  it('finds a cut past a line longer than the search window', async () => {
    // 100 + 200,000 + 100 bytes: the middle (100,100) is inside the long line, which ends at 200,100.
    const path = writeRun('long.ndjson', jsonLine(100) + jsonLine(200_000) + jsonLine(100));
    expect(await planSplit([path], 0)).toStrictEqual({
      first: [{ path, range: { start: 0, end: 200_100 } }],
      second: [{ path, range: { start: 200_100, end: 200_200 }, format: null }],
    });
  });

  it('does not cut a file whose first line is longer than the search window, or a one-line file', async () => {
    expect(await planSplit([writeRun('head.ndjson', jsonLine(70_000) + jsonLines(700, 100))], 0)).toBeNull();
    expect(await planSplit([writeRun('one.ndjson', jsonLine(1000))], 0)).toBeNull();
    // Nor one whose midpoint falls in the last line.
    expect(await planSplit([writeRun('tail.ndjson', jsonLine(100) + jsonLine(1000))], 0)).toBeNull();
  });

  it('does not cut an empty run or a file that is not k6 output', async () => {
    expect(await planSplit([writeRun('empty.ndjson', '')], 0)).toBeNull();
    expect(await planSplit([writeRun('text.ndjson', `hello\n${jsonLines(10, 100)}`)], 0)).toBeNull();
  });

  it('cuts right after the first line when the middle is that line’s newline', async () => {
    // 500 + 498 bytes: the middle, 499, is the first line's newline; the next line start is 500.
    const path = writeRun('at-newline.ndjson', jsonLine(500) + jsonLine(498));
    expect(await planSplit([path], 0)).toStrictEqual({
      first: [{ path, range: { start: 0, end: 500 } }],
      second: [{ path, range: { start: 500, end: 998 }, format: null }],
    });
  });

  it('does not cut before the first line ends, even where blank lines before it would allow it', async () => {
    // 1,000 blank lines, a CSV header, 10 rows: the middle (about 760) falls among the blank lines, and a
    // cut there would give the worker the header as a row.
    const rows = Array.from({ length: 10 }, (_, i) => `http_reqs,${1_700_000_000 + i},1,,`).join('\n');
    const csv = writeRun('blank.csv', `${'\n'.repeat(1000)}${CSV_HEADER}\n${rows}\n`);
    expect(await planSplit([csv], 0)).toBeNull();
  });

  it('closes the files it opened', async () => {
    const path = writeRun('run.ndjson', jsonLines(10, 100));
    const before = openFds();
    for (let i = 0; i < 20; i++) await planSplit([path], 0);
    // Another part of this process may open a file meanwhile; a leak would be 20 (plus the cut search's).
    expect(openFds() - before).toBeLessThan(5);
  });

  it('decides the format by the first non-blank line', async () => {
    const json = writeRun('blank.ndjson', `\n  \n${jsonLines(10, 100)}`); // 1,004 bytes: middle 502, cut 504
    expect(await planSplit([json], 0)).toStrictEqual({
      first: [{ path: json, range: { start: 0, end: 504 } }],
      second: [{ path: json, range: { start: 504, end: 1004 }, format: null }],
    });
    const rows = Array.from({ length: 20 }, (_, i) => `http_reqs,${1_700_000_000 + i},1,,`).join('\n');
    const csv = writeRun('run.csv', `\n${CSV_HEADER}\n${rows}\n`);
    const plan = await planSplit([csv], 0);
    expect(plan?.second[0]?.format).toStrictEqual(CSV_LAYOUT);
  });

  it('cuts the file that holds the middle, keeping the files before and after whole', async () => {
    const a = writeRun('a.ndjson', jsonLines(1, 100));
    const b = writeRun('b.ndjson', jsonLines(10, 100));
    const e = writeRun('e.ndjson', '');
    // 1,100 bytes: middle 550, which is 450 into b: b's line start 500.
    expect(await planSplit([e, a, b, e], 0)).toStrictEqual({
      first: [{ path: e }, { path: a }, { path: b, range: { start: 0, end: 500 } }],
      second: [{ path: b, range: { start: 500, end: 1000 }, format: null }, { path: e }],
    });
  });

  it('weighs a gzip byte as 6 plain bytes', async () => {
    const plain = writeRun('a.ndjson', jsonLines(20, 100)); // 2,000
    const gz = gzipNamed(100); // weighs 600: middle 1,300, cut at 1,300
    expect(await planSplit([plain, gz], 0)).toStrictEqual({
      first: [{ path: plain, range: { start: 0, end: 1300 } }],
      second: [{ path: plain, range: { start: 1300, end: 2000 }, format: null }, { path: gz }],
    });
    expect(await planSplit([plain, gz], 2600)).not.toBeNull();
    expect(await planSplit([plain, gz], 2601)).toBeNull();
  });

  it('cuts between files when the middle falls in a gzip file, giving it to the side that leaves the halves closer', async () => {
    const [g100, g300, g200] = [gzipNamed(100), gzipNamed(300), gzipNamed(200)];
    // Weights 600, 1,800, 1,200: middle 1,800, 1,200 into g300 (more than half of it): g300 goes first.
    expect(await planSplit([g100, g300, g200], 0)).toStrictEqual({
      first: [{ path: g100 }, { path: g300 }],
      second: [{ path: g200 }],
    });
    // Weights 600, 1,800, 600: middle 1,500, exactly half of g300 in: it goes second.
    const g100b = gzipNamed(100);
    expect(await planSplit([g100, g300, g100b], 0)).toStrictEqual({
      first: [{ path: g100 }],
      second: [{ path: g300 }, { path: g100b }],
    });
    // Weights 1,000 and 1,200: the middle is 100 bytes into the gzip file, past its first line; still not cut inside.
    const plain = writeRun('p.ndjson', jsonLines(10, 100));
    const g200b = gzipNamed(200);
    expect(await planSplit([plain, g200b], 0)).toStrictEqual({ first: [{ path: plain }], second: [{ path: g200b }] });
    // One gzip file cannot be cut, nor one followed by an empty one.
    expect(await planSplit([g300], 0)).toBeNull();
    expect(await planSplit([g300, writeRun('e.ndjson', '')], 0)).toBeNull();
  });

  it('cuts between plain files whose lines cannot be cut', async () => {
    const a = writeRun('a.ndjson', jsonLine(400));
    const b = writeRun('b.ndjson', jsonLine(100));
    // Middle 250, in a's only line: a (more than half of it before the middle) goes first.
    expect(await planSplit([a, b], 0)).toStrictEqual({ first: [{ path: a }], second: [{ path: b }] });
    expect(await planSplit([b, a], 0)).toStrictEqual({ first: [{ path: b }], second: [{ path: a }] });
  });
});
