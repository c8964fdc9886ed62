/**
 * The budget language, parsed. Two ways to name a metric:
 *
 * - k6's, over the run's samples: `http_req_duration{op:submitApplication}: p(95)`,
 *   `http_req_failed: rate` — metric name, optional tag filter, aggregation
 *   (https://grafana.com/docs/k6/latest/using-k6/thresholds/);
 * - the toolkit's, over summary.json: `quota.fillTime`, `fairness.kendallTau`,
 *   `journeys.gaveUp rate` — a dotted path, optional aggregation word.
 *
 * An objective is either absolute (`… < 800`, checked on one run) or relative
 * (`… may not grow more than 10%`, checked between a base and a candidate).
 */
export type Aggregation =
  | { name: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { name: 'p'; p: number };

export interface SampleRef {
  kind: 'sample';
  metric: string;
  /** Tag filter: a sample matches when it carries every pair. */
  tags: Record<string, string>;
  agg: Aggregation;
}

export interface SummaryRef {
  kind: 'summary';
  /** Canonical toolkit path, e.g. `quota.fillTime`, `journeys.gave_up`. */
  path: string;
  /** `rate` (share) or `count` for paths that have both, e.g. journey outcomes. */
  agg?: 'rate' | 'count';
}

export type MetricRef = SampleRef | SummaryRef;

export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface AbsoluteObjective {
  kind: 'absolute';
  text: string;
  source: string;
  ref: MetricRef;
  op: Comparator;
  /** In the metric's own unit: ms for durations, 0..1 for shares. */
  limit: number;
}

export interface RelativeObjective {
  kind: 'relative';
  text: string;
  source: string;
  ref: MetricRef;
  /** Which move is forbidden: up, down, or either. */
  direction: 'grow' | 'drop' | 'change';
  /** `relative`: limit is a fraction of the base (10% → 0.1); `absolute`: in the metric's unit (5pp → 0.05, 50ms → 50). */
  limitKind: 'relative' | 'absolute';
  limit: number;
}

export type Objective = AbsoluteObjective | RelativeObjective;
