import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { blockLengthFor, circularBlockWeights } from '../../../src/compare/stats/block-bootstrap.js';
import { seededRandom } from '../../../src/compare/stats/random.js';

function ar1(n: number, phi: number, seed: number): number[] {
  const rng = seededRandom(seed);
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < n + 100; i++) {
    const e = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    v = phi * v + e;
    if (i >= 100) out.push(v); // burn-in so the series starts stationary
  }
  return out;
}

function bootstrapMeans(x: number[], l: number, B: number, seed: number): number[] {
  const rng = seededRandom(seed);
  const w = new Uint32Array(x.length);
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    circularBlockWeights(x.length, l, rng, w);
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (w[i] as number) * (x[i] as number);
    out.push(s / x.length);
  }
  return out;
}

const variance = (v: number[]): number => {
  const m = mean(v);
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length;
};

describe('circular block bootstrap', () => {
  it('draws exactly n positions per resample', () => {
    const w = circularBlockWeights(23, 5, seededRandom(1));
    expect(w.reduce((s, c) => s + c, 0)).toBe(23);
  });

  it('matches the closed-form bootstrap variance of the mean (Politis & Romano 1992): Var* = (1/k)·mean_i (B_i − x̄)²', () => {
    // n = k·l: the resampled mean is the average of k blocks drawn uniformly from the n
    // circular block means B_i, whose mean is exactly x̄; so E*[x̄*] = x̄ and the
    // variance is the block means' variance divided by k.
    const x = ar1(120, 0.6, 5);
    const l = 5;
    const k = 24;
    const xbar = mean(x);
    const blockMeans = x.map((_, i) => mean(Array.from({ length: l }, (_, j) => x[(i + j) % x.length] as number)));
    const closedForm = blockMeans.reduce((s, b) => s + (b - xbar) ** 2, 0) / x.length / k;
    const means = bootstrapMeans(x, l, 6000, 9);
    // Monte Carlo error of a variance from B = 6000 draws ≈ √(2/B) ≈ 1.8 %.
    expect(variance(means) / closedForm).toBeGreaterThan(0.94);
    expect(variance(means) / closedForm).toBeLessThan(1.06);
    expect(mean(means)).toBeCloseTo(xbar, 2);
  });

  it('sees the autocorrelation an i.i.d. bootstrap misses: AR(1) φ = 0.5 inflates the variance of the mean ≈ 3×', () => {
    // Long-run variance / marginal variance of AR(1) = (1 + φ)/(1 − φ) = 3. With block
    // length l the estimator has Bartlett-kernel bias: Σ_|h|<l (1 − |h|/l) φ^|h| = 2.69
    // for l = 13 (= ⌈2000^(1/3)⌉); the i.i.d. bootstrap (l = 1) gives 1.
    const x = ar1(2000, 0.5, 21);
    const l = blockLengthFor(x.length);
    expect(l).toBe(13);
    const ratio = variance(bootstrapMeans(x, l, 2000, 4)) / variance(bootstrapMeans(x, 1, 2000, 4));
    expect(ratio).toBeGreaterThan(2.2);
    expect(ratio).toBeLessThan(3.3);
  });
});
