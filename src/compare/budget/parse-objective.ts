import { findToolkitMetric } from '../metrics/toolkit.js';
import { sampleMetric } from '../metrics/sample-metric.js';
import type { Unit } from '../types.js';
import { parseDuration } from '../../util/duration.js';
import { ParseProblem, parseRef } from './parse-ref.js';
import type { Comparator, MetricRef, Objective } from './types.js';

const OP = '(<=|>=|===|==|!=|<|>)';
const NUM = '(-?\\d+(?:\\.\\d+)?)';
/** A unit, or the rest of a compound duration after its first number: `m30s` of `1m30s`. */
const UNIT = '(%|pp|(?:ms|s|m|h)(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))*)';
/** `REF may not grow|drop|change [by] more than N[%|pp|ms|s|m|h]` */
const RELATIVE = new RegExp(
  `^(.+?)\\s+may\\s+not\\s+(grow|drop|change)\\s+(?:by\\s+)?more\\s+than\\s+${NUM}\\s*${UNIT}?$`,
  'i',
);
/** `path [rate|count] OP N[unit]` */
const TOOLKIT_ABS = new RegExp(
  `^([a-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9_]*)+(?:\\s+(?:rate|count))?)\\s*${OP}\\s*${NUM}\\s*${UNIT}?$`,
);
/** one k6 expression: `AGG OP N` */
const K6_EXPR = new RegExp(`^(avg|min|max|med|count|rate|value|p\\(\\d+(?:\\.\\d+)?\\))\\s*${OP}\\s*${NUM}$`);

export function unitOf(ref: MetricRef): Unit {
  if (ref.kind === 'summary') {
    const m = findToolkitMetric(ref.path);
    return ref.agg === 'count' ? 'number' : (m?.unit ?? 'number');
  }
  const m = sampleMetric(ref);
  return typeof m === 'string' ? 'number' : m.unit;
}

/** 400 digits parse as Infinity: a limit no measurement can meet or miss is not meant. */
function finite(value: number): number {
  if (!Number.isFinite(value)) throw new ParseProblem(`expected a limit below 1e308, got ${value}`);
  return value;
}

/** A value with an optional unit, in the metric's unit: `15m` → 900000 (ms), `1m30s` → 90000, `5%` → 0.05 (share). */
function scaled(value: number, suffix: string | undefined, unit: Unit): number {
  finite(value);
  if (!suffix) return value;
  const ms = suffix === '%' || suffix === 'pp' ? undefined : parseDuration(`${Math.abs(value)}${suffix}`);
  if (ms !== undefined) {
    if (unit !== 'ms')
      throw new ParseProblem(
        `a duration (${value}${suffix}) fits only a time metric; this one is a ${unit}: expected a plain number`,
      );
    return finite(Math.sign(value) * ms);
  }
  if (suffix === '%' || suffix === 'pp') {
    if (unit !== 'share')
      throw new ParseProblem(`${suffix} fits only a share (rate); this metric is a ${unit}: expected a plain number`);
    return value / 100;
  }
  throw new ParseProblem(`unknown unit ${suffix}`);
}

/**
 * One budget line → its objectives (a k6 line may hold several expressions:
 * `http_req_duration: p(95)<800, p(99)<1500`). Throws ParseProblem naming what was expected.
 *
 *   http_req_duration{op:submitApplication}: p(95)<800      absolute, k6 syntax (ms, no unit)
 *   http_req_failed: rate<0.01                              absolute, k6 syntax
 *   quota.fillTime < 15m                                    absolute, toolkit metric with unit
 *   journeys.gaveUp rate < 5%                               absolute, share as % or 0.05
 *   http_req_duration: p(95) may not grow more than 10%     relative to the base run(s)
 *   fairness.kendallTau may not drop more than 0.05         relative, absolute amount
 *   http_req_failed: rate may not grow more than 1pp        relative, percentage points
 */
export function parseObjective(text: string, source: string): Objective[] {
  const t = text.trim().replace(/\s+/g, ' ');
  const rel = RELATIVE.exec(t);
  if (rel) {
    const ref = parseRef(rel[1] as string);
    const unit = unitOf(ref);
    const suffix = rel[4]?.toLowerCase();
    const n = Number(rel[3]);
    if (n < 0)
      throw new ParseProblem('expected a non-negative limit: the direction is in the verb (grow, drop, change)');
    const limitKind = suffix === '%' ? 'relative' : 'absolute';
    const limit = suffix === '%' ? finite(n) / 100 : scaled(n, suffix, unit);
    return [
      { kind: 'relative', text, source, ref, direction: (rel[2] as string).toLowerCase() as 'grow', limitKind, limit },
    ];
  }
  const tk = TOOLKIT_ABS.exec(t);
  if (tk) {
    const ref = parseRef(tk[1] as string);
    return [
      {
        kind: 'absolute',
        text,
        source,
        ref,
        op: comparator(tk[2] as string),
        limit: scaled(Number(tk[3]), tk[4], unitOf(ref)),
      },
    ];
  }
  // k6: the metric part may hold a colon inside braces, so split at the first colon after them.
  const brace = t.indexOf('}');
  const colon = t.indexOf(':', brace >= 0 ? brace : 0);
  if (colon <= 0) {
    throw new ParseProblem(
      'expected metric{tag:value}: p(95)<800, a toolkit metric like quota.fillTime < 15m, or a relative budget like http_req_duration: p(95) may not grow more than 10%',
    );
  }
  const metricPart = t.slice(0, colon);
  return t
    .slice(colon + 1)
    .split(',')
    .map((e) => e.trim())
    .map((expr) => {
      const m = K6_EXPR.exec(expr.replace(/\s+/g, ''));
      if (!m)
        throw new ParseProblem(
          `expected k6 expressions like p(95)<800 or rate<0.01 (numbers in the metric's unit, ms for times; no unit suffix), got "${expr}"`,
        );
      const ref = parseRef(`${metricPart}: ${m[1]}`);
      return {
        kind: 'absolute',
        text,
        source,
        ref,
        op: comparator(m[2] as string),
        limit: finite(Number(m[3])),
      } satisfies Objective;
    });
}

function comparator(op: string): Comparator {
  return (op === '===' ? '==' : op) as Comparator;
}
