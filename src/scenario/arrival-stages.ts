/**
 * The arrival curve as k6 `ramping-arrival-rate` stages: what every engine's arrivals
 * follow (arrival-clock.ts), and what the k6 engine gives its executor.
 *
 * The scenario's curve is piecewise linear in time (relative rates at points, held
 * flat before the first and after the last, as the population reads it); k6's ramping-arrival-rate also ramps linearly
 * from one stage target to the next, so each segment of the curve is one stage and
 * the shapes match exactly. Only the scale is rounded: k6 takes integer targets per
 * `timeUnit`, so rates are rounded *up* and the unit is chosen at least twice the
 * window, which keeps the surplus below half an iteration:
 *
 *   N ≤ ∫ stages < N + windowMs / unitMs ≤ N + ½     ⇒   exactly N iterations
 *
 * (k6 starts iteration i, 1-based, when the integral of the rate reaches i:
 * lib/executor/ramping_arrival_rate.go, `cal`).
 */
import { curveDistribution, type CurveSegment } from './curve.js';
import { goDuration } from '../util/duration.js';

export interface Stage {
  /** Go duration string, e.g. "833.333ms". */
  duration: string;
  target: number;
}

export interface ArrivalStages {
  timeUnit: string;
  startRate: number;
  stages: Stage[];
  /** The same stages in numbers, for the schedule and the tests. */
  unitMs: number;
  stageMs: number[];
}

export interface CurvePointMs {
  atMs: number;
  rate: number;
}

/** Zero-rate time after the curve (see compileStages). */
export const TAIL_MS = 1_000;

const UNITS: Array<[string, number]> = [
  ['1s', 1_000],
  ['1m', 60_000],
  ['1h', 3_600_000],
  ['24h', 86_400_000],
];

/** Integral of the compiled stages, in iterations, computed as k6 does (rates per unit, linear ramps). */
export function stagesArea(s: Pick<ArrivalStages, 'startRate' | 'stages' | 'unitMs' | 'stageMs'>): number {
  let from = s.startRate / s.unitMs;
  let area = 0;
  s.stages.forEach((st, i) => {
    const to = st.target / s.unitMs;
    area += (s.stageMs[i] as number) * ((to - from) / 2 + from);
    from = to;
  });
  return area;
}

/**
 * Compiles the curve (run-time ms from the start of the arrival window) into stages
 * that start `population` iterations. Throws on a curve k6 cannot express.
 */
export function compileStages(curve: CurvePointMs[], windowMs: number, population: number): ArrivalStages {
  // The population's own reading of the curve (src/population/curve.ts): flat before the
  // first point and after the last, points outside the window ignored.
  const d = curveDistribution(curve, windowMs);
  const [timeUnit, unitMs] = UNITS.find(([, ms]) => ms >= 2 * windowMs) ?? [
    `${Math.ceil((2 * windowMs) / 1000)}s`,
    Math.ceil((2 * windowMs) / 1000) * 1000,
  ];
  // Relative rate → iterations per unit, so that the curve integrates to the population.
  const k = (population / d.total) * unitMs;
  const toTarget = (rate: number) => (rate > 0 ? Math.ceil(rate * k - 1e-9) : 0);
  const first = d.segments[0] as CurveSegment;
  const stages: Stage[] = [];
  const stageMs: number[] = [];
  let prev = first.r0;
  for (const seg of d.segments) {
    // A step in the curve (two points at one time collapse into one segment edge): jump at once.
    if (seg.r0 !== prev) {
      stages.push({ duration: '0ms', target: toTarget(seg.r0) });
      stageMs.push(0);
    }
    stages.push({ duration: goDuration(seg.t1 - seg.t0), target: toTarget(seg.r1) });
    stageMs.push(Math.round((seg.t1 - seg.t0) * 1000) / 1000);
    prev = seg.r1;
  }
  const out: ArrivalStages = { timeUnit, startRate: toTarget(first.r0), stages, unitMs, stageMs };
  // Floating point can leave the integral a hair under N: top up the peak until it is not.
  while (stagesArea(out) < population) {
    const peak = stages.reduce((best, st, i) => (st.target > (stages[best] as Stage).target ? i : best), 0);
    (stages[peak] as Stage).target += 1;
  }
  // k6 starts its clock for the stages only after pre-allocating the VUs, but ends the
  // scenario's regular duration on a clock started before (ramping_arrival_rate.go, Run),
  // so the last few iterations of the curve were lost. A flat-zero tail adds no
  // iteration and keeps the scenario open past the last one.
  stages.push({ duration: '0ms', target: 0 }, { duration: goDuration(TAIL_MS), target: 0 });
  stageMs.push(0, TAIL_MS);
  return out;
}
