import type { AbsoluteObjective, Comparator, RelativeObjective } from './budget/types.js';
import { formatChange, formatDelta, formatInterval, formatValue, sig3 } from './format.js';
import type { PlannedMetric } from './plan.js';
import type { MetricComparison, ObjectiveResult } from './types.js';

const HOLDS: Record<Comparator, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** An absolute objective against the candidate's value (for sets: the median of its runs). */
export function evaluateAbsolute(
  o: AbsoluteObjective,
  metric: PlannedMetric,
  observed: number | null,
): ObjectiveResult {
  const common = { text: o.text, source: o.source, kind: 'absolute' as const, key: metric.key };
  const limit = `${o.op} ${formatValue(o.limit, metric.unit)}`;
  if (observed === null || !Number.isFinite(observed)) {
    return { ...common, observed: null, status: 'no data', message: `no samples for ${metric.key}; limit ${limit}` };
  }
  const pass = HOLDS[o.op](observed, o.limit);
  return {
    ...common,
    observed,
    status: pass ? 'pass' : 'fail',
    message: `${metric.key} = ${formatValue(observed, metric.unit)}; limit ${limit}`,
  };
}

/**
 * A relative objective fails only on a significant change: the comparison's verdict
 * must say the metric moved (test or interval excludes "no change") in the forbidden
 * direction AND the estimated change must exceed the limit. A change beyond the
 * limit that the noise could explain passes, with the numbers shown.
 */
export function evaluateRelative(
  o: RelativeObjective,
  metric: PlannedMetric,
  mc: MetricComparison | undefined,
): ObjectiveResult {
  const common = { text: o.text, source: o.source, kind: 'relative' as const, key: metric.key };
  if (!mc || mc.verdict === 'not enough data' || mc.delta === null) {
    return {
      ...common,
      observed: null,
      status: 'no data',
      message: `not enough data to compare ${metric.key}${mc?.note ? `: ${mc.note}` : ''}`,
    };
  }
  const relative = o.limitKind === 'relative';
  const observed = relative ? mc.change : mc.delta;
  if (observed === null) {
    return {
      ...common,
      observed: null,
      status: 'no data',
      message: `${metric.key} is 0 in the base: give the limit as an amount (pp, ms), not %`,
    };
  }
  const ci = relative ? mc.changeCi : mc.deltaCi;
  const fmt = (v: number) => (relative ? formatChange(v) : formatDelta(v, metric.unit));
  const limitText = relative
    ? `${sig3(o.limit * 100)} %`
    : metric.unit === 'share'
      ? `${sig3(o.limit * 100)} pp`
      : formatValue(o.limit, metric.unit);
  const moved = mc.verdict === 'regressed' || mc.verdict === 'improved';
  const up = (mc.delta ?? 0) > 0;
  const forbidden = o.direction === 'change' || (o.direction === 'grow') === up;
  const beyond =
    o.direction === 'grow'
      ? observed > o.limit
      : o.direction === 'drop'
        ? observed < -o.limit
        : Math.abs(observed) > o.limit;
  const fail = moved && forbidden && beyond;
  const conf = `CI ${formatInterval(ci, fmt)}`;
  const why = fail
    ? `significant, beyond the ${o.direction} limit of ${limitText}`
    : beyond
      ? moved
        ? `beyond ${limitText} but in the allowed direction`
        : `beyond ${limitText} but not significant (p = ${mc.pValue?.toPrecision(2) ?? '–'})`
      : `within ${limitText}`;
  return {
    ...common,
    observed,
    status: fail ? 'fail' : 'pass',
    message: `${metric.key} ${fmt(observed)} (${conf}): ${why}`,
  };
}
