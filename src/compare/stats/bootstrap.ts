import { quantileSorted } from './quantile-sorted.js';
import { seededRandom, type Random } from './random.js';

export interface BootstrapOptions {
  /** Resamples (default 2,000; Efron & Tibshirani 1993 §13.3 suggest ≥ 1,000 for percentile intervals). */
  resamples?: number;
  /** Confidence of the interval (default 0.95). */
  confidence?: number;
  seed: number;
}

export interface BootstrapResult {
  estimate: number;
  ci: [number, number];
  /** The resampled statistics, ascending (NaN resamples dropped). */
  distribution: Float64Array;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani 1993, ch. 13): resample
 * the values with replacement `resamples` times, compute the statistic on each, and
 * take the (1 − c)/2 and (1 + c)/2 quantiles (R type 7) of those statistics. All draws
 * come from one seeded generator, so the interval is reproducible.
 * Cost O(resamples · cost(statistic)). Throws on an empty sample.
 */
export function bootstrapCi(
  values: readonly number[],
  statistic: (sample: readonly number[]) => number,
  options: BootstrapOptions,
): BootstrapResult {
  if (values.length === 0) throw new RangeError('bootstrapCi requires at least one value');
  const rng = seededRandom(options.seed);
  const stats = resampleStatistics(options.resamples ?? 2000, () => statistic(resample(values, rng)));
  return {
    estimate: statistic(values),
    ci: percentileInterval(stats, options.confidence ?? 0.95),
    distribution: stats,
  };
}

/** One bootstrap sample: n draws with replacement. */
export function resample(values: readonly number[], rng: Random): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[rng.int(values.length)] as number;
  return out;
}

/** Runs `once` B times, drops non-finite results, sorts ascending. */
export function resampleStatistics(resamples: number, once: () => number): Float64Array {
  const out: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const s = once();
    if (Number.isFinite(s)) out.push(s);
  }
  return Float64Array.from(out).sort();
}

/** The central `confidence` interval of an ascending bootstrap distribution; [NaN, NaN] when empty. */
export function percentileInterval(sorted: Float64Array, confidence: number): [number, number] {
  if (sorted.length === 0) return [Number.NaN, Number.NaN];
  const a = (1 - confidence) / 2;
  return [quantileSorted(sorted, a), quantileSorted(sorted, 1 - a)];
}
