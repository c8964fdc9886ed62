import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../analyze/summary.js';

/** A table of what a chart shows, for readers who cannot see the chart (and for summary.md). */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Said under the table, e.g. how rows were grouped. */
  note?: string;
}

/**
 * Whether a column holds figures (right-aligned, tabular digits) rather than words:
 * every cell is a number, or a string that starts like one ("1,234", "−20 %", "4.8 s", "—").
 */
export function isFigureColumn(t: DataTable, col: number): boolean {
  return t.rows.every((r) => {
    const c = r[col];
    return typeof c === 'number' || (typeof c === 'string' && /^([−+-]?\d|—$|< )/.test(c));
  });
}

/** One chart of the report: its vega-lite spec, its words and its table. */
export interface Chart {
  /** File stem: `<id>.vl.json`, `<id>.svg`, `<id>.png`. */
  id: string;
  title: string;
  /** One or two sentences: what the chart shows and how to read it (also the SVG's label). */
  description: string;
  spec: TopLevelSpec;
  table: DataTable;
}

/** A run as the charts see it: its summary and the name it goes by in legends. */
export interface RunInput {
  summary: Summary;
  label: string;
}

/** What every chart builder receives: this run, and the baseline when `--vs` was given. */
export interface ChartInput {
  run: RunInput;
  baseline?: RunInput;
}

/** A chart that could not be drawn, and why (e.g. "plain k6 output has no journeys"). */
export interface MissingChart {
  id: string;
  title: string;
  missing: string;
}

export type ChartBuilder = (input: ChartInput) => Chart | MissingChart;

export function isMissing(c: Chart | MissingChart): c is MissingChart {
  return 'missing' in c;
}

/** The runs a chart draws, this run first; the baseline only when it has the data. */
export function runsWith<T>(
  input: ChartInput,
  pick: (s: Summary) => T | null | undefined,
): Array<{ label: string; data: T }> {
  const out: Array<{ label: string; data: T }> = [];
  for (const r of [input.run, input.baseline]) {
    if (!r) continue;
    const d = pick(r.summary);
    if (d !== null && d !== undefined) out.push({ label: r.label, data: d });
  }
  return out;
}
