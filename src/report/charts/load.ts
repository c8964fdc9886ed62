import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analyze/summary.js';
import { type ChartBuilder, runsWith } from '../chart.js';
import { num } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_WIDTH, VL_CONFIG } from '../vl-config.js';
import { axisFor, buckets, dashByRun, drawStep, meanPerStep, specHead } from './common.js';

type PerSecond = Summary['timeline']['perSecond'];

const SERIES = { arrivals: 'Arrivals', requests: 'Requests sent', ok: 'Ok responses (admitted)' } as const;
const SERIES_COLOURS = [OKABE_ITO.orange, OKABE_ITO.blue, OKABE_ITO.bluishGreen];

/**
 * The portal's observed capacity: the highest mean of ok responses per second over
 * `window` consecutive whole seconds (so one lucky second does not set it). Every
 * second of the run counts, the lead-in before the opening too; a second without a
 * row had no ok responses. Null when the run spans fewer than `window` seconds: there
 * is no whole window to take a mean over, and a shorter one would not be a 10-second mean.
 * Rows of `step` seconds (a timeline longer than 100,000 seconds) hold means per
 * second: the window is then the fewest whole rows that cover `window` seconds.
 * Derived here because the summary has goodput overall, not its peak.
 */
export function observedCapacity(perSecond: PerSecond, window = 10, step = 1): number | null {
  if (perSecond.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const [s] of perSecond) {
    if (s < first) first = s;
    if (s > last) last = s;
  }
  const n = Math.floor((last - first) / step) + 1;
  const k = Math.ceil(window / step);
  if (n < k) return null;
  const ok = new Float64Array(n);
  for (const [s, , o] of perSecond) {
    const i = Math.floor((s - first) / step);
    ok[i] = (ok[i] as number) + o;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += ok[i] as number;
  let best = sum;
  for (let i = k; i < ok.length; i++) {
    sum += (ok[i] as number) - (ok[i - k] as number);
    if (sum > best) best = sum;
  }
  return best / k;
}

/**
 * Load against capacity over time: arrivals, requests and ok responses per second
 * against the capacity the portal showed; below, the journeys in flight.
 */
export const loadChart: ChartBuilder = (input) => {
  const id = 'load';
  const title = 'Load against capacity';
  // Each run's rows and the seconds a row covers (1 but for a run longer than 100,000 seconds).
  const runs = runsWith(input, (s) =>
    s.timeline.perSecond.length ? { data: s.timeline.perSecond, rowStep: s.timeline.step ?? 1 } : null,
  ).map((r) => ({ label: r.label, ...r.data }));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no requests' };
  const ax = axisFor(input);
  const labels = runs.map((r) => r.label);
  const rates: Array<{ run: string; t: number; series: string; value: number }> = [];
  const inFlight: Array<{ run: string; t: number; value: number }> = [];
  const step = drawStep(runs.flatMap((r) => r.data.map(([s]) => s)));
  for (const { label, data } of runs) {
    const series = (i: 1 | 2 | 3 | 4) =>
      meanPerStep(
        data.flatMap((r) => (r[i] === null ? [] : [[r[0], r[i]] as const])),
        step,
      );
    const at = (s: number) => s / (ax.div / 1000);
    for (const [s, v] of series(3)) rates.push({ run: label, t: at(s), series: SERIES.arrivals, value: v });
    for (const [s, v] of series(1)) rates.push({ run: label, t: at(s), series: SERIES.requests, value: v });
    for (const [s, v] of series(2)) rates.push({ run: label, t: at(s), series: SERIES.ok, value: v });
    for (const [s, v] of series(4)) inFlight.push({ run: label, t: at(s), value: v });
  }
  // One rule per run; labels stacked upwards so equal capacities do not overprint.
  const capacity = runs.flatMap((r, i) => {
    const value = observedCapacity(r.data, 10, r.rowStep);
    return value === null
      ? []
      : [
          {
            run: r.label,
            value,
            dy: -6 - 14 * i,
            label: `${runs.length > 1 ? `${r.label}: ` : ''}capacity ≈ ${num(value)} ok/s`,
          },
        ];
  });
  const own = runs[0]!.data;
  const ownStep = runs[0]!.rowStep;
  const ownCapacity = observedCapacity(own, 10, ownStep);
  const x = { field: 't', type: 'quantitative' as const, title: ax.title, axis: ax.axis };
  // The drawn step, or the rows' own when longer.
  const meanOver = Math.max(step, ...runs.map((r) => r.rowStep));
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      `Per second${meanOver > 1 ? ` (means over ${meanOver} s)` : ''}: what arrived, what was sent, what the portal admitted; the dashed rule is its observed capacity`,
      'Arrivals, requests and ok responses per second over time, with the observed capacity and, below, journeys in flight.',
    ),
    // Legends above their panel: below, the two panels' legends would sit side by side and widen the chart.
    config: { ...VL_CONFIG, legend: { ...VL_CONFIG.legend, orient: 'top' } },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: 200,
        layer: [
          {
            data: { values: rates },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
            encoding: {
              x,
              y: { field: 'value', type: 'quantitative', title: 'Per second' },
              color: {
                field: 'series',
                type: 'nominal',
                title: 'Series',
                scale: {
                  domain: Object.values(SERIES).filter((s) => rates.some((r) => r.series === s)),
                  range: SERIES_COLOURS.slice(rates.some((r) => r.series === SERIES.arrivals) ? 0 : 1),
                },
              },
              ...dashByRun(labels),
            },
          },
          {
            data: { values: capacity },
            layer: [
              {
                mark: { type: 'rule', strokeDash: [5, 4], color: OKABE_ITO.vermillion },
                encoding: { y: { field: 'value', type: 'quantitative' } },
              },
              ...capacity.map((c) => ({
                transform: [{ filter: { field: 'run', equal: c.run } }],
                mark: {
                  type: 'text' as const,
                  align: 'right' as const,
                  dy: c.dy,
                  color: OKABE_ITO.vermillion,
                  fontSize: 11,
                },
                encoding: {
                  y: { field: 'value', type: 'quantitative' as const },
                  x: { value: CHART_WIDTH },
                  text: { field: 'label' },
                },
              })),
            ],
          },
        ],
      },
      ...(inFlight.length
        ? [
            {
              width: CHART_WIDTH,
              height: 110,
              data: { values: inFlight },
              mark: {
                type: 'area' as const,
                interpolate: 'step-after' as const,
                opacity: runs.length > 1 ? 0.35 : 0.6,
                line: true,
              },
              encoding: {
                x,
                y: { field: 'value', type: 'quantitative' as const, title: 'Journeys in flight', stack: null },
                color: {
                  field: 'run',
                  type: 'nominal' as const,
                  title: 'Run',
                  scale: { domain: labels, range: [OKABE_ITO.skyBlue, OKABE_ITO.reddishPurple] },
                  legend: runs.length > 1 ? {} : null,
                },
              },
            },
          ]
        : []),
    ],
    // Series colours above, run colours below: two legends, two scales.
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
  };

  // Table: this run, grouped so it stays readable; rates are means over each interval.
  const bs = buckets(
    own.map(([s]) => s),
    30,
  );
  const rows = bs.map((b) => {
    const inB = own.filter(([s]) => s >= b.start && s <= b.end);
    const width = b.end - b.start + 1;
    const mean = (i: 1 | 2 | 3 | 4) =>
      inB.some((r) => r[i] !== null) ? num((inB.reduce((a, r) => a + (r[i] ?? 0), 0) * ownStep) / width) : '—';
    return [b.label, mean(3), mean(1), mean(2), mean(4)];
  });
  const k = bs.length ? bs[0]!.end - bs[0]!.start + 1 : 1;
  return {
    id,
    title,
    description:
      (ownCapacity !== null
        ? `Requests per second against an observed capacity of about ${num(ownCapacity)} ok responses per second (the best mean over ${Math.ceil(10 / ownStep) * ownStep} consecutive seconds); `
        : 'Requests per second; the run is shorter than 10 seconds, too short to take a 10-second mean as its observed capacity; ') +
      (inFlight.length
        ? 'the lower panel shows how many journeys were under way.'
        : 'plain k6 output has no journeys, so arrivals and journeys in flight are not drawn.'),
    spec,
    table: {
      caption: 'Load per second (mean over each interval)',
      columns: ['Interval since opening', 'Arrivals/s', 'Requests/s', 'Ok responses/s', 'Journeys in flight'],
      rows,
      ...(k > 1 ? { note: `Each row covers ${k} seconds.` } : {}),
    },
  };
};
