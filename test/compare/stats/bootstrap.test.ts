import { mean, standardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { bootstrapCi } from '../../../src/compare/stats/bootstrap.js';
import { quantileSorted } from '../../../src/compare/stats/quantile-sorted.js';
import { seededRandom } from '../../../src/compare/stats/random.js';
import { normalQuantile } from '../../../src/compare/stats/normal.js';

function normalSample(n: number, seed: number): number[] {
  // Box-Muller from the seeded generator: a fixed, reproducible N(10, 2²) sample.
  const rng = seededRandom(seed);
  return Array.from(
    { length: n },
    () => 10 + 2 * Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next()),
  );
}

describe('percentile bootstrap', () => {
  it('quantiles follow R type 7 / numpy.percentile (numpy 2: [1, 1.75, 3.5, 8.475])', () => {
    const s = [3, 1, 4, 1, 5, 9, 2, 6].sort((a, b) => a - b);
    expect([0.025, 0.25, 0.5, 0.975].map((p) => quantileSorted(s, p))).toEqual(
      [1, 1.75, 3.5, 8.475].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('the bootstrap standard error of a mean approaches the plug-in σ̂/√n (Efron & Tibshirani 1993 §6.2)', () => {
    const x = normalSample(100, 11);
    const r = bootstrapCi(x, mean, { seed: 1, resamples: 4000 });
    const plugIn = standardDeviation(x) / Math.sqrt(x.length); // simple-statistics' SD divides by n
    // Monte Carlo error of an SD estimated from B = 4000 draws ≈ 1/√(2B) ≈ 1.1 %.
    expect(standardDeviation(Array.from(r.distribution)) / plugIn).toBeGreaterThan(0.95);
    expect(standardDeviation(Array.from(r.distribution)) / plugIn).toBeLessThan(1.05);
    // For a near-normal mean the percentile interval is close to x̄ ± 1.96 σ̂/√n.
    const z = normalQuantile(0.975);
    expect(r.ci[0]).toBeCloseTo(mean(x) - z * plugIn, 1);
    expect(r.ci[1]).toBeCloseTo(mean(x) + z * plugIn, 1);
    expect(r.estimate).toBe(mean(x));
  });

  it('the same seed gives byte-identical intervals; another seed moves them only by Monte Carlo noise', () => {
    const x = normalSample(50, 3);
    const a = bootstrapCi(x, mean, { seed: 42, resamples: 500 });
    const b = bootstrapCi(x, mean, { seed: 42, resamples: 500 });
    const c = bootstrapCi(x, mean, { seed: 43, resamples: 500 });
    expect(Buffer.from(a.distribution.buffer)).toEqual(Buffer.from(b.distribution.buffer));
    expect(a.ci).toEqual(b.ci);
    expect(c.ci).not.toEqual(a.ci);
    expect(Math.abs(c.ci[0] - a.ci[0])).toBeLessThan(0.15);
  });

  it('covers the true mean about 95 % of the time over 200 seeded samples (binomial margin ±3 SD), with intervals no wider than needed', () => {
    let covered = 0;
    let widthRatio = 0;
    const z = normalQuantile(0.975);
    for (let s = 0; s < 200; s++) {
      const x = normalSample(40, 1000 + s);
      const r = bootstrapCi(x, mean, { seed: s, resamples: 400 });
      if (r.ci[0] <= 10 && 10 <= r.ci[1]) covered++;
      widthRatio += (r.ci[1] - r.ci[0]) / ((2 * z * standardDeviation(x)) / Math.sqrt(x.length));
    }
    // Percentile intervals of a mean undercover slightly at n = 40 (≈ 94 %); 3 SD of a
    // binomial(200, 0.95) proportion is 4.6 points: 181 to 199 of 200. Covering all 200
    // would say the intervals are too wide (a 99 % interval covers 200 of 200 here).
    expect(covered).toBeGreaterThanOrEqual(Math.floor(200 * (0.95 - 0.046)) - 2);
    expect(covered).toBeLessThanOrEqual(Math.floor(200 * (0.95 + 0.046)));
    // And they are as wide as the normal-theory interval x̄ ± 1.96 σ̂/√n, on average within 5 %.
    expect(widthRatio / 200).toBeGreaterThan(0.95);
    expect(widthRatio / 200).toBeLessThan(1.05);
  });
});
