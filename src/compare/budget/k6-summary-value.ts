import type { MetricSummary, Summary } from '../../analyze/summary.js';
import type { Unit } from '../types.js';
import type { SampleRef } from './types.js';

/**
 * A k6 threshold's value as k6 itself would judge it: from the run's summary of every
 * metric (src/analyze/k6-metrics.ts: exact trends, k6's percentile interpolation, the
 * declared type), for a metric without a tag filter or a submetric the script declared
 * (`http_req_duration{expected_response:true}`). Null when the summary cannot say (a
 * tag filter nobody declared, a percentile k6 does not export); the caller then
 * computes the value from the samples.
 */
export function k6SummaryValue(s: Summary | undefined, ref: SampleRef): { value: number; unit: Unit } | null {
  const m = s?.metrics ? findMetric(s.metrics, ref) : undefined;
  if (!m) return null;
  const a = ref.agg;
  switch (m.type) {
    case 'counter':
      return a.name === 'count'
        ? { value: m.count, unit: 'number' }
        : a.name === 'rate'
          ? { value: m.rate, unit: 'per-second' }
          : null;
    case 'rate':
      return a.name === 'rate' ? { value: m.rate, unit: 'share' } : null;
    case 'gauge':
      return a.name === 'value' || a.name === 'min' || a.name === 'max' ? { value: m[a.name], unit: 'number' } : null;
    case 'trend': {
      const unit: Unit = m.time ? 'ms' : 'number';
      if (a.name === 'p')
        return a.p === 50
          ? { value: m.med, unit }
          : a.p === 90
            ? { value: m.p90, unit }
            : a.p === 95
              ? { value: m.p95, unit }
              : null;
      if (a.name === 'count') return { value: m.count, unit: 'number' };
      return a.name === 'avg' || a.name === 'min' || a.name === 'max' || a.name === 'med'
        ? { value: m[a.name], unit }
        : null;
    }
  }
}

/** The summary's entry for the reference: by name, or a submetric `name{k:v,…}` with the same tags. */
function findMetric(metrics: Record<string, MetricSummary>, ref: SampleRef): MetricSummary | undefined {
  const want = Object.entries(ref.tags);
  if (want.length === 0) return metrics[ref.metric];
  for (const [name, m] of Object.entries(metrics)) {
    const sub = /^([^{]+)\{(.*)\}$/.exec(name);
    if (!sub || sub[1] !== ref.metric) continue;
    const tags = new Map(
      (sub[2] as string).split(',').map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] as const),
    );
    if (tags.size === want.length && want.every(([k, v]) => tags.get(k) === v)) return m;
  }
  return undefined;
}
