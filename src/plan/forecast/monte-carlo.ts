import { seededRandom } from '../../compare/stats/random.js';
import { runFluid, type FluidResult } from './fluid.js';
import type { FluidInputs } from './inputs.js';

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface MonteCarlo {
  runs: number;
  /** How each uncertain input was drawn. */
  draws: string[];
  quotaFillMs: Band | null;
  /** Runs in which the quota filled. */
  filledShare: number;
  retryAmplification: Band;
  turnedAway: Band;
  abandonment: Band;
  /** Attempts per second over time: [ms since opening, p5, p50, p95]. */
  attemptsBand: Array<[number, number, number, number]>;
}

/**
 * Monte Carlo bands for the fluid forecast: the inputs nobody knows exactly are drawn
 * from ranges and the model is rerun. Capacity ~ U(capLow, capHigh) (from the plan's
 * interval of X(N*), else ±10 %); each persona's patience and retry delay ×U(0.7, 1.3)
 * (the scenario's personas are modelling choices, not measurements); the number who come
 * ×U(0.9, 1.1). Percentiles (nearest rank) of each output over the runs. Seeded.
 * Cost O(runs · fluid run).
 */
export function monteCarlo(
  inp: FluidInputs,
  o: { runs?: number; seed?: number; capacityRange?: [number, number] } = {},
): MonteCarlo {
  const runs = o.runs ?? 100;
  const rng = seededRandom(o.seed ?? 1);
  const [capLow, capHigh] = o.capacityRange ?? [inp.capacityPerSec * 0.9, inp.capacityPerSec * 1.1];
  const u = (a: number, b: number) => a + (b - a) * rng.next();
  const results: FluidResult[] = [];
  for (let i = 0; i < runs; i++) {
    const drawn: FluidInputs = {
      ...inp,
      capacityPerSec: u(capLow, capHigh),
      population: inp.population * u(0.9, 1.1),
      personas: inp.personas.map((p) => ({
        ...p,
        patienceMs: p.patienceMs * u(0.7, 1.3),
        retryMs: p.retryMs * u(0.7, 1.3),
      })),
    };
    results.push(runFluid(drawn, { buckets: 100, maxSteps: 20_000 }));
  }
  const band = (vals: number[]): Band => {
    const s = [...vals].sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
    return { p5: at(0.05), p50: at(0.5), p95: at(0.95) };
  };
  const filled = results.filter((r) => r.quotaFillMs !== null);
  // Attempts bands on the first run's time grid (all runs share the horizon up to early stops).
  const grid = results[0]?.series.map((r) => r[0]) ?? [];
  const attemptsBand = grid.map((t): [number, number, number, number] => {
    const vals = results.map((r) => nearest(r.series, t));
    const b = band(vals);
    return [t, b.p5, b.p50, b.p95];
  });
  return {
    runs,
    draws: [
      `capacity ~ U(${capLow.toFixed(1)}, ${capHigh.toFixed(1)})/s`,
      'patience ×U(0.7, 1.3) per persona',
      'retry delay ×U(0.7, 1.3) per persona',
      'candidates ×U(0.9, 1.1)',
    ],
    quotaFillMs: inp.quota !== null && filled.length ? band(filled.map((r) => r.quotaFillMs as number)) : null,
    filledShare: results.length ? filled.length / results.length : 0,
    retryAmplification: band(results.map((r) => r.retryAmplification)),
    turnedAway: band(results.map((r) => r.turnedAway)),
    abandonment: band(results.map((r) => r.abandonment)),
    attemptsBand,
  };
}

/** Attempts/s of the bucket nearest to time t (0 past a run's early end). */
function nearest(series: FluidResult['series'], t: number): number {
  let best = 0;
  let d = Infinity;
  for (const row of series) {
    const e = Math.abs(row[0] - t);
    if (e < d) [d, best] = [e, row[2]];
  }
  return t > (series[series.length - 1]?.[0] ?? 0) + 1 ? 0 : best;
}
