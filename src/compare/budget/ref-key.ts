import type { Aggregation, MetricRef } from './types.js';

/** `p(95)`, `avg`, … as k6 writes them. */
export function aggText(a: Aggregation): string {
  return a.name === 'p' ? `p(${a.p})` : a.name;
}

/**
 * The canonical text of a metric reference, used as its key everywhere (tables,
 * JSON, JUnit names): tags sorted, aggregation in k6's spelling.
 *   http_req_duration{op:submitApplication}: p(95)   quota.fillTime   journeys.gave_up rate
 */
export function refKey(ref: MetricRef): string {
  if (ref.kind === 'summary') return ref.agg ? `${ref.path} ${ref.agg}` : ref.path;
  const tags = Object.keys(ref.tags)
    .sort()
    .map((k) => `${k}:${ref.tags[k]}`)
    .join(',');
  return `${ref.metric}${tags ? `{${tags}}` : ''}: ${aggText(ref.agg)}`;
}
