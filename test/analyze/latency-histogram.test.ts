import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/analyze/latency-histogram.js';
import { uniforms } from '../fixtures/k6/synthetic-run.js';

/**
 * Percentiles read straight from the counts by index must be the HdrHistogram's own
 * (getValueAtPercentile after the counts are moved into it), for any data and quantile.
 */
const QS = [0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

describe('percentiles from the counts by index', () => {
  it('equal the HdrHistogram’s on seeded data of every shape', () => {
    const rnd = uniforms(21);
    const shapes: Array<(i: number) => number> = [
      () => rnd() * 100, // ms, uniform
      () => Math.exp(rnd() * 12) / 1000, // 1 µs to ~160 s, log-uniform
      (i) => (i % 7 === 0 ? 0 : 2.047 + rnd() * 0.003), // zeros and values at a bucket edge (2,048 µs)
      () => Math.round(rnd() * 5) * 1.024, // few distinct values: ties at every rank
    ];
    for (const [s, shape] of shapes.entries()) {
      for (const n of [1, 2, 3, 10, 999, 1000, 1001, 4321]) {
        const fast = new LatencyHistogram();
        const slow = new LatencyHistogram();
        for (let i = 0; i < n; i++) {
          const v = shape(i);
          fast.record(v);
          slow.record(v);
        }
        (slow as unknown as { flush(): void }).flush(); // the counts now live in the HdrHistogram only
        expect(fast.quantilesMs(QS), `shape ${s}, n ${n}`).toEqual(slow.quantilesMs(QS));
        expect(fast.stats()).toEqual(slow.stats());
      }
    }
  });
});

/*
 * Independent oracles. The test above compares two paths of our own code; these do not
 * use it: (1) the exact sample quantile of the raw values, sorted, at HdrHistogram's
 * rank (the ceil(q·n)-th smallest, at least the first: Tene, HdrHistogram
 * getValueAtPercentile), which the reported value must match within the documented
 * bound: 3 significant digits keep every value within 0.1 % (0.001·v; values are
 * recorded in whole µs, hence the 0.5 µs), 2 digits within 1 %; (2) hdr-histogram-js
 * itself, through its public API only, fed the same values in µs.
 */
function exactAtRank(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const rank = Math.max(1, Math.ceil(q * n - 1e-9));
  return sorted[Math.min(n, rank) - 1] as number;
}

const SHAPES: Array<[string, (rnd: () => number, i: number) => number]> = [
  ['sub-2 ms (the fast index range below one bucket step)', (rnd) => 0.2 + rnd() * 1.8],
  ['uniform 0–100 ms', (rnd) => rnd() * 100],
  ['log-uniform 1 µs–160 s', (rnd) => Math.exp(rnd() * 12) / 1000],
  ['heavy tail (Pareto, α 1.2)', (rnd) => 5 / (1 - rnd()) ** (1 / 1.2)],
  ['ties: six distinct values', (rnd) => Math.round(rnd() * 5) * 1.024],
];
const ORACLE_QS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe('percentiles against the exact quantiles of the raw values', () => {
  it.each(SHAPES)('%s: within 0.1 % (3 digits) and 1 % (2 digits) of the exact value', (_name, shape) => {
    for (const n of [1, 7, 100, 2500, 20_000]) {
      const rnd = uniforms(n + 5);
      const raw = Float64Array.from({ length: n }, (_, i) => shape(rnd, i));
      const three = new LatencyHistogram(3);
      const two = new LatencyHistogram(2);
      for (const v of raw) {
        three.record(v);
        two.record(v);
      }
      const sorted = Float64Array.from(raw).sort();
      const got3 = three.quantilesMs(ORACLE_QS);
      const got2 = two.quantilesMs(ORACLE_QS);
      ORACLE_QS.forEach((q, k) => {
        const exact = exactAtRank(sorted, q);
        expect(
          Math.abs((got3[k] as number) - exact),
          `3 digits n ${n} q ${q}: ${got3[k]} vs exact ${exact}`,
        ).toBeLessThanOrEqual(exact * 0.001 + 0.0005);
        expect(
          Math.abs((got2[k] as number) - exact),
          `2 digits n ${n} q ${q}: ${got2[k]} vs exact ${exact}`,
        ).toBeLessThanOrEqual(exact * 0.01 + 0.0005);
      });
      // Count, min, max and mean are kept exactly (to the µs).
      const s = three.stats()!;
      expect(s.count).toBe(n);
      expect(s.min).toBeCloseTo(sorted[0] as number, 3);
      expect(s.max).toBeCloseTo(sorted[n - 1] as number, 3);
      expect(Math.abs(s.mean - raw.reduce((a, b) => a + b, 0) / n)).toBeLessThanOrEqual(0.001);
    }
  });
});

describe('percentiles against hdr-histogram-js’s own public API', () => {
  // Both precisions: a 2-digit histogram answered from 3-digit buckets stays within its 1 %
  // bound, so only the library's own 2-digit answer tells the two apart.
  const CASES = SHAPES.flatMap(([name, shape]) =>
    ([3, 2] as const).map((d) => [`${name}, ${d} digits`, shape, d] as const),
  );
  it.each(CASES)('%s: the value getValueAtPercentile gives (capped at the exact max)', (_name, shape, digits) => {
    const rnd = uniforms(77);
    const n = 5000;
    const ours = new LatencyHistogram(digits);
    const theirs = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: digits,
    });
    let maxUs = 0;
    for (let i = 0; i < n; i++) {
      const v = shape(rnd, i);
      ours.record(v);
      const us = Math.round(v * 1000);
      theirs.recordValue(us);
      maxUs = Math.max(maxUs, us);
    }
    expect(ours.quantilesMs(ORACLE_QS)).toEqual(
      ORACLE_QS.map((q) => Math.min(theirs.getValueAtPercentile(q * 100), maxUs) / 1000),
    );
  });

  it('reads a histogram another process encoded with the public API (the rehearsal_req_agg tag)', () => {
    const theirs = hdr.build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: 3_600_000_000,
      numberOfSignificantValueDigits: 3,
    });
    const rnd = uniforms(5);
    for (let i = 0; i < 3000; i++) theirs.recordValue(Math.round(Math.exp(rnd() * 10)));
    const ours = new LatencyHistogram();
    ours.addEncoded(hdr.encodeIntoCompressedBase64(theirs));
    expect(ours.count).toBe(3000);
    expect(ours.quantilesMs([0.5, 0.99])).toEqual(
      [0.5, 0.99].map((q) => Math.min(theirs.getValueAtPercentile(q * 100), theirs.maxValue) / 1000),
    );
  });

  it('merges parts (workers, files) to the histogram of all their values', () => {
    const rnd = uniforms(9);
    const raw = Array.from({ length: 6000 }, () => Math.exp(rnd() * 9) / 100);
    const whole = new LatencyHistogram();
    raw.forEach((v) => whole.record(v));
    const merged = new LatencyHistogram();
    for (let part = 0; part < 3; part++) {
      const h = new LatencyHistogram();
      raw.slice(part * 2000, part * 2000 + 2000).forEach((v) => h.record(v));
      merged.mergeData(h.toData());
    }
    expect(merged.stats()).toEqual(whole.stats());
  });
});
