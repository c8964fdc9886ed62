import { circularBlockWeights } from './stats/block-bootstrap.js';
import { optimalBlockLength } from './stats/optimal-block-length.js';
import { percentileInterval } from './stats/bootstrap.js';
import { normalQuantile } from './stats/normal.js';
import { seededRandom } from './stats/random.js';
import { studentTQuantile } from './stats/student-t-quantile.js';
import type { Better, MetricComparison } from './types.js';
import { verdictOf } from './verdict.js';
import type { WindowedStat } from './windows/windowed-stat.js';

export interface WindowTestOptions {
  confidence: number;
  resamples: number;
  seed: number;
  /** Fewer windows with data than this on either side: not enough data. */
  minWindows: number;
  /** Fewer samples than this on either side: not enough data. */
  minSamples: number;
}

export type TestOutcome = Pick<
  MetricComparison,
  'base' | 'candidate' | 'delta' | 'change' | 'deltaCi' | 'changeCi' | 'pValue' | 'method' | 'n' | 'verdict' | 'note'
>;

/**
 * One run against one run: each run's statistic is resampled with a circular block
 * bootstrap over its time windows, the two runs independently. Blocks are as long as
 * Politis & White's automatic selection says the run's own autocorrelation needs
 * (optimal-block-length.ts), so a run whose latency drifts slowly gets long blocks
 * and honest, wide intervals. The percentile interval of
 * the resampled differences is the CI of the change; the change is significant when
 * that interval excludes 0. The p-value is the bootstrap's two-sided tail share,
 * 2·min(#Δ* ≤ 0, #Δ* ≥ 0), with the (count + 1)/(B + 1) correction of Davison &
 * Hinkley (1997, eq. 4.11) so it is never 0.
 */
export function compareWindows(
  base: WindowedStat,
  cand: WindowedStat,
  better: Better,
  o: WindowTestOptions,
): TestOutcome {
  const nBase = base.windows;
  const nCand = cand.windows;
  const n = { base: base.dataWindows, candidate: cand.dataWindows };
  const point = pointChange(base.value, cand.value);
  const lacking =
    !Number.isFinite(base.value) || !Number.isFinite(cand.value)
      ? 'no samples on one side'
      : Math.min(n.base, n.candidate) < o.minWindows
        ? `fewer than ${o.minWindows} time windows with samples (${n.base} vs ${n.candidate})`
        : Math.min(base.samples, cand.samples) < o.minSamples
          ? `fewer than ${o.minSamples} samples (${base.samples} vs ${cand.samples})`
          : undefined;
  if (lacking)
    return {
      ...point,
      deltaCi: null,
      changeCi: null,
      pValue: null,
      method: 'block-bootstrap',
      n,
      verdict: 'not enough data',
      note: lacking,
    };

  const rng = seededRandom(o.seed);
  const lb = blockLength(base.levels, nBase);
  const lc = blockLength(cand.levels, nCand);
  const wb = new Uint32Array(nBase);
  const wc = new Uint32Array(nCand);
  const deltas: number[] = [];
  const changes: number[] = [];
  for (let b = 0; b < o.resamples; b++) {
    const sb = base.resampled(circularBlockWeights(nBase, lb, rng, wb));
    const sc = cand.resampled(circularBlockWeights(nCand, lc, rng, wc));
    if (!Number.isFinite(sb) || !Number.isFinite(sc)) continue;
    deltas.push(sc - sb);
    if (sb !== 0) changes.push(sc / sb - 1);
  }
  // Small-sample correction, as batch means do for simulation output (Schmeiser
  // 1982): with k blocks a side the interval is as uncertain as a t with k − 1
  // degrees of freedom, and the circular bootstrap's variance of a mean is short by
  // the factor (1 − b/n) (Politis & Romano 1992); widen the bootstrap spread by both.
  const blocks = Math.min(Math.floor(nBase / lb), Math.floor(nCand / lc));
  const z = normalQuantile(1 - (1 - o.confidence) / 2);
  const shrink = Math.max(1 - lb / nBase, 1 - lc / nCand, 0.5);
  const widen = (blocks >= 2 ? studentTQuantile(1 - (1 - o.confidence) / 2, blocks - 1) / z : 4) / Math.sqrt(shrink);
  const spread = (xs: number[], centre: number) => Float64Array.from(xs, (x) => centre + widen * (x - centre)).sort();
  const wideDeltas = spread(deltas, point.delta as number);
  const deltaCi = percentileInterval(wideDeltas, o.confidence);
  const changeCi =
    changes.length === deltas.length && changes.length > 0
      ? percentileInterval(spread(changes, point.change as number), o.confidence)
      : null;
  let below = 0;
  let above = 0;
  for (const d of wideDeltas) {
    if (d <= 0) below++;
    if (d >= 0) above++;
  }
  const pValue = Math.min(1, (2 * (Math.min(below, above) + 1)) / (deltas.length + 1));
  const significant = deltaCi[0] > 0 || deltaCi[1] < 0;
  return {
    ...point,
    deltaCi,
    changeCi,
    pValue,
    method: 'block-bootstrap',
    n,
    verdict: verdictOf(significant, point.delta ?? 0, better),
  };
}

/** Point values, difference and relative change (null where undefined). */
export function pointChange(
  base: number,
  cand: number,
): Pick<MetricComparison, 'base' | 'candidate' | 'delta' | 'change'> {
  const b = Number.isFinite(base) ? base : null;
  const c = Number.isFinite(cand) ? cand : null;
  const delta = b !== null && c !== null ? c - b : null;
  const change = b !== null && c !== null && b !== 0 ? c / b - 1 : null;
  return { base: b, candidate: c, delta, change };
}

/** Block length in window positions: the optimal length for the per-window levels, scaled from data windows to all windows. */
function blockLength(levels: readonly number[], positions: number): number {
  const b = optimalBlockLength(levels);
  return Math.max(1, Math.min(positions, Math.ceil((b * positions) / Math.max(1, levels.length))));
}
