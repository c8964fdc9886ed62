import { type ArrivalStages, type CurvePointMs, compileStages } from './arrival-stages.js';

/**
 * The arrival clock: when candidate n arrives, for every engine, defined here once.
 *
 * Candidate n (1-based) arrives at the instant k6's `ramping-arrival-rate` executor starts
 * iteration n of the scenario's stages (arrival-stages.ts): where the integral of the
 * stages' rate reaches n, a pure function of (curve, window, population size, n). The
 * population generator (src/population/generate.ts) stamps that instant on candidate n,
 * the node engine and the simulator start the candidate at it, and the k6 options and
 * driver build the executor from the very same stages, so k6 starts iteration n then by
 * itself: no engine sleeps to an arrival and none disagrees (test/engine/same-arrivals.test.ts).
 *
 * Why the curve's quantiles and not random arrivals. The engines used to draw Poisson
 * order statistics (N sorted draws from the curve's density) while k6 paced its
 * iterations at the quantiles; k6 cannot start iterations at given times except by
 * sleeping inside them, which held a VU per candidate and cost CPU per iteration
 * (docs/k6.md). The alternative that keeps some randomness, stratified arrivals
 * Λ⁻¹(n − 1 + Uₙ), is also pure in n, but (a) it changes the count of arrivals in any
 * interval by at most one against the quantiles, so it keeps none of a Poisson process's
 * burstiness (variance of the count = its mean), which is what matters to queues; (b) each
 * arrival falls inside slot n, before k6 starts iteration n, so k6 would have to start
 * iteration n − 1's slot early and sleep up to a whole slot (seconds where the curve is
 * low), holding VUs again. The quantiles keep the exact count, the curve's shape to within
 * one arrival at every instant, and make a candidate a pure function of (seed, n), which
 * k6 needs to derive candidates itself. Who wants Poisson bursts asks for
 * `arrivals: 'poisson'` (thinning, a random count at random times): the node engine and the
 * simulator run it; k6 refuses it, since no executor starts iterations at random times.
 */

/** The stages every engine's arrivals follow: the curve's k6 stages for `count` iterations. */
export function arrivalStages(scenario: { curve: CurvePointMs[]; windowMs: number }, count: number): ArrivalStages {
  return compileStages(scenario.curve, scenario.windowMs, Math.max(1, count));
}

/**
 * Candidate n's arrival (1-based), in ms from the start of the arrival window, for a
 * population of `count`: the instant k6 starts iteration n of `arrivalStages`.
 */
export function arrivalClock(
  scenario: { curve: CurvePointMs[]; windowMs: number },
  count: number,
): (n: number) => number {
  return iterationClock(arrivalStages(scenario, count));
}

/**
 * When k6 starts each iteration of a ramping-arrival-rate scenario, in ms from the
 * schedule's start: iteration i (1-based) starts when the integral of the rate
 * reaches i. Within a linear ramp from rate a to rate b over d, the integral at x is
 * a·x + (b−a)·x²/(2d); solving for x gives k6's own formula
 * (lib/executor/ramping_arrival_rate.go, `cal`):
 *
 *   x = (a·d − √(d·(a²·d + 2·i'·(b−a)))) / (a − b),   i' = i − done before the stage
 *
 * and x = i'/a on a flat stage. The k6 driver computes one iteration's time (its
 * candidate's arrival) and the options compiler all of them, from this one function.
 */
export type StageNumbers = Pick<ArrivalStages, 'startRate' | 'stages' | 'unitMs' | 'stageMs'>;

/**
 * The start time of iteration i (1-based) as a function of i; NaN past the last
 * iteration the stages start. O(stages) once, then O(log stages) per call.
 */
export function iterationClock(s: StageNumbers): (i: number) => number {
  // Per stage: rate at its start and end (per ms), iterations started before it, its start.
  const from: number[] = [];
  const to: number[] = [];
  const done: number[] = [];
  const begin: number[] = [];
  let rate = s.startRate / s.unitMs;
  let area = 0;
  let t = 0;
  for (let k = 0; k < s.stages.length; k++) {
    const next = (s.stages[k]?.target ?? 0) / s.unitMs;
    const d = s.stageMs[k] ?? 0;
    from.push(rate);
    to.push(next);
    done.push(area);
    begin.push(t);
    area += rate !== next ? d * ((next - rate) / 2 + rate) : d * next;
    rate = next;
    t += d;
  }
  done.push(area);
  return (i) => {
    if (!(i <= area)) return Number.NaN;
    // The first stage whose cumulative end reaches i.
    let lo = 0;
    let hi = from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((done[mid + 1] as number) >= i) hi = mid;
      else lo = mid + 1;
    }
    const a = from[lo] as number;
    const b = to[lo] as number;
    const d = s.stageMs[lo] ?? 0;
    const j = i - (done[lo] as number);
    const x = a !== b ? (a * d - Math.sqrt(Math.max(0, d * (a * a * d + 2 * j * (b - a))))) / (a - b) : j / b;
    return (begin[lo] as number) + x;
  };
}

/** The start times of the first `count` iterations (fewer if the stages start fewer). O(N log stages). */
export function iterationStartTimes(s: StageNumbers, count: number): Float64Array {
  const at = iterationClock(s);
  const out = new Float64Array(count);
  let n = 0;
  for (; n < count; n++) {
    const t = at(n + 1);
    if (Number.isNaN(t)) break;
    out[n] = t;
  }
  return out.subarray(0, n);
}
