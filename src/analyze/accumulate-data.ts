import type { RunAccumulator } from './accumulate.js';
import type { JourneyColumnsData } from './journey-columns.js';
import type { K6MetricsData } from './k6-metrics.js';
import type { LatencyHistogramData } from './latency-histogram.js';
import { LogHistogram } from './log-histogram.js';

/**
 * A finished RunAccumulator as plain, structured-cloneable data (what a worker thread
 * that read part of a run sends back), and the exact merge of that data into the
 * accumulator of the part before it. Every statistic merges exactly: counts and integer
 * µs sums add, min and max combine, HDR histograms add bucket by bucket, journey
 * columns append in file order (so Kendall's tau and the fairness ranks see the same
 * columns as one pass), and maps keep the order of first use.
 */
export interface AccumulatorData {
  scalars: Record<(typeof SCALARS)[number], number>;
  flags: Record<(typeof FLAGS)[number], boolean>;
  counts: Record<(typeof COUNTS)[number], Map<string, number>>;
  nested: Record<(typeof NESTED)[number], Map<string, Map<string, number>>>;
  classPerSecond: Map<number, Map<string, number>>;
  attempts: Map<number, number>;
  histograms: Record<(typeof HISTOGRAMS)[number], LatencyHistogramData>;
  keyed: Record<(typeof KEYED)[number], Array<[string, LatencyHistogramData]>>;
  series: Record<(typeof SERIES)[number], Map<number, number[]>>;
  latencyPerSecondOp: Array<[number, Array<[string, Uint32Array, number]>]>;
  journeys: JourneyColumnsData;
  k6: K6MetricsData;
}

const SCALARS = [
  'httpReqs',
  'httpOk',
  'httpFailedSum',
  'httpFailedCount',
  'droppedIterations',
  'reqs',
  'timeouts',
] as const;
const FLAGS = ['toolkit', 'httpExpectedSeen'] as const;
const COUNTS = ['statuses', 'reqStatuses', 'classTotal'] as const;
const NESTED = ['classByOp', 'countries'] as const;
const HISTOGRAMS = ['httpDuration', 'latency', 'lateness'] as const;
const KEYED = ['httpDurationByName', 'latencyByOp', 'latencyByCountry', 'timeToOutcome'] as const;
const SERIES = ['httpPerSecond', 'reqPerSecond', 'startsPerSecond', 'finishesPerSecond'] as const;

const pick = <K extends string, V>(keys: readonly K[], f: (k: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, V>;

export function accumulatorData(a: RunAccumulator): AccumulatorData & { minTimeMs: number; maxTimeMs: number } {
  const j = a.journeys;
  return {
    minTimeMs: a.minTimeMs,
    maxTimeMs: a.maxTimeMs,
    scalars: pick(SCALARS, (k) => a[k]),
    flags: pick(FLAGS, (k) => a[k]),
    counts: pick(COUNTS, (k) => a[k]),
    nested: pick(NESTED, (k) => a[k]),
    classPerSecond: a.classPerSecond,
    attempts: a.attempts,
    histograms: pick(HISTOGRAMS, (k) => a[k].toData()),
    keyed: pick(KEYED, (k) => a[k].toData()),
    series: pick(SERIES, (k) => a[k].rows),
    latencyPerSecondOp: [...a.latencyPerSecondOp].map(([s, ops]) => [
      s,
      [...ops].map(([op, h]) => [op, h.counts.slice(), h.count]),
    ]),
    k6: a.k6.toData(),
    journeys: j.toData(),
  };
}

/** Adds the data of the part that follows `a`'s in the run into `a` (both finished). */
export function mergeAccumulator(a: RunAccumulator, d: ReturnType<typeof accumulatorData>): void {
  a.minTimeMs = Math.min(a.minTimeMs, d.minTimeMs);
  a.maxTimeMs = Math.max(a.maxTimeMs, d.maxTimeMs);
  for (const k of SCALARS) a[k] += d.scalars[k];
  for (const k of FLAGS) a[k] ||= d.flags[k];
  for (const k of COUNTS) addCounts(a[k], d.counts[k]);
  for (const k of NESTED) addNested(a[k], d.nested[k]);
  addNested(a.classPerSecond, d.classPerSecond);
  addCounts(a.attempts, d.attempts);
  for (const k of HISTOGRAMS) a[k].mergeData(d.histograms[k]);
  for (const k of KEYED) a[k].mergeData(d.keyed[k]);
  for (const k of SERIES) a[k].merge(d.series[k]);
  for (const [s, ops] of d.latencyPerSecondOp) {
    let m = a.latencyPerSecondOp.get(s);
    if (!m) a.latencyPerSecondOp.set(s, (m = new Map()));
    for (const [op, counts, count] of ops) {
      let h = m.get(op);
      if (!h) m.set(op, (h = new LogHistogram()));
      h.addCounts(counts, count);
    }
  }
  a.journeys.append(d.journeys);
  a.k6.merge(d.k6);
}

function addCounts<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

function addNested<K>(into: Map<K, Map<string, number>>, from: Map<K, Map<string, number>>): void {
  for (const [k, m] of from) {
    let t = into.get(k);
    if (!t) into.set(k, (t = new Map()));
    addCounts(t, m);
  }
}
