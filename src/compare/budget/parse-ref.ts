import { findToolkitMetric, TOOLKIT_METRICS } from '../metrics/toolkit.js';
import { sampleMetric } from '../metrics/sample-metric.js';
import type { Aggregation, MetricRef } from './types.js';

/** A parse failure: what was expected, for one line `file: field: "text": expected …`. */
export class ParseProblem extends Error {}

const K6_REF = /^([A-Za-z_]\w*)\s*(?:\{([^{}]*)\})?\s*:\s*(.+)$/;
const TOOLKIT_REF = /^([a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*)+)(?:\s+(rate|count))?$/;

/** `p(95)`, `p95`, `p(99.9)`, `avg`, `med`, … → Aggregation. */
export function parseAggregation(text: string): Aggregation | undefined {
  const t = text.trim();
  const p = /^p\(?\s*(\d+(?:\.\d+)?)\s*\)?$/.exec(t);
  if (p) {
    const v = Number(p[1]);
    return v >= 0 && v <= 100 ? { name: 'p', p: v } : undefined;
  }
  if (['avg', 'min', 'max', 'med', 'count', 'rate', 'value'].includes(t)) return { name: t as 'avg' };
  return undefined;
}

/** Parses `metric{tag:value}` (k6) tags: `op:submitApplication, status:"200"`. */
function parseTags(text: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!text?.trim()) return tags;
  for (const pair of text.split(',')) {
    const i = pair.indexOf(':');
    const k = pair.slice(0, i).trim();
    const v = pair
      .slice(i + 1)
      .trim()
      .replace(/^["']|["']$/g, '');
    if (i <= 0 || !k || !v) throw new ParseProblem(`expected tags as {name:value,…}, got {${text}}`);
    tags[k] = v;
  }
  return tags;
}

/**
 * A metric reference with its aggregation:
 *   k6:      http_req_duration{op:submitApplication}: p(95)      http_req_failed: rate
 *   toolkit: quota.fillTime     fairness.kendallTau     journeys.gaveUp rate
 */
export function parseRef(text: string): MetricRef {
  const t = text.trim();
  const tk = TOOLKIT_REF.exec(t);
  if (tk) {
    const metric = findToolkitMetric(tk[1] as string);
    if (!metric) {
      const roots = [...new Set([...TOOLKIT_METRICS.keys()].map((k) => k.split('.')[0]))].join(', ');
      throw new ParseProblem(
        `unknown toolkit metric ${tk[1]}: expected one of ${roots} followed by a field, e.g. quota.fillTime, fairness.kendallTau, journeys.gaveUp rate (see docs/ci-gate.md, budget files)`,
      );
    }
    const agg = tk[2] as 'rate' | 'count' | undefined;
    if (agg && !metric.aggs)
      throw new ParseProblem(`${metric.path} is a plain number: expected no aggregation, got ${agg}`);
    return { kind: 'summary', path: metric.path, ...(metric.aggs ? { agg: agg ?? 'rate' } : {}) };
  }
  const k6 = K6_REF.exec(t);
  if (!k6) {
    throw new ParseProblem(
      'expected a k6 metric with its aggregation (http_req_duration{op:submitApplication}: p(95)) or a toolkit metric (quota.fillTime, journeys.gaveUp rate)',
    );
  }
  const agg = parseAggregation(k6[3] as string);
  if (!agg)
    throw new ParseProblem(
      `expected an aggregation avg, min, max, med, count, rate, value or p(N), got "${(k6[3] as string).trim()}"`,
    );
  const ref: MetricRef = { kind: 'sample', metric: k6[1] as string, tags: parseTags(k6[2]), agg };
  const m = sampleMetric(ref);
  if (typeof m === 'string') throw new ParseProblem(m);
  return ref;
}
