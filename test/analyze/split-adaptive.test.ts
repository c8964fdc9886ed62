import { describe, expect, it } from 'vitest';
import { adaptive } from '../../src/analyze/split-adaptive.js';
import type { SplitPlan } from '../../src/analyze/split-plan.js';
import type { FilePart } from '../../src/results/read-points.js';
import { jsonLine, jsonLines, writeRun } from './split-lines.js';

/**
 * The cut made when the worker is ready, on the main thread: this thread's reads have
 * been issued up to `range.issued`; what is left from there is cut at the first line start
 * at or after 55 % of it, the worker getting the rest (45 %). Hand-built files of
 * 100-byte lines, so every expected cut is arithmetic.
 */
/** 20 lines of 100 bytes and a last of 101: 2,101 bytes, line starts at every hundred up to 2,000. */
const path = writeRun('run.ndjson', jsonLines(20, 100) + jsonLine(101));
const SIZE = 2101;
const planOf = (p: string, at: number, size: number, format?: FilePart['format']): SplitPlan => ({
  first: [{ path: p, range: { start: 0, end: at } }],
  second: [{ path: p, range: { start: at, end: size }, ...(format !== undefined ? { format } : {}) }],
});

describe('adaptive split', () => {
  it('gives this thread the whole rest of the cut file until the worker is ready', () => {
    const a = adaptive(planOf(path, 1000, SIZE, null), 0);
    expect(a?.first).toStrictEqual([{ path, range: { start: 0, end: SIZE } }]);
  });

  it('cuts 55 % into what is left, at the next line start, lowering this thread’s end', () => {
    const a = adaptive(planOf(path, 1000, SIZE, null), 0);
    // Nothing read yet: 2,101 × 0.55 = 1,155.55, floored, then the line start 1,200.
    expect(a?.cut()).toStrictEqual([{ path, range: { start: 1200, end: SIZE }, format: null }]);
    expect(a?.first[0]?.range).toStrictEqual({ start: 0, end: 1200 });
    // Cut once: a second call gives nothing and leaves the end.
    expect(a?.cut()).toStrictEqual([]);
    expect(a?.first[0]?.range?.end).toBe(1200);
  });

  it('floors the 55 % point before looking for a line start', () => {
    // 2,001 bytes from 0: floor(2,001 × 0.55) = floor(1,100.55) = 1,100, a line start (rounding up would give 1,200).
    const small = writeRun('small.ndjson', jsonLines(20, 100) + 'x');
    const a = adaptive(planOf(small, 1000, 2001), 0);
    expect(a?.cut()).toStrictEqual([{ path: small, range: { start: 1100, end: 2001 }, format: null }]);
  });

  it('cuts what is left after the reads already issued', () => {
    const a = adaptive(planOf(path, 1000, SIZE, null), 0);
    const range = a?.first[0]?.range as NonNullable<FilePart['range']>;
    range.issued = 501; // 501 + floor(1,600 × 0.55) = 1,381 → 1,400
    expect(a?.cut()).toStrictEqual([{ path, range: { start: 1400, end: SIZE }, format: null }]);
    expect(range.end).toBe(1400);
  });

  it('counts from the part’s start when nothing was issued past it', () => {
    const plan: SplitPlan = {
      first: [{ path, range: { start: 500, end: 1000 } }],
      second: [{ path, range: { start: 1000, end: SIZE }, format: null }],
    };
    const a = adaptive(plan, 0);
    expect(a?.first).toStrictEqual([{ path, range: { start: 500, end: SIZE } }]);
    (a?.first[0]?.range as NonNullable<FilePart['range']>).issued = 100; // before the start: ignored
    // 500 + floor(1,601 × 0.55) = 500 + 880 = 1,380 → 1,400
    expect(a?.cut()).toStrictEqual([{ path, range: { start: 1400, end: SIZE }, format: null }]);
  });

  it('gives the worker nothing when less than minShare is left, or no line start', () => {
    const at = (issued: number, minShare: number) => {
      const a = adaptive(planOf(path, 1000, SIZE, null), minShare);
      (a?.first[0]?.range as NonNullable<FilePart['range']>).issued = issued;
      return { parts: a?.cut(), end: a?.first[0]?.range?.end };
    };
    expect(at(601, 1500)).toStrictEqual({
      parts: [{ path, range: { start: 1500, end: SIZE }, format: null }],
      end: 1500,
    });
    expect(at(601, 1501)).toStrictEqual({ parts: [], end: SIZE });
    // minShare 0 still needs a byte left.
    expect(at(SIZE, 0)).toStrictEqual({ parts: [], end: SIZE });
    // 2,050 + floor(51 × 0.55) = 2,078: in the last line, no line start after it.
    expect(at(2050, 0)).toStrictEqual({ parts: [], end: SIZE });
    // The default minShare is 8 MiB: this file is far below it.
    const a = adaptive(planOf(path, 1000, SIZE, null));
    expect(a?.cut()).toStrictEqual([]);
  });

  it('tells the worker the format of the file, null (JSON) when the plan gave none', () => {
    const layout = {
      columns: ['metric_name', 'timestamp', 'metric_value'],
      metric: 0,
      time: 1,
      value: 2,
      extra: -1,
      metadata: -1,
    };
    expect(adaptive(planOf(path, 1000, SIZE, layout), 0)?.cut()[0]?.format).toStrictEqual(layout);
    expect(adaptive(planOf(path, 1000, SIZE), 0)?.cut()[0]).toStrictEqual({
      path,
      range: { start: 1200, end: SIZE },
      format: null,
    });
  });

  it('keeps the parts before the cut file and the cut part’s own fields', () => {
    const before = writeRun('before.ndjson', jsonLines(3, 100));
    const plan: SplitPlan = {
      first: [{ path: before }, { path, range: { start: 0, end: 1000 }, format: null }],
      second: [{ path, range: { start: 1000, end: SIZE }, format: null }],
    };
    expect(adaptive(plan, 0)?.first).toStrictEqual([
      { path: before },
      { path, range: { start: 0, end: SIZE }, format: null },
    ]);
  });

  it('is null (the plan stands) unless the plan cuts one plain file and gives the worker only its rest', () => {
    const other = writeRun('other.ndjson', jsonLines(3, 100));
    const base = planOf(path, 1000, SIZE, null);
    expect(adaptive({ first: base.first, second: [...base.second, { path: other }] }, 0)).toBeNull();
    expect(adaptive({ first: [{ path }], second: base.second }, 0)).toBeNull();
    expect(adaptive({ first: base.first, second: [{ path }] }, 0)).toBeNull();
    expect(adaptive({ first: [], second: base.second }, 0)).toBeNull();
    expect(adaptive({ first: [{ path: other }], second: [{ path }] }, 0)).toBeNull();
    expect(
      adaptive({ first: base.first, second: [{ path: other, range: { start: 0, end: 300 }, format: null }] }, 0),
    ).toBeNull();
    const gz = `${path}.gz`;
    expect(
      adaptive(
        { first: [{ path: gz, range: { start: 0, end: 10 } }], second: [{ path: gz, range: { start: 10, end: 20 } }] },
        0,
      ),
    ).toBeNull();
  });
});
