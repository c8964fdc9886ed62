import type { MetricDeclaration } from '../results/read-json-line.js';
import { round } from './downsample.js';
import { valuesAtRanks } from './select-rank.js';
import type { MetricSummary } from './summary.js';

export interface MetricAggData {
  type: MetricDeclaration['type'] | null;
  time: boolean;
  count: number;
  sum: number;
  nonZero: number;
  min: number;
  max: number;
  lastTime: number;
  last: number;
  values: Float64Array;
}

/** One metric's running figures; trend values kept whole (k6 keeps them too) in a growing buffer. */
export class MetricAgg {
  count = 0;
  sum = 0;
  nonZero = 0;
  min = Infinity;
  max = -Infinity;
  lastTime = -Infinity;
  last = Number.NaN;
  /** Declared `contains: time` (values in ms). */
  time = false;
  private values = new Float64Array(64);

  constructor(public type: MetricDeclaration['type'] | null) {}

  /** Only a trend's summary reads its values (a counter, rate or gauge is summarised by the figures beside them). */
  get keepsValues(): boolean {
    return this.type === null || this.type === 'trend';
  }

  add(t: number, v: number): void {
    if (this.keepsValues) {
      if (this.count === this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[this.count] = v;
    }
    this.count++;
    this.sum += v;
    if (v !== 0) this.nonZero++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    // The latest sample is the gauge's value; on a tie the later line wins, as in a single pass.
    if (t >= this.lastTime) {
      this.lastTime = t;
      this.last = v;
    }
  }

  toData(): MetricAggData {
    return {
      type: this.type,
      time: this.time,
      count: this.count,
      sum: this.sum,
      nonZero: this.nonZero,
      min: this.min,
      max: this.max,
      lastTime: this.lastTime,
      last: this.last,
      values: this.values.slice(0, this.keepsValues ? this.count : 0),
    };
  }

  merge(d: MetricAggData): void {
    this.type ??= d.type;
    this.time ||= d.time;
    const lastTime = this.lastTime;
    const last = this.last;
    if (d.values.length === d.count) for (let i = 0; i < d.count; i++) this.add(-Infinity, d.values[i] as number);
    else {
      // A part that kept no values (not a trend): its figures add up.
      this.count += d.count;
      this.sum += d.sum;
      this.nonZero += d.nonZero;
      this.min = Math.min(this.min, d.min);
      this.max = Math.max(this.max, d.max);
    }
    // add() above kept this part's last value; the other part's is later when its time is.
    this.lastTime = lastTime;
    this.last = last;
    if (d.lastTime >= this.lastTime) {
      this.lastTime = d.lastTime;
      this.last = d.last;
    }
  }

  summary(durationMs: number): MetricSummary {
    const secs = durationMs / 1000;
    switch (this.type) {
      case 'counter':
        return { type: 'counter', count: round(this.sum, 6), rate: secs > 0 ? round(this.sum / secs, 6) : 0 };
      case 'rate':
        return {
          type: 'rate',
          rate: round(this.nonZero / this.count, 6),
          passes: this.nonZero,
          fails: this.count - this.nonZero,
        };
      case 'gauge':
        return { type: 'gauge', value: this.last, min: this.min, max: this.max };
      default: {
        const [med, p90, p95] = k6Percentiles(this.values.slice(0, this.count), [0.5, 0.9, 0.95]) as [
          number,
          number,
          number,
        ];
        return {
          type: 'trend',
          count: this.count,
          avg: round(this.sum / this.count, 6),
          min: this.min,
          med,
          max: this.max,
          p90,
          p95,
          ...(this.time ? { time: true } : {}),
        };
      }
    }
  }
}

/**
 * k6's trend percentiles (metrics/sink.go, TrendSink.P): i = p·(n − 1), linear
 * interpolation between the values at floor(i) and ceil(i) of the sorted values
 * (Hyndman & Fan 1996, definition 7). `xs` unsorted, non-empty, and reordered: the
 * ranks are selected (select-rank.ts), not sorted for, which gives the same values.
 */
export function k6Percentiles(xs: Float64Array, ps: readonly number[]): number[] {
  const n = xs.length;
  if (n === 1) return ps.map(() => xs[0] as number);
  const ranks = ps.flatMap((p) => [Math.floor(p * (n - 1)), Math.ceil(p * (n - 1))]);
  const at = valuesAtRanks(xs, ranks);
  return ps.map((p, j) => {
    const i = p * (n - 1);
    const lo = at[2 * j] as number;
    const hi = at[2 * j + 1] as number;
    return round(lo + (hi - lo) * (i - Math.floor(i)), 6);
  });
}
