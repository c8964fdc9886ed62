import { ALL_METRICS, type MetricType } from '../../results/k6-format.js';
import { aggText } from '../budget/ref-key.js';
import type { Aggregation, SampleRef } from '../budget/types.js';
import type { Better, Unit } from '../types.js';
import type { SeriesSpec } from '../windows/series-spec.js';

export interface SampleMetric {
  spec: SeriesSpec;
  agg: Aggregation;
  unit: Unit;
  better: Better;
  label: string;
}

/** Aggregations k6 allows per metric type (https://grafana.com/docs/k6/latest/using-k6/thresholds/). */
const ALLOWED: Record<MetricType, string[]> = {
  trend: ['avg', 'min', 'max', 'med', 'p', 'count'],
  counter: ['count', 'rate'],
  rate: ['rate'],
  gauge: ['value', 'min', 'max'],
};

/** Counters where more is better; everything else measured here (latency, failures, drops) is better lower. */
const MORE_IS_BETTER = new Set(['http_reqs', 'iterations']);

/** The metric's k6 type: declared for k6's and the toolkit's metrics, inferred from the aggregation otherwise. */
export function metricType(metric: string, agg: Aggregation): MetricType {
  const known = (ALL_METRICS as Record<string, { type: MetricType }>)[metric];
  if (known) return known.type;
  if (agg.name === 'rate') return 'rate';
  if (agg.name === 'count') return 'counter';
  if (agg.name === 'value') return 'gauge';
  return 'trend';
}

/**
 * How a k6-style reference is computed from samples, or a message saying why it
 * cannot be (an aggregation k6 does not allow for that metric type).
 */
export function sampleMetric(ref: SampleRef): SampleMetric | string {
  const type = metricType(ref.metric, ref.agg);
  if (!ALLOWED[type].includes(ref.agg.name)) {
    return `${ref.metric} is a k6 ${type} metric: expected ${ALLOWED[type].map((a) => (a === 'p' ? 'p(N)' : a)).join(', ')}, got ${aggText(ref.agg)}`;
  }
  if (ref.metric === 'rehearsal_req_agg')
    return 'rehearsal_req_agg holds encoded histograms: use rehearsal_req or http_req_duration';
  const tags = ref.tags;
  const label = `${ref.metric}${
    Object.keys(tags).length
      ? `{${Object.entries(tags)
          .map(([k, v]) => `${k}:${v}`)
          .join(',')}}`
      : ''
  } ${aggText(ref.agg)}`;
  const better: Better = MORE_IS_BETTER.has(ref.metric) ? 'higher' : 'lower';
  switch (type) {
    case 'trend':
    case 'gauge': {
      const time =
        (ALL_METRICS as Record<string, { contains: string }>)[ref.metric]?.contains === 'time' || type === 'trend';
      return {
        spec: { type: 'trend', metric: ref.metric, tags },
        agg: ref.agg,
        unit: ref.agg.name === 'count' || !time ? 'number' : 'ms',
        better,
        label,
      };
    }
    case 'rate':
      return {
        spec: { type: 'share', metric: ref.metric, tags, hit: 'nonzero' },
        agg: ref.agg,
        unit: 'share',
        better,
        label,
      };
    case 'counter':
      return {
        spec: { type: 'counter', metric: ref.metric, tags },
        agg: ref.agg,
        unit: ref.agg.name === 'rate' ? 'per-second' : 'number',
        better,
        label,
      };
  }
}
