import { arrivalClock } from '../scenario/arrival-clock.js';
import { type CurveDistribution, curveDistribution } from '../scenario/curve.js';
import type { Scenario } from '../scenario/types.js';
import { deriveSeed, STREAM, type Uniform, uniformStream } from './stream.js';

/**
 * A scenario's arrival instants in order, one a call, in run-time ms from the start of
 * the arrival window; undefined after the last. The shared arrival clock's instants for
 * candidates 1…N (called directly: no generator's result object per candidate, millions a
 * night), or with `arrivals: 'poisson'` thinning's (a count that varies with the seed).
 */
export function arrivalInstants(
  scenario: Pick<Scenario, 'arrivals' | 'curve' | 'windowMs' | 'population'>,
  seed: number,
): () => number | undefined {
  if (scenario.arrivals === 'poisson') {
    const times = thinnedArrivals(
      curveDistribution(scenario.curve, scenario.windowMs),
      scenario.population,
      uniformStream(deriveSeed(seed, STREAM.arrivals)),
    );
    return () => {
      const r = times.next();
      return r.done ? undefined : r.value;
    };
  }
  const at = arrivalClock(scenario, scenario.population);
  const count = scenario.population;
  let n = 0;
  return () => (n < count ? at(++n) : undefined);
}

/**
 * Arrivals by thinning, for scenarios that ask for `arrivals: 'poisson'`.
 *
 * Every other scenario's arrivals are the shared arrival clock's instants
 * (src/scenario/arrival-clock.ts): candidate n arrives when k6 starts iteration n,
 * the same in every engine. Thinning (Lewis & Shedler, "Simulation of nonhomogeneous
 * Poisson processes by thinning", Naval Research Logistics Quarterly 26(3), 1979) gives
 * an unconditioned inhomogeneous Poisson process instead: a homogeneous process at the
 * peak rate, each point kept with probability λ(t)/λmax. It is streaming, but its count
 * is itself Poisson (the population size varies with the seed) and its times random, so
 * only the node engine and the simulator run it (k6 refuses it: options.ts).
 * `expected` is the mean number of arrivals over the window.
 */
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
