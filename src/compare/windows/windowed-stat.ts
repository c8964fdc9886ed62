import type { Aggregation } from '../budget/types.js';
import { bucketValue, ZERO_BUCKET } from '../../analyze/log-histogram.js';
import type { AnyWindow, CounterWindow, ShareWindow, TrendWindow } from './window.js';

/**
 * One statistic of one series, computable over all windows or over a bootstrap
 * resample given as per-window weights (how many times each window was drawn).
 * Resampled percentiles merge the drawn windows' histograms with their weights, so
 * a resample costs O(non-empty buckets of drawn windows + histogram width).
 */
export interface WindowedStat {
  /** The statistic over the whole run. */
  value: number;
  resampled(weights: Uint32Array): number;
  /** Windows on the time axis (the positions a resample draws from). */
  windows: number;
  /** Windows holding at least one sample. */
  dataWindows: number;
  /** Samples behind the statistic. */
  samples: number;
  /**
   * One number per window with data, in time order (mean value, share, or sum): the
   * series whose autocorrelation sets the bootstrap's block length.
   */
  levels: number[];
}

export function windowedStat(
  windows: ReadonlyArray<AnyWindow | undefined>,
  agg: Aggregation,
  widthMs: number,
): WindowedStat {
  const first = windows.find((w) => w !== undefined);
  const n = windows.length;
  if (!first)
    return { value: Number.NaN, resampled: () => Number.NaN, windows: n, dataWindows: 0, samples: 0, levels: [] };
  if ('hits' in first) return { windows: n, ...shareStat(windows as ReadonlyArray<ShareWindow | undefined>) };
  if ('sum' in first && !('buckets' in first))
    return {
      windows: n,
      ...counterStat(windows as ReadonlyArray<CounterWindow | undefined>, agg, (n * widthMs) / 1000),
    };
  return { windows: n, ...trendStat(windows as ReadonlyArray<TrendWindow | undefined>, agg) };
}

type Stat = Omit<WindowedStat, 'windows'>;

const ones = (n: number) => new Uint32Array(n).fill(1);

function shareStat(ws: ReadonlyArray<ShareWindow | undefined>): Stat {
  const hits = Float64Array.from(ws, (w) => w?.hits ?? 0);
  const total = Float64Array.from(ws, (w) => w?.total ?? 0);
  const resampled = (wt: Uint32Array): number => {
    let h = 0;
    let t = 0;
    for (let i = 0; i < wt.length; i++) {
      const k = wt[i] as number;
      if (k) {
        h += k * (hits[i] as number);
        t += k * (total[i] as number);
      }
    }
    return t > 0 ? h / t : Number.NaN;
  };
  const levels = ws.flatMap((w) => (w && w.total > 0 ? [w.hits / w.total] : []));
  return {
    value: resampled(ones(ws.length)),
    resampled,
    dataWindows: levels.length,
    samples: total.reduce((a, b) => a + b, 0),
    levels,
  };
}

/** k6 counters: `count` is the total, `rate` the total per second of the run's span. */
function counterStat(ws: ReadonlyArray<CounterWindow | undefined>, agg: Aggregation, spanSec: number): Stat {
  const sums = Float64Array.from(ws, (w) => w?.sum ?? 0);
  const resampled = (wt: Uint32Array): number => {
    let s = 0;
    for (let i = 0; i < wt.length; i++) s += (wt[i] as number) * (sums[i] as number);
    return agg.name === 'rate' ? s / spanSec : s;
  };
  const levels = ws.flatMap((w) => (w ? [w.sum] : []));
  return { value: resampled(ones(ws.length)), resampled, dataWindows: levels.length, samples: levels.length, levels };
}

function trendStat(ws: ReadonlyArray<TrendWindow | undefined>, agg: Aggregation): Stat {
  const data = ws
    .map((w, i) => [w, i] as const)
    .filter((x): x is readonly [TrendWindow, number] => x[0] !== undefined && x[0].count > 0);
  const samples = data.reduce((s, [w]) => s + w.count, 0);
  const dataWindows = data.length;
  const base = { dataWindows, samples, levels: data.map(([w]) => w.sum / w.count) };
  switch (agg.name) {
    case 'avg': {
      const f = (wt: Uint32Array) => {
        let s = 0;
        let c = 0;
        for (const [w, i] of data) {
          s += (wt[i] as number) * w.sum;
          c += (wt[i] as number) * w.count;
        }
        return c > 0 ? s / c : Number.NaN;
      };
      return { ...base, value: f(ones(ws.length)), resampled: f };
    }
    case 'count': {
      const f = (wt: Uint32Array) => data.reduce((s, [w, i]) => s + (wt[i] as number) * w.count, 0);
      return { ...base, value: samples, resampled: f };
    }
    case 'min':
    case 'max': {
      const pick = agg.name === 'min' ? Math.min : Math.max;
      const f = (wt: Uint32Array) =>
        data.reduce(
          (m, [w, i]) => ((wt[i] as number) > 0 ? pick(m, agg.name === 'min' ? w.min : w.max) : m),
          agg.name === 'min' ? Infinity : -Infinity,
        );
      return { ...base, value: f(ones(ws.length)), resampled: f };
    }
    case 'value': {
      // A gauge's value is its latest reading: not something resampling windows estimates.
      const last = data.reduce((a, [w]) => (w.lastTime >= a.lastTime ? w : a), data[0]![0]);
      return { ...base, value: last.last, resampled: () => last.last };
    }
    case 'med':
    case 'p':
      return { ...base, ...quantileStat(data, agg.name === 'p' ? agg.p / 100 : 0.5, ws.length) };
    case 'rate':
      return { ...base, value: Number.NaN, resampled: () => Number.NaN };
  }
}

/** Weighted quantile over merged window histograms, on one dense bucket axis. */
function quantileStat(
  data: ReadonlyArray<readonly [TrendWindow, number]>,
  q: number,
  n: number,
): Pick<WindowedStat, 'value' | 'resampled'> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const [w] of data) {
    for (const b of w.buckets.keys()) {
      if (b === ZERO_BUCKET) continue;
      lo = Math.min(lo, b);
      hi = Math.max(hi, b);
    }
  }
  if (!Number.isFinite(lo)) lo = hi = 0;
  // slot 0: the zero bucket; slot b − lo + 1: bucket b
  const width = hi - lo + 2;
  const offs: Int32Array[] = [];
  const cnts: Float64Array[] = [];
  data.forEach(([w]) => {
    const entries = [...w.buckets];
    offs.push(Int32Array.from(entries, ([b]) => (b === ZERO_BUCKET ? 0 : b - lo + 1)));
    cnts.push(Float64Array.from(entries, ([, c]) => c));
  });
  const dense = new Float64Array(width);
  const resampled = (wt: Uint32Array): number => {
    dense.fill(0);
    let total = 0;
    for (let j = 0; j < data.length; j++) {
      const k = wt[(data[j] as readonly [TrendWindow, number])[1]] as number;
      if (!k) continue;
      const o = offs[j] as Int32Array;
      const c = cnts[j] as Float64Array;
      for (let m = 0; m < o.length; m++)
        dense[o[m] as number] = (dense[o[m] as number] as number) + k * (c[m] as number);
      total += k * (data[j] as readonly [TrendWindow, number])[0].count;
    }
    if (total === 0) return Number.NaN;
    const rank = q * (total - 1); // DDSketch's rank, as histogramQuantile
    let seen = 0;
    for (let s = 0; s < width; s++) {
      seen += dense[s] as number;
      if (seen > rank) return s === 0 ? 0 : bucketValue(s - 1 + lo);
    }
    return bucketValue(hi);
  };
  return { value: resampled(new Uint32Array(n).fill(1)), resampled };
}
