import { describe, expect, it } from 'vitest';
import { fitUsl } from '../../src/plan/usl/fit.js';
import { bootstrapUsl } from '../../src/plan/usl/bootstrap.js';
import { uslMaxThroughput, uslPeakConcurrency, uslThroughput } from '../../src/plan/usl/model.js';

/**
 * SPEC SDM91 on a 16-CPU Sun SPARCcenter 2000 (Oct 1994), the software-scalability case
 * study of Gunther, "Guerrilla Capacity Planning" (Springer 2007, §5.x), shipped as the
 * `specsdm91` dataset of the R `usl` package (S. Möding). Load (users) and throughput
 * (scripts per hour) as in the book; they reproduce the package's published efficiency
 * summary (max 0.7211 = 64.9/89.995, median 0.2860 = 1853.2/72/89.995, min 0.08757).
 *
 * Published nonlinear fit (usl package, tests/usl-nlxb.Rout.save and tests/summary.Rout.save,
 * `usl(throughput ~ load, specsdm91, method = "nlxb")`, R 3.6.2):
 *   σ (alpha) = 0.0277285, SE 0.0091217
 *   κ (beta)  = 0.0001044, SE 0.0000199
 *   λ (gamma) = 89.9952330, SE 14.2134894
 *   residual standard error 82.8 on 4 df, R² = 0.9896, residuals min −81.66, max 111.09;
 *   peak.scalability = 97 (2 significant digits), i.e. N* = √((1 − σ)/κ) ≈ 96.5.
 */
const SPECSDM91 = {
  load: [1, 18, 36, 72, 108, 144, 216],
  throughput: [64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0, 1702.2],
};
const within = (got: number, want: number, rel: number) =>
  expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(rel);

describe('USL fit', () => {
  const points = SPECSDM91.load.map((n, i) => ({ n, x: SPECSDM91.throughput[i] as number }));

  it('reproduces the usl package coefficients for SPEC SDM91 within 2 %', () => {
    const f = fitUsl(points);
    within(f.sigma, 0.0277285, 0.02);
    within(f.kappa, 0.0001044, 0.02);
    within(f.lambda, 89.995233, 0.02);
    within(uslPeakConcurrency(f), 96.5, 0.02);
    expect(Math.round(uslPeakConcurrency(f))).toBeGreaterThanOrEqual(96);
    within(f.r2, 0.9896, 0.001);
    within(Math.sqrt(f.ssr / f.df), 82.85, 0.01);
    within(Math.min(...f.residuals), -81.66, 0.02);
    within(Math.max(...f.residuals), 111.09, 0.02);
  });

  it('gives the standard errors R reports, and intervals of ± t(0.975, 4)·SE', () => {
    const f = fitUsl(points);
    within(f.stdErr.sigma, 0.0091217, 0.02);
    within(f.stdErr.kappa, 0.0000199, 0.02);
    within(f.stdErr.lambda, 14.2134894, 0.02);
    // qt(0.975, 4) = 2.776445 (R)
    within(f.intervals.lambda.high, 89.995233 + 2.776445 * 14.2134894, 0.01);
    within(f.intervals.sigma.low, 0.0277285 - 2.776445 * 0.0091217, 0.03);
    expect(f.atBounds).toEqual([]);
  });

  it('recovers known coefficients from a synthetic curve', () => {
    const truth = { sigma: 0.05, kappa: 0.002, lambda: 120 };
    const pts = [1, 2, 4, 8, 12, 16, 24, 32, 48].map((n) => ({ n, x: uslThroughput(n, truth) }));
    const f = fitUsl(pts);
    within(f.sigma, truth.sigma, 1e-4);
    within(f.kappa, truth.kappa, 1e-4);
    within(f.lambda, truth.lambda, 1e-6);
    expect(f.r2).toBeGreaterThan(0.999999);
  });

  it('keeps σ and κ within [0, 1] and says when one sits on a bound', () => {
    // Perfectly linear: σ = κ = 0 is the least-squares answer, on the lower bounds.
    const f = fitUsl([1, 2, 4, 8, 16, 32].map((n) => ({ n, x: 10 * n })));
    expect(f.sigma).toBeGreaterThanOrEqual(0);
    expect(f.kappa).toBeGreaterThanOrEqual(0);
    expect(f.sigma).toBeLessThan(1e-6);
    expect(f.atBounds).toEqual(['sigma', 'kappa']);
    within(f.lambda, 10, 1e-6);
  });

  it('refuses too few or impossible points', () => {
    expect(() =>
      fitUsl([
        { n: 1, x: 1 },
        { n: 2, x: 2 },
      ]),
    ).toThrow(/at least 3 points/);
    expect(() =>
      fitUsl([
        { n: 0, x: 1 },
        { n: 2, x: 2 },
        { n: 3, x: 3 },
      ]),
    ).toThrow(/concurrency > 0/);
  });
});

describe('USL bootstrap of the peak', () => {
  const points = SPECSDM91.load.map((n, i) => ({ n, x: SPECSDM91.throughput[i] as number }));
  it('brackets N* and X(N*) with a seeded, repeatable interval', () => {
    const f = fitUsl(points);
    const a = bootstrapUsl(points, f, { resamples: 300, seed: 7 });
    const b = bootstrapUsl(points, f, { resamples: 300, seed: 7 });
    expect(a).toEqual(b);
    expect(a.resamples).toBe(300);
    expect(a.nStar.low).toBeLessThan(uslPeakConcurrency(f));
    expect(a.nStar.high).toBeGreaterThan(uslPeakConcurrency(f));
    expect(a.xMax.low).toBeLessThan(uslMaxThroughput(f));
    expect(a.xMax.high).toBeGreaterThan(uslMaxThroughput(f));
    // The peak is measured between 72 and 108 users: the interval should not wander off to 10 or 1,000.
    expect(a.nStar.low).toBeGreaterThan(40);
    expect(a.nStar.high).toBeLessThan(300);
  });
});
