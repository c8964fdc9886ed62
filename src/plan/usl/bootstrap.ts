import { seededRandom } from '../../compare/stats/random.js';
import { fitUsl, type Interval, type UslFit, type UslPoint } from './fit.js';
import { uslMaxThroughput, uslPeakConcurrency, uslThroughput } from './model.js';

export interface UslBootstrap {
  nStar: Interval;
  xMax: Interval;
  /** Resamples that gave a fit (all of them unless the optimiser failed). */
  resamples: number;
  /** Share of resamples with κ = 0 (no peak: N* infinite). */
  noPeakShare: number;
  /** Pointwise 95 % band of the fitted curve at the requested concurrencies. */
  band: Array<{ n: number; low: number; high: number }>;
}

/**
 * Percentile intervals for N* and X(N*) by the residual bootstrap for regression
 * (Davison & Hinkley 1997, "Bootstrap Methods and their Application", Algorithm 6.3):
 * keep the measured concurrencies, add to the fitted curve residuals drawn with
 * replacement (centred and inflated by √(n/(n − 3)) so their spread matches the errors'),
 * refit, and take the 2.5 % and 97.5 % quantiles of N* and X(N*) over the refits.
 * Resampling residuals rather than points keeps every level in every resample — with
 * eight to twelve levels, dropping the few past the knee would change the question.
 * Resamples without a peak (κ = 0) count as N* = ∞, so the upper end can be infinite.
 * Seeded: the same input gives the same interval. Cost O(resamples · fit).
 */
export function bootstrapUsl(
  points: readonly UslPoint[],
  fit: UslFit,
  options: { resamples?: number; seed?: number; bandAt?: readonly number[] } = {},
): UslBootstrap {
  const b = options.resamples ?? 1000;
  const rng = seededRandom(options.seed ?? 1);
  const n = points.length;
  const meanResidual = fit.residuals.reduce((a, r) => a + r, 0) / n;
  const inflate = fit.df > 0 ? Math.sqrt(n / fit.df) : 1;
  const e = fit.residuals.map((r) => (r - meanResidual) * inflate);
  const fitted = points.map((p) => uslThroughput(p.n, fit));
  const start = [{ sigma: fit.sigma, kappa: fit.kappa, lambda: fit.lambda }];
  const nStars: number[] = [];
  const xMaxes: number[] = [];
  const bandAt = options.bandAt ?? [];
  const curves: number[][] = bandAt.map(() => []);
  for (let i = 0; i < b; i++) {
    const sample = points.map((p, k) => ({
      n: p.n,
      x: Math.max(0, (fitted[k] as number) + (e[rng.int(n)] as number)),
    }));
    try {
      const f = fitUsl(sample, { starts: start, maxIterations: 100 });
      nStars.push(uslPeakConcurrency(f));
      xMaxes.push(uslMaxThroughput(f));
      bandAt.forEach((n, k) => (curves[k] as number[]).push(uslThroughput(n, f)));
    } catch {
      // A degenerate resample (all zero): skip it; `resamples` says how many counted.
    }
  }
  return {
    nStar: interval(nStars),
    xMax: interval(xMaxes),
    resamples: nStars.length,
    band: bandAt.map((n, k) => ({ n, ...interval(curves[k] as number[]) })),
    noPeakShare: nStars.length ? nStars.filter((v) => !Number.isFinite(v)).length / nStars.length : Number.NaN,
  };
}

/** 2.5 % and 97.5 % quantiles by R's type 7, written out so that infinities (no peak) sort last and stay infinite. */
function interval(values: number[]): Interval {
  if (values.length === 0) return { low: Number.NaN, high: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const q = (p: number) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const a = sorted[lo] as number;
    if (h === lo) return a;
    const b = sorted[lo + 1] as number;
    return Number.isFinite(b) ? a + (h - lo) * (b - a) : Number.POSITIVE_INFINITY;
  };
  return { low: q(0.025), high: q(0.975) };
}
