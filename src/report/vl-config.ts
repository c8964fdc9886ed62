import type { Config } from 'vega-lite';
import { CATEGORY_RANGE } from './palette.js';

/**
 * The look shared by every chart. The font list starts with DejaVu Sans because it is
 * what the PNG renderer finds on most Linux machines; browsers fall through to their
 * own sans-serif.
 */
export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 220;

export const VL_CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  range: { category: CATEGORY_RANGE },
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#444' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', titleColor: '#222', labelColor: '#333' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal', labelLimit: 280 },
  line: { strokeWidth: 2 },
};

export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Seconds or minutes on a time axis: minutes once a run is longer than ten minutes,
 * so the axis reads "12 min" rather than "720 s". For a time-compressed run
 * (`timeScale` > 1, src/report/real-day.ts) each label has a second line with the real
 * day's time (the rehearsal's × timeScale) in its own unit: "10 s" over "2 h".
 */
export function timeAxis(
  durationMs: number,
  timeScale = 1,
  what = 'Time since opening',
): { div: number; unit: string; title: string; axis: Record<string, unknown> } {
  const [div, unit] = durationMs > 600_000 ? [60_000, 'min'] : [1000, 's'];
  if (timeScale === 1) return { div, unit, title: `${what} (${unit})`, axis: {} };
  const realMs = durationMs * timeScale;
  const [realDiv, realUnit] = realMs > 7_200_000 ? [3_600_000, 'h'] : realMs > 600_000 ? [60_000, 'min'] : [1000, 's'];
  const k = (div * timeScale) / realDiv;
  return {
    div,
    unit,
    title: `${what}: rehearsal ${unit} (below: the real day's ${realUnit}, × ${timeScale})`,
    // An array is drawn as lines of one label (vega text marks).
    axis: {
      labelExpr: `[format(datum.value, '~g') + ' ${unit}', format(datum.value * ${k}, '.3~g') + ' ${realUnit}']`,
      labelLineHeight: 13,
    },
  };
}

/** Dash patterns telling this run (solid) from the baseline (dashed) in overlays. */
export function runDash(labels: string[]): { domain: string[]; range: number[][] } {
  return { domain: labels, range: labels.map((_, i) => (i === 0 ? [1, 0] : [6, 4])) };
}
