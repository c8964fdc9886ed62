import type { Summary } from '../analyze/summary.js';
import { aggText, refKey } from './budget/ref-key.js';
import type { Aggregation, MetricRef } from './budget/types.js';
import { sampleMetric } from './metrics/sample-metric.js';
import { findToolkitMetric } from './metrics/toolkit.js';
import type { Better, Unit } from './types.js';
import type { SeriesSpec } from './windows/series-spec.js';

/**
 * A metric the comparison computes: from time windows of the samples (k6 references,
 * and toolkit metrics that have a per-window form) and/or from summary.json.
 */
export interface PlannedMetric {
  key: string;
  label: string;
  unit: Unit;
  better: Better;
  window?: { spec: SeriesSpec; agg: Aggregation };
  summary?: (s: Summary) => number | null;
  /** Fewest samples per side for a windowed test of this statistic. */
  minSamples: number;
}

/**
 * Samples a statistic needs before its run-to-run change means anything: 20, and for
 * a percentile p enough that ≥ 10 samples lie beyond it (p(95): 200, p(99): 1,000).
 */
export function minSamplesFor(agg: Aggregation): number {
  return agg.name === 'p' && agg.p < 100 ? Math.max(20, Math.ceil(10 / (1 - agg.p / 100))) : 20;
}

export function planMetric(ref: MetricRef): PlannedMetric {
  const key = refKey(ref);
  if (ref.kind === 'sample') {
    const m = sampleMetric(ref);
    if (typeof m === 'string') throw new Error(`planMetric: ${m}`); // parseRef has already refused it
    return {
      key,
      label: m.label,
      unit: m.unit,
      better: m.better,
      window: { spec: m.spec, agg: m.agg },
      minSamples: minSamplesFor(m.agg),
    };
  }
  const t = findToolkitMetric(ref.path);
  if (!t) throw new Error(`planMetric: unknown toolkit metric ${ref.path}`);
  const counting = ref.agg === 'count';
  const agg: Aggregation = t.window?.p !== undefined ? { name: 'p', p: t.window.p } : { name: 'rate' };
  return {
    key,
    label: counting ? `${t.label} (count)` : t.label,
    unit: counting ? 'number' : t.unit,
    better: t.better,
    ...(t.window && !counting ? { window: { spec: t.window.spec, agg } } : {}),
    summary: (s) => t.read(s, ref.agg),
    minSamples: t.window?.p !== undefined ? minSamplesFor(agg) : 20,
  };
}

/**
 * Latency of successful responses, k6's own convention (its end-of-test summary shows
 * `http_req_duration{expected_response:true}`): failures are counted by
 * http_req_failed, and a fast 503 must not make a slower release look quicker.
 */
const OK = { expected_response: 'true' } as const;

/** The latency spec split per operation: `http_req_duration{expected_response:true,op:X}: p(95)` for every op a run used. */
export const PER_OP_SPEC: SeriesSpec = { type: 'trend', metric: 'http_req_duration', tags: { ...OK }, splitTag: 'op' };
export const PER_OP_AGG: Aggregation = { name: 'p', p: 95 };

/**
 * What `compare` shows without being told: k6's latency percentiles of successful
 * responses and failure rate
 * (any k6 run has them), then, for the toolkit's runs, outcomes, quota and fairness.
 * Rows whose metric is absent on both sides are dropped.
 */
export function defaultRefs(): MetricRef[] {
  const d = (p: number): MetricRef => ({
    kind: 'sample',
    metric: 'http_req_duration',
    tags: { ...OK },
    agg: { name: 'p', p },
  });
  return [
    d(50),
    d(95),
    d(99),
    { kind: 'sample', metric: 'http_req_failed', tags: {}, agg: { name: 'rate' } },
    { kind: 'summary', path: 'journeys.accepted', agg: 'rate' },
    { kind: 'summary', path: 'journeys.gave_up', agg: 'rate' },
    { kind: 'summary', path: 'quota.fillTime' },
    { kind: 'summary', path: 'fairness.kendallTau' },
  ];
}

export function perOpRef(op: string): MetricRef {
  return { kind: 'sample', metric: 'http_req_duration', tags: { ...OK, op }, agg: PER_OP_AGG };
}

export { aggText };
