import { bucketOf } from '../../analyze/log-histogram.js';

/** What one time window of one series holds. Merging two windows is adding them. */
export interface TrendWindow {
  buckets: Map<number, number>;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Value of the latest sample (k6 gauges' `value`), and its time. */
  last: number;
  lastTime: number;
}

export interface ShareWindow {
  hits: number;
  total: number;
}

export interface CounterWindow {
  sum: number;
}

export type AnyWindow = TrendWindow | ShareWindow | CounterWindow;

export function emptyTrend(): TrendWindow {
  return { buckets: new Map(), count: 0, sum: 0, min: Infinity, max: -Infinity, last: Number.NaN, lastTime: -Infinity };
}

export function addTrend(w: TrendWindow, value: number, timeMs: number): void {
  const b = bucketOf(value);
  w.buckets.set(b, (w.buckets.get(b) ?? 0) + 1);
  w.count++;
  w.sum += value;
  if (value < w.min) w.min = value;
  if (value > w.max) w.max = value;
  if (timeMs >= w.lastTime) {
    w.last = value;
    w.lastTime = timeMs;
  }
}

/** Adds `from` into `into` (windows coalescing when the run is long). */
export function mergeWindow(into: AnyWindow, from: AnyWindow): void {
  if ('buckets' in into) {
    const f = from as TrendWindow;
    for (const [b, c] of f.buckets) into.buckets.set(b, (into.buckets.get(b) ?? 0) + c);
    into.count += f.count;
    into.sum += f.sum;
    into.min = Math.min(into.min, f.min);
    into.max = Math.max(into.max, f.max);
    if (f.lastTime >= into.lastTime) {
      into.last = f.last;
      into.lastTime = f.lastTime;
    }
  } else if ('hits' in into) {
    into.hits += (from as ShareWindow).hits;
    into.total += (from as ShareWindow).total;
  } else {
    into.sum += (from as CounterWindow).sum;
  }
}
