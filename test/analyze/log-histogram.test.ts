import { describe, expect, it } from 'vitest';
import {
  histogramQuantile,
  LogHistogram,
  LogMapping,
  quantileIndex,
  ZERO_BUCKET,
} from '../../src/analyze/log-histogram.js';

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
    expect(a.count).toBe(h.count);
    expect(a.quantileMs(0.9)).toBe(h.quantileMs(0.9));
    expect(new LogHistogram().quantileMs(0.5)).toBeNaN();
  });
});

describe('log-bucketed histograms at their edges', () => {
  it('puts zero and negative values in the zero bucket, read back as the lowest value', () => {
    for (const gamma of [1.01, 1.02]) {
      const m = new LogMapping(gamma);
      expect(m.bucketOf(0)).toBe(ZERO_BUCKET);
      expect(m.bucketOf(-5)).toBe(ZERO_BUCKET);
      expect(m.valueOf(ZERO_BUCKET)).toBe(0);
    }
    const h = new LogHistogram();
    for (const v of [0, -2, 0, 0.5, 3]) h.record(v);
    // Rank q·(N − 1): 0 and 0.25 fall on the zeros, reported as the first (1 µs) bucket.
    expect(h.quantileMs(0)).toBe(0.001);
    expect(h.quantileMs(0.25)).toBe(0.001);
    expect(Math.abs(h.quantileMs(0.75) - 0.5)).toBeLessThanOrEqual(0.01 * 0.5 + 0.0005);
    expect(Math.abs(h.quantileMs(1) - 3)).toBeLessThanOrEqual(0.01 * 3 + 0.0005);
  });

  it('keeps hundreds of histograms apart (their counts share slabs of 256)', () => {
    const hs = Array.from({ length: 600 }, () => new LogHistogram());
    hs.forEach((h, i) => h.recordCount(1 + i, 3));
    hs.forEach((h, i) => {
      expect(h.count).toBe(3);
      expect(Math.abs(h.quantileMs(0.5) - (1 + i)), `histogram ${i}`).toBeLessThanOrEqual(0.0099 * (1 + i) + 0.0005);
    });
  });

  it('sparse form (γ = 1.01): every quantile within α of the value at rank q·(N − 1)', () => {
    const m = new LogMapping(1.01);
    const values = Array.from({ length: 999 }, (_, i) => 10 ** ((((i * 613) % 999) / 999) * 4));
    const sorted = [...values].sort((a, b) => a - b);
    const byBucket = new Map<number, number>();
    for (const v of values) byBucket.set(m.bucketOf(v), (byBucket.get(m.bucketOf(v)) ?? 0) + 1);
    const buckets = [...byBucket.keys()].sort((x, y) => x - y);
    const counts = buckets.map((k) => byBucket.get(k) as number);
    const alpha = 0.01 / 2.01;
    for (const q of [0, 0.01, 0.5, 0.99, 1]) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))] as number;
      expect(Math.abs(histogramQuantile(buckets, counts, q) - exact), `q = ${q}`).toBeLessThanOrEqual(
        alpha * exact * 1.000001,
      );
    }
  });
});
