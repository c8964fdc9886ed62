import type { ChartInput } from '../chart.js';
import { wrapWords } from '../../util/wrap-words.js';
import { OKABE_ITO } from '../palette.js';
import { runDash, timeAxis, VL_CONFIG, VL_SCHEMA } from '../vl-config.js';

// Without a canvas, vega estimates text width from the character count (about 0.8 ×
// font size per character), so a long one-line subtitle would widen the whole chart;
// at 12 px, the 60 characters of wrapWords' default stay inside a 640 px chart.
/** The top of every spec: schema, shared look, title with subtitle, description (the SVG's aria label). */
export function specHead(title: string, subtitle: string, description: string) {
  const sub = wrapWords(subtitle);
  return {
    $schema: VL_SCHEMA,
    config: VL_CONFIG,
    title: { text: title, subtitle: sub.length === 1 ? sub[0]! : sub },
    description,
  };
}

/** The time axis for the longest of the runs drawn, with real-day labels when they share a time scale. */
export function axisFor(input: ChartInput) {
  return timeAxis(
    Math.max(input.run.summary.durationMs, input.baseline?.summary.durationMs ?? 0),
    sharedTimeScale(input),
  );
}

/** The runs' common time scale; 1 (no real-day labels) when a baseline replayed its day at another. */
export function sharedTimeScale(input: ChartInput): number {
  const ts = input.run.summary.source.timeScale ?? 1;
  return input.baseline && (input.baseline.summary.source.timeScale ?? 1) !== ts ? 1 : ts;
}

/** Colour by run (blue: this run, orange: baseline) when there is a baseline; else blue. */
export function colourByRun(labels: string[]) {
  return labels.length > 1
    ? {
        field: 'run',
        type: 'nominal' as const,
        title: 'Run',
        scale: { domain: labels, range: [OKABE_ITO.blue, OKABE_ITO.orange] },
      }
    : { value: OKABE_ITO.blue };
}

/** strokeDash by run (solid: this run, dashed: baseline), only when there is a baseline. */
export function dashByRun(labels: string[]) {
  return labels.length > 1
    ? { strokeDash: { field: 'run', type: 'nominal' as const, title: 'Run', scale: runDash(labels) } }
    : {};
}

/**
 * How many seconds one row (or one chart point) stands for, so a series of `seconds`
 * fits in `max` rows: 1 for short runs, coarser for long ones.
 */
export function bucketSize(seconds: number, max: number): number {
  return Math.max(1, Math.ceil(seconds / max));
}

function sec(s: number): string {
  return s < 0 ? `−${-s}` : String(s);
}

/**
 * Table rows over a per-second series: at most `max` intervals of equal width from
 * its first to its last second. Seconds may be negative (traffic before the opening).
 */
export function buckets(seconds: Iterable<number>, max: number): Array<{ start: number; end: number; label: string }> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of seconds) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  if (lo > hi) return [];
  const k = bucketSize(hi - lo + 1, max);
  const out: Array<{ start: number; end: number; label: string }> = [];
  for (let start = lo; start <= hi; start += k) {
    const end = start + k - 1;
    out.push({ start, end, label: k === 1 ? `${sec(start)} s` : `${sec(start)} s to ${sec(end)} s` });
  }
  return out;
}

/** The run's label for a chart's legends, and whether the chart shows several runs. */
export function labelsOf(input: ChartInput): string[] {
  return [input.run.label, ...(input.baseline ? [input.baseline.label] : [])];
}

/** Most points a per-second series is drawn with; longer runs are drawn as means over wider steps. */
export const MAX_POINTS = 600;

/**
 * Means over steps of `step` seconds, keyed by each step's first second (floor, so
 * negative seconds fall in the right step). With step 1 the series is unchanged.
 * Keeps long runs' pages light: an hour at one point per second would be 3,600
 * points per series inlined in the page.
 */
export function meanPerStep(points: Iterable<readonly [number, number]>, step: number): Array<[number, number]> {
  const acc = new Map<number, { sum: number; n: number }>();
  for (const [s, v] of points) {
    const k = Math.floor(s / step) * step;
    const a = acc.get(k) ?? { sum: 0, n: 0 };
    a.sum += v;
    a.n++;
    acc.set(k, a);
  }
  return [...acc].sort((a, b) => a[0] - b[0]).map(([k, a]) => [k, a.sum / a.n]);
}

/**
 * The step (in seconds) that keeps a series spanning `seconds` under `max` points. A loop,
 * not `Math.max(...seconds)`: a day's rows as arguments overflow the call stack.
 */
export function drawStep(seconds: Iterable<number>, max = MAX_POINTS): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of seconds) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  return lo > hi ? 1 : bucketSize(hi - lo + 1, max);
}
