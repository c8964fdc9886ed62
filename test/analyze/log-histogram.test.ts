import { describe, expect, it } from 'vitest';
import { histogramQuantile, LogHistogram, LogMapping, quantileIndex } from '../../src/analyze/log-histogram.js';

/**
 * The one log-bucketed histogram (DDSketch's mapping, Masson, Rim & Lee 2019, §2) in its
 * dense form, as the analyzer's per-second series use it. The guarantee checked: the
 * q-quantile is within α = (γ − 1)/(γ + 1) of the value at rank q·(N − 1) of the sorted
 * data, for γ = 1.02 (α = 0.99 %), on values over six decades; the sparse form used by
 * compare is checked in test/compare/stats/block-length-and-quantiles.test.ts.
 */
describe('LogHistogram (γ = 1.02)', () => {
  // A deterministic spread of latencies from 1 ms to 1,000 s, log-uniform, in a scrambled order.
  const values = Array.from({ length: 5000 }, (_, i) => 10 ** ((((i * 7919) % 5000) / 5000) * 6));
  const sorted = [...values].sort((a, b) => a - b);
  const h = new LogHistogram();
  for (const v of values) h.record(v);
  const alpha = (1.02 - 1) / (1.02 + 1);

  it('reads every quantile within α of the value at rank q·(N − 1)', () => {
    expect(h.count).toBe(5000);
    for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
      // + 0.0005 ms: the result is rounded to the µs.
      expect(Math.abs(h.quantileMs(q) - exact), `q = ${q}`).toBeLessThanOrEqual(alpha * exact + 0.0005);
    }
  });

  it('reads as the sparse form does over the same buckets', () => {
    const m = new LogMapping(1.02);
    const byBucket = new Map<number, number>();
    for (const v of values) byBucket.set(m.bucketOf(v), (byBucket.get(m.bucketOf(v)) ?? 0) + 1);
    const buckets = [...byBucket.keys()].sort((x, y) => x - y);
    const counts = buckets.map((k) => byBucket.get(k) as number);
    for (const q of [0.5, 0.95, 0.99]) {
      expect(h.quantileMs(q)).toBe(Math.round(m.valueOf(buckets[quantileIndex(counts, q)] as number) * 1000) / 1000);
    }
    expect(histogramQuantile([], [], 0.5)).toBeNaN();
  });

  it('merges exactly, and has no quantile when empty', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    values.forEach((v, i) => (i % 2 ? a : b).record(v));
    a.addCounts(b.counts, b.count);
    expect(a.counts).toEqual(h.counts);
    expect(new LogHistogram().quantileMs(0.5)).toBeNaN();
  });
});
