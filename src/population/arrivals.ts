import { type CurveDistribution, monotoneQuantile } from '../scenario/curve.js';
import type { Uniform } from './stream.js';

/**
 * Arrival times from a scenario's curve, in increasing order, streamed.
 *
 * The arrivals are an inhomogeneous Poisson process with intensity proportional to
 * the curve. A scenario fixes the population size N, and a Poisson process
 * conditioned on N(T) = N has its N points distributed as the order statistics of N
 * i.i.d. draws from the density λ(t)/Λ(T) (Cox & Lewis, "The Statistical Analysis of
 * Series of Events", 1966, §2.2; Ross, "Stochastic Processes", 2nd ed., Thm 2.3.1).
 * That is what `orderedArrivals` samples, and it is why the population has exactly
 * N candidates while its arrival times are still those of a Poisson process.
 *
 * "Draw N times, then sort" would hold all N in memory. Instead the sorted uniforms
 * are generated one by one (Bentley & Saxe, "Generating sorted lists of random
 * numbers", ACM TOMS 6(3), 1980): the minimum of k uniforms on (a, 1) is
 * 1 − (1 − a)·V^(1/k), so with R = 1 − U the running remainder is
 * R ← R·V^(1/k), k = N, N−1, …, 1. Kept in logarithms for accuracy at N = 10⁶,
 * then mapped through the curve's inverse CDF, whose segment cursor only moves
 * forward: O(1) memory and amortized O(1) time per arrival.
 *
 * `thinnedArrivals` is the unconditioned alternative by thinning (Lewis & Shedler,
 * "Simulation of nonhomogeneous Poisson processes by thinning", Naval Research
 * Logistics Quarterly 26(3), 1979): a homogeneous process at the peak rate, each
 * point kept with probability λ(t)/λmax. It is also streaming, but its count is
 * itself Poisson, so the population size would vary with the seed; the generator
 * uses it only when a scenario asks for `arrivals: 'poisson'`.
 */
export function* orderedArrivals(d: CurveDistribution, n: number, u: Uniform): Generator<number> {
  const quantile = monotoneQuantile(d);
  let logR = 0;
  for (let k = n; k >= 1; k--) {
    // 1 − u() is in (0, 1], so the log is finite.
    logR += Math.log(1 - u()) / k;
    yield quantile(-Math.expm1(logR));
  }
}

/** Arrivals by thinning, with `expected` arrivals on average over the window. */
export function* thinnedArrivals(d: CurveDistribution, expected: number, u: Uniform): Generator<number> {
  let peak = 0;
  for (const s of d.segments) peak = Math.max(peak, s.r0, s.r1);
  // Intensity in arrivals per ms: λ(t) = expected · rate(t) / Λ(T).
  const lambdaMax = (expected * peak) / d.total;
  if (!(lambdaMax > 0)) return;
  let t = 0;
  let i = 0;
  for (;;) {
    t += -Math.log(1 - u()) / lambdaMax;
    if (t > d.windowMs) return;
    while (i < d.segments.length - 1 && d.segments[i]!.t1 < t) i++;
    const s = d.segments[i]!;
    const rate = s.r0 + ((s.r1 - s.r0) * (t - s.t0)) / (s.t1 - s.t0);
    if (u() * peak < rate) yield t;
  }
}
