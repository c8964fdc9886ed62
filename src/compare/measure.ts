import type { PlannedMetric } from './plan.js';
import type { LoadedRun } from './runs.js';
import { median } from './stats/median.js';
import { coarsen } from './windows/coarsen.js';
import { specKey } from './windows/series-spec.js';
import { windowedStat, type WindowedStat } from './windows/windowed-stat.js';

/** The metric's windowed statistic in one run, or undefined when it has no per-window form. */
export function windowStatOf(run: LoadedRun, m: PlannedMetric): WindowedStat | undefined {
  if (!m.window) return undefined;
  const windows = run.collected.series.get(specKey(m.window.spec)) ?? [];
  const coarse = coarsen(windows);
  return windowedStat(coarse, m.window.agg, (run.collected.widthMs * windows.length) / Math.max(1, coarse.length));
}

/**
 * The metric's value in one run: from summary.json for toolkit metrics (the numbers
 * `rehearse analyze` prints), from the samples' windows otherwise. NaN when absent.
 */
export function runValue(run: LoadedRun, m: PlannedMetric): number {
  if (m.summary && run.summary) return m.summary(run.summary) ?? Number.NaN;
  return windowStatOf(run, m)?.value ?? Number.NaN;
}

/** A side's value: the run's own, or for a set the median of its runs' values (benchstat's centre). */
export function sideValue(runs: readonly LoadedRun[], m: PlannedMetric): number | null {
  const values = runs.map((r) => runValue(r, m)).filter(Number.isFinite);
  return values.length ? median(values) : null;
}
