import type { ChartInput } from '../chart.js';
import { runDash, timeAxis, VL_CONFIG, VL_SCHEMA } from '../vl-config.js';

/** The top of every spec: schema, shared look, title with subtitle, description (the SVG's aria label). */
export function specHead(title: string, subtitle: string, description: string) {
  return { $schema: VL_SCHEMA, config: VL_CONFIG, title: { text: title, subtitle }, description };
}

/** The time axis for the longest of the runs drawn. */
export function axisFor(input: ChartInput) {
  return timeAxis(Math.max(input.run.summary.durationMs, input.baseline?.summary.durationMs ?? 0));
}

/** strokeDash by run (solid: this run, dashed: baseline), only when there is a baseline. */
export function dashByRun(labels: string[]) {
  return labels.length > 1 ? { strokeDash: { field: 'run', type: 'nominal' as const, title: 'Run', scale: runDash(labels) } } : {};
}

/**
 * How many seconds one row (or one chart point) stands for, so a series of `seconds`
 * fits in `max` rows: 1 for short runs, coarser for long ones.
 */
export function bucketSize(seconds: number, max: number): number {
  return Math.max(1, Math.ceil(seconds / max));
}

/** "0–9 s" for the bucket starting at `start` seconds, `k` seconds wide. */
export function bucketLabel(start: number, k: number): string {
  return k === 1 ? `${start} s` : `${start}–${start + k - 1} s`;
}

/** The run's label for a chart's legends, and whether the chart shows several runs. */
export function labelsOf(input: ChartInput): string[] {
  return [input.run.label, ...(input.baseline ? [input.baseline.label] : [])];
}
