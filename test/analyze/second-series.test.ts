import { describe, expect, it } from 'vitest';
import { SecondSeries } from '../../src/analyze/second-series.js';

/** SecondSeries: the per-second counters behind throughput peaks and the timeline. */
describe('SecondSeries', () => {
  it('adds into each second’s columns, in any order of seconds', () => {
    const s = new SecondSeries(2);
    for (const [sec, col, n] of [
      [3, 0, 1],
      [3, 1, 1],
      [-2, 0, 5],
      [3, 0, 2],
      [-2, 1, 1],
    ] as const)
      s.add(sec, col, n);
    expect(s.seconds()).toEqual([-2, 3]);
    expect([s.get(3, 0), s.get(3, 1), s.get(-2, 0), s.get(-2, 1), s.get(0, 0)]).toEqual([3, 1, 5, 1, 0]);
  });

  it('merges another part’s rows as adding them one by one would', () => {
    const a = new SecondSeries(2);
    a.add(0, 0, 4);
    a.add(1, 1, 2);
    const b = new SecondSeries(2);
    b.add(1, 0, 3);
    b.add(1, 1, 1);
    b.add(5, 0, 7);
    a.merge(structuredClone(b.rows));
    expect([...a.rows].sort((x, y) => x[0] - y[0])).toEqual([
      [0, [4, 0]],
      [1, [3, 3]],
      [5, [7, 0]],
    ]);
  });

  it('finds the busiest window of consecutive seconds, counting missing seconds as 0', () => {
    const s = new SecondSeries(1);
    // Seconds 0, 1, 2, 10, 11 with 5, 1, 1, 4, 4: 1 s peak 5; 2 s peak 8 (10–11); 3 s peak 8; 11 s peak 11 (0–10); 12 s all 15.
    for (const [sec, n] of [
      [0, 5],
      [1, 1],
      [2, 1],
      [10, 4],
      [11, 4],
    ] as const)
      s.add(sec, 0, n);
    expect([1, 2, 3, 11, 12].map((w) => s.peak(0, w))).toEqual([5, 8, 8, 11, 15]);
    expect(new SecondSeries(1).peak(0, 10)).toBe(0);
  });
});
