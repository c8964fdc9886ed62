import type { Comparison, MetricComparison, Unit } from '../compare/types.js';
import type { DataTable } from './chart.js';
import { duration, num, pct, plural } from './format.js';

/** What the report shows of a comparison: its tables and its one-line verdict. */
export interface ComparisonView {
  verdict: string;
  tables: DataTable[];
  warnings: string[];
}

/** A `Comparison` from src/compare (checked by shape, since it arrives as parsed JSON). */
export function isComparison(c: unknown): c is Comparison {
  const o = c as Partial<Comparison> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    Array.isArray(o.metrics) &&
    Array.isArray(o.objectives) &&
    typeof o.passed === 'boolean'
  );
}

function value(v: number | null, unit: Unit): string {
  if (v === null) return '—';
  switch (unit) {
    case 'ms':
      return duration(v);
    case 'share':
      return pct(v);
    case 'per-second':
      return `${num(v)}/s`;
    default:
      return num(v, 2);
  }
}

function signedPct(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${num(Math.abs(x) * 100, 1)} %`;
}

function change(m: MetricComparison): string {
  if (m.change === null)
    return m.delta === null ? '—' : `${m.delta >= 0 ? '+' : '−'}${value(Math.abs(m.delta), m.unit)}`;
  return m.changeCi
    ? `${signedPct(m.change)} (${signedPct(m.changeCi[0])} … ${signedPct(m.changeCi[1])})`
    : signedPct(m.change);
}

/**
 * The comparison's tables: metric by metric with the verdict, then the objectives.
 * Anything else (an older or foreign comparison) is shown as generic rows, so a
 * computed comparison is never silently dropped.
 */
export function comparisonView(c: unknown): ComparisonView {
  if (isComparison(c)) {
    const conf = `${num(c.confidence * 100)} % CI`;
    const tables: DataTable[] = [];
    if (c.metrics.length) {
      tables.push({
        caption: 'Comparison with the baseline',
        columns: ['Metric', 'Baseline', 'This run', `Change (${conf})`, 'p', 'Verdict'],
        rows: c.metrics.map((m) => [
          m.label,
          value(m.base, m.unit),
          value(m.candidate, m.unit),
          change(m),
          m.pValue === null ? '—' : num(m.pValue, 3),
          m.verdict + (m.note ? ` (${m.note})` : ''),
        ]),
        note: `Method per metric: ${[...new Set(c.metrics.map((m) => m.method))].join(', ')}; significance level ${c.alpha}; seed ${c.seed}.`,
      });
    }
    if (c.objectives.length) {
      tables.push({
        caption: 'Objectives',
        columns: ['Objective', 'Source', 'Status', 'Detail'],
        rows: c.objectives.map((o) => [o.text, o.source, o.status, o.message]),
      });
    }
    const failed = c.objectives.filter((o) => o.status === 'fail').length;
    const verdict = c.passed
      ? `Gate passed${c.objectives.length ? `: ${plural(c.objectives.length, 'objective')} met or without data` : ''}.`
      : `Gate failed: ${failed} of ${c.objectives.length} objectives not met.`;
    return { verdict, tables, warnings: c.warnings };
  }
  return genericView(c);
}

/** Rows of flat objects (or `{ rows: [...] }`), columns from their keys. */
function genericView(c: unknown): ComparisonView {
  const list = Array.isArray(c)
    ? c
    : Array.isArray((c as { rows?: unknown })?.rows)
      ? (c as { rows: unknown[] }).rows
      : null;
  if (!list)
    return {
      verdict: 'A comparison was given in a shape this report does not know; see the JSON it came from.',
      tables: [],
      warnings: [],
    };
  const objs = list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  const columns = [...new Set(objs.flatMap((o) => Object.keys(o)))];
  const cell = (v: unknown): string | number =>
    typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? '—' : JSON.stringify(v);
  return {
    verdict: 'Comparison rows as given (not a src/compare Comparison).',
    tables: [
      { caption: 'Comparison with the baseline', columns, rows: objs.map((o) => columns.map((k) => cell(o[k]))) },
    ],
    warnings: [],
  };
}
