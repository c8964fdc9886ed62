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
