import { formatChange, formatDelta, formatInterval, formatValue } from '../format.js';
import type { Comparison, MetricComparison, ObjectiveResult } from '../types.js';

/** The cells every table shows for a metric, already formatted. */
export function metricCells(m: MetricComparison): {
  metric: string;
  base: string;
  candidate: string;
  change: string;
  ci: string;
  p: string;
  verdict: string;
} {
  const relative = m.change !== null && m.changeCi !== null;
  return {
    metric: m.key,
    base: formatValue(m.base, m.unit),
    candidate: formatValue(m.candidate, m.unit),
    change:
      m.change !== null ? `${formatChange(m.change)} (${formatDelta(m.delta, m.unit)})` : formatDelta(m.delta, m.unit),
    ci: relative ? formatInterval(m.changeCi, formatChange) : formatInterval(m.deltaCi, (v) => formatDelta(v, m.unit)),
    p: m.pValue === null ? '–' : m.pValue < 0.001 ? '<0.001' : m.pValue.toFixed(3),
    verdict: m.verdict,
  };
}

export const STATUS_WORD: Record<ObjectiveResult['status'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'no data': 'NO DATA',
  skipped: 'SKIPPED',
};

/** One line for the end of any output: the gate's decision and why. */
export function headline(c: Comparison): string {
  const failed = c.objectives.filter((o) => o.status === 'fail');
  const regressed = c.metrics.filter((m) => m.verdict === 'regressed').map((m) => m.key);
  if (failed.length > 0) {
    return `FAIL: ${failed.length} of ${c.objectives.length} objectives failed: ${failed.map((o) => o.text).join('; ')}`;
  }
  const extra = regressed.length ? ` (regressed without a gate: ${regressed.join(', ')})` : '';
  return `PASS: ${c.objectives.filter((o) => o.status === 'pass').length} of ${c.objectives.length} objectives met${extra}`;
}

/** How the numbers were obtained, one sentence. */
export function methodNote(c: Comparison): string {
  if (c.kind === 'check') return 'Absolute objectives on one run.';
  const conf = `${Math.round(c.confidence * 100)} %`;
  const single = c.base.length === 1 && c.candidate.length === 1;
  return single
    ? `One run a side: ${conf} intervals from a circular block bootstrap over time windows (seed ${c.seed}); a change is significant when its interval excludes 0.`
    : `${c.base.length} vs ${c.candidate.length} runs: medians of per-run values, Mann-Whitney U at α = ${c.alpha}, ${conf} bootstrap intervals of the change (seed ${c.seed}).`;
}
