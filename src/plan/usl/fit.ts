import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { inverse, Matrix } from 'ml-matrix';
import { studentTQuantile } from '../../compare/stats/student-t-quantile.js';
import { uslGradient, uslThroughput, type UslCoefficients } from './model.js';

/** One measured level: concurrency N and throughput X(N). */
export interface UslPoint {
  n: number;
  x: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface UslFit extends UslCoefficients {
  /** Asymptotic standard errors: s²(JᵀJ)⁻¹ at the optimum, s² = SSR/(n − 3). NaN when JᵀJ is singular. */
  stdErr: UslCoefficients;
  /** 95 % intervals: estimate ± t(0.975, n − 3)·SE, clipped to the bounds (0 ≤ σ, κ ≤ 1, λ ≥ 0). */
  intervals: { sigma: Interval; kappa: Interval; lambda: Interval };
  /** 1 − SSR/SST on the raw throughput. */
  r2: number;
  /** Measured minus fitted throughput, in the order of the points. */
  residuals: number[];
  /** Residual sum of squares. */
  ssr: number;
  /** Residual degrees of freedom, n − 3. */
  df: number;
  /** Coefficients that ended on a bound (σ or κ at 0 or 1). */
  atBounds: Array<'sigma' | 'kappa'>;
}

export interface FitOptions {
  /** Starting points tried (default: a small grid); the best fit wins. */
  starts?: ReadonlyArray<UslCoefficients>;
  maxIterations?: number;
}

/**
 * Fits the USL X(N) = λN / (1 + σ(N−1) + κN(N−1)) to measured throughput by bounded
 * nonlinear least squares on the raw throughput (not Gunther's linearised quadratic,
 * which weighs the points unevenly), as R's `usl` package does with `method = "nlxb"`
 * (Möding, usl 2.0; Nash, nlsr). Levenberg–Marquardt (ml-levenberg-marquardt) with the
 * analytic Jacobian, bounds 0 ≤ σ, κ ≤ 1 and λ ≥ 0, from several starting points.
 *
 * The parameters are rescaled before the search so that all three are of order one
 * (κ·N_max², λ / max(X/N)) — the library's damping is isotropic, and σ ~ 10⁻², κ ~ 10⁻⁴,
 * λ ~ 10² would otherwise stall it — and mapped back afterwards.
 *
 * Standard errors and intervals are the usual linearised ones for nonlinear least
 * squares (Bates & Watts 1988, §2.3): what R's `confint.default` on the model gives.
 * Cost O(starts · iterations · n). Throws a RangeError for fewer than 3 points or
 * non-finite, non-positive concurrency or negative throughput.
 */
export function fitUsl(points: readonly UslPoint[], options: FitOptions = {}): UslFit {
  if (points.length < 3) throw new RangeError(`fitUsl requires at least 3 points, got ${points.length}`);
  for (const p of points) {
    if (!(Number.isFinite(p.n) && p.n > 0)) throw new RangeError(`fitUsl requires concurrency > 0, got ${p.n}`);
    if (!(Number.isFinite(p.x) && p.x >= 0)) throw new RangeError(`fitUsl requires throughput ≥ 0, got ${p.x}`);
  }
  const nMax = Math.max(...points.map((p) => p.n));
  const xScale = Math.max(...points.map((p) => p.x / p.n)) || 1;
  const kScale = nMax * nMax;
  const xs = points.map((p) => p.n);
  const ys = points.map((p) => p.x / xScale);
  const unscale = (q: readonly number[]): UslCoefficients => ({
    sigma: q[0] as number,
    kappa: (q[1] as number) / kScale,
    lambda: (q[2] as number) * xScale,
  });
  const model = (q: number[]) => {
    const c = unscale(q);
    return (n: number) => uslThroughput(n, c) / xScale;
  };
  const jacobian = (q: number[]) => {
    const c = unscale(q);
    return (n: number) => {
      const [ds, dk, dl] = uslGradient(n, c);
      return [ds / xScale, dk / kScale / xScale, dl];
    };
  };
  const starts = options.starts ?? DEFAULT_STARTS;
  let best: { c: UslCoefficients; ssr: number } | undefined;
  for (const s of starts) {
    const r = levenbergMarquardt({ x: xs, y: ys }, model, {
      initialValues: [s.sigma, s.kappa * kScale, s.lambda > 0 ? s.lambda / xScale : 1],
      minValues: [0, 0, 0],
      maxValues: [1, kScale, 1e9],
      jacobianFunction: jacobian,
      maxIterations: options.maxIterations ?? 200,
      errorTolerance: 0,
      damping: 1e-2,
    });
    const c = unscale(r.parameterValues);
    const ssr = sumSquares(points, c);
    if (Number.isFinite(ssr) && (!best || ssr < best.ssr)) best = { c, ssr };
  }
  if (!best) throw new RangeError('fitUsl found no finite fit');
  // A coefficient within rounding of its lower bound is that bound: κ = 1e-18 would put
  // N* at 10⁹ and call a straight line "retrograde".
  const c = { ...best.c };
  if (c.sigma < 1e-9) c.sigma = 0;
  if (c.kappa * kScale < 1e-9) c.kappa = 0;
  return summarize(points, c, sumSquares(points, c));
}

/** σ × κ' grid; λ = 0 means "start from the largest X/N". */
const DEFAULT_STARTS: UslCoefficients[] = [0.01, 0.1, 0.5].flatMap((sigma) =>
  [1e-4, 1e-2].map((k) => ({ sigma, kappa: k, lambda: 0 })),
);

function sumSquares(points: readonly UslPoint[], c: UslCoefficients): number {
  let s = 0;
  for (const p of points) s += (p.x - uslThroughput(p.n, c)) ** 2;
  return s;
}

function summarize(points: readonly UslPoint[], c: UslCoefficients, ssr: number): UslFit {
  const n = points.length;
  const df = n - 3;
  const mean = points.reduce((a, p) => a + p.x, 0) / n;
  const sst = points.reduce((a, p) => a + (p.x - mean) ** 2, 0);
  const residuals = points.map((p) => p.x - uslThroughput(p.n, c));
  const se = standardErrors(points, c, ssr, df);
  const t = df >= 1 ? studentTQuantile(0.975, df) : Number.NaN;
  const ci = (v: number, e: number, hi: number): Interval => ({
    low: Math.max(0, v - t * e),
    high: Math.min(hi, v + t * e),
  });
  const atBounds: UslFit['atBounds'] = [];
  if (c.sigma === 0 || c.sigma >= 1 - 1e-9) atBounds.push('sigma');
  if (c.kappa === 0 || c.kappa >= 1 - 1e-9) atBounds.push('kappa');
  return {
    ...c,
    stdErr: se,
    intervals: {
      sigma: ci(c.sigma, se.sigma, 1),
      kappa: ci(c.kappa, se.kappa, 1),
      lambda: ci(c.lambda, se.lambda, Number.POSITIVE_INFINITY),
    },
    r2: sst > 0 ? 1 - ssr / sst : Number.NaN,
    residuals,
    ssr,
    df,
    atBounds,
  };
}

/** √diag(s²(JᵀJ)⁻¹); NaN where the matrix cannot be inverted or there are no residual degrees of freedom. */
function standardErrors(points: readonly UslPoint[], c: UslCoefficients, ssr: number, df: number): UslCoefficients {
  const nan = { sigma: Number.NaN, kappa: Number.NaN, lambda: Number.NaN };
  if (df < 1) return nan;
  const j = new Matrix(points.map((p) => uslGradient(p.n, c)));
  try {
    const cov = inverse(j.transpose().mmul(j)).mul(ssr / df);
    const d = [0, 1, 2].map((i) => cov.get(i, i));
    if (d.some((v) => !(v >= 0) || !Number.isFinite(v))) return nan;
    return { sigma: Math.sqrt(d[0] as number), kappa: Math.sqrt(d[1] as number), lambda: Math.sqrt(d[2] as number) };
  } catch {
    return nan;
  }
}
