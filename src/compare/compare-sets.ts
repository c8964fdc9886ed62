import { pointChange, type TestOutcome } from './compare-windows.js';
import { percentileInterval, resample } from './stats/bootstrap.js';
import { mannWhitney } from './stats/mann-whitney.js';
import { median } from './stats/median.js';
import { seededRandom } from './stats/random.js';
import type { Better } from './types.js';
import { runsNeeded, verdictOf } from './verdict.js';

export interface SetTestOptions {
  alpha: number;
  confidence: number;
  resamples: number;
  seed: number;
}

/**
 * Sets of runs, one value per run, as benchstat compares benchmark runs: the centre
 * of each side is its median; the change is significant when a two-sided
 * Mann-Whitney U test rejects at α. When the sizes cannot reach α at all (3 runs a
 * side give p ≥ 0.1) the verdict is "not enough data", never a silent pass. The CI
 * of the change is a seeded two-sample percentile bootstrap of the difference (and
 * ratio) of medians; the verdict follows the test.
 */
export function compareSets(
  baseValues: readonly number[],
  candValues: readonly number[],
  better: Better,
  o: SetTestOptions,
): TestOutcome {
  const x = baseValues.filter(Number.isFinite);
  const y = candValues.filter(Number.isFinite);
  const n = { base: x.length, candidate: y.length };
  const point = pointChange(x.length ? median(x) : Number.NaN, y.length ? median(y) : Number.NaN);
  if (x.length === 0 || y.length === 0) {
    return {
      ...point,
      deltaCi: null,
      changeCi: null,
      pValue: null,
      method: 'mann-whitney',
      n,
      verdict: 'not enough data',
      note: 'no value on one side',
    };
  }
  if (new Set([...x, ...y]).size === 1) {
    // Every run gave the same value (a quota that always fills at once): nothing moved.
    return {
      ...point,
      deltaCi: [0, 0],
      changeCi: [0, 0],
      pValue: 1,
      method: 'mann-whitney',
      n,
      verdict: 'no significant change',
    };
  }
  const test = mannWhitney(x, y);
  const rng = seededRandom(o.seed);
  const deltas: number[] = [];
  const changes: number[] = [];
  for (let b = 0; b < o.resamples; b++) {
    const mb = median(resample(x, rng));
    const mc = median(resample(y, rng));
    deltas.push(mc - mb);
    if (mb !== 0) changes.push(mc / mb - 1);
  }
  const deltaCi = percentileInterval(Float64Array.from(deltas).sort(), o.confidence);
  const changeCi =
    changes.length === deltas.length ? percentileInterval(Float64Array.from(changes).sort(), o.confidence) : null;
  const common = { ...point, deltaCi, changeCi, pValue: test.p, method: 'mann-whitney' as const, n };
  if (test.minP > o.alpha) {
    const k = runsNeeded(o.alpha);
    return {
      ...common,
      verdict: 'not enough data',
      note: `${x.length} vs ${y.length} runs cannot reach α = ${o.alpha} (smallest p ${test.minP.toFixed(3)}); use at least ${k} runs a side`,
    };
  }
  return { ...common, verdict: verdictOf(test.p < o.alpha, point.delta ?? 0, better) };
}
