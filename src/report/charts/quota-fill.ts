import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analyze/summary.js';
import { type ChartBuilder, runsWith } from '../chart.js';
import { count, duration, pct } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_HEIGHT, CHART_WIDTH, timeAxis } from '../vl-config.js';
import { awardsPlaces, fillFrom, NO_PLACES } from '../places.js';
import { withRealDay } from '../real-day.js';
import { colourByRun, dashByRun, sharedTimeScale, specHead } from './common.js';

type Quota = NonNullable<Summary['quota']>;

/** First time (ms since opening) the cumulative count reached `target`, or null. */
export function timeToReach(curve: Quota['curve'], target: number): number | null {
  for (const [ms, n] of curve) if (n >= target) return ms;
  return null;
}

/**
 * The quota fill curve: accepted applications over time as a step line, the quota as
 * a horizontal rule and the fill time as a vertical rule. A baseline run is overlaid
 * dashed in its own colour.
 */
export const quotaFillChart: ChartBuilder = (input) => {
  const id = 'quota-fill';
  const title = 'Quota fill curve';
  // The curve runs to the run's last second after the opening (as the other charts do),
  // not to its duration, which also counts the lead-in before the opening.
  const runs = runsWith(input, (s) => (s.quota ? { quota: s.quota, durationMs: endSinceOpeningMs(s) } : null));
  const first = runs[0];
  if (!first || first.label !== input.run.label)
    return { id, title, missing: 'this run has no acceptance data (no journeys or no quota in the recording)' };
  if (!awardsPlaces(input.run.summary)) return { id, title, missing: NO_PLACES };

  const ts = sharedTimeScale(input);
  const ax = timeAxis(Math.max(...runs.map((r) => r.data.durationMs)), ts);
  const labels = runs.map((r) => r.label);
  const values = runs.flatMap(({ label, data: { quota, durationMs } }) => {
    // From the opening (0 accepted), or from the first acceptance when places went before
    // it, to the end of the run, so the step line spans the chart.
    const pts: Array<[number, number]> = [[Math.min(0, quota.curve[0]?.[0] ?? 0), 0], ...quota.curve];
    const last = pts[pts.length - 1]!;
    if (durationMs > last[0]) pts.push([durationMs, last[1]]);
    return pts.map(([ms, n]) => ({ run: label, t: ms / ax.div, accepted: n }));
  });
  const quotaRules = runs
    .filter((r) => r.data.quota.size !== null)
    .map((r) => ({
      run: r.label,
      size: r.data.quota.size as number,
      label: `quota ${count(r.data.quota.size as number)}`,
    }))
    .filter((q, i, all) => all.findIndex((o) => o.size === q.size) === i);
  const fillRules = runs
    .filter((r) => r.data.quota.filled && r.data.quota.fillTimeMs !== null)
    .map((r) => ({
      run: r.label,
      // The last acceptance, in time since opening (the fill time may count from an earlier first acceptance).
      t: ((r.data.quota.fillStartMs ?? 0) + (r.data.quota.fillTimeMs as number)) / ax.div,
      label: `${runs.length > 1 ? `${r.label}: ` : ''}filled ${duration(r.data.quota.fillTimeMs as number)}${ts === 1 ? '' : ` (≈ ${duration((r.data.quota.fillTimeMs as number) * ts)} real)`} after ${fillFrom(r.data.quota)}`,
    }));

  const colour = colourByRun(labels);
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      'Accepted applications since the opening; the dashed rule marks the quota',
      'Cumulative accepted applications against time since opening, with the quota and the fill time marked.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 't', type: 'quantitative', title: ax.title, axis: ax.axis },
          y: { field: 'accepted', type: 'quantitative', title: 'Accepted applications' },
          color: colour,
          ...dashByRun(labels),
        },
      },
      ...(quotaRules.length
        ? [
            {
              data: { values: quotaRules },
              layer: [
                {
                  mark: { type: 'rule' as const, color: OKABE_ITO.vermillion, strokeDash: [4, 3], strokeWidth: 1.5 },
                  encoding: { y: { field: 'size', type: 'quantitative' as const } },
                },
                {
                  mark: {
                    type: 'text' as const,
                    align: 'left' as const,
                    dx: 4,
                    dy: -7,
                    color: OKABE_ITO.vermillion,
                    fontSize: 11,
                  },
                  encoding: {
                    y: { field: 'size', type: 'quantitative' as const },
                    x: { datum: 0 },
                    text: { field: 'label' },
                  },
                },
              ],
            },
          ]
        : []),
      ...(fillRules.length
        ? [
            {
              data: { values: fillRules },
              layer: [
                {
                  mark: { type: 'rule' as const, color: OKABE_ITO.black, strokeDash: [2, 2] },
                  encoding: { x: { field: 't', type: 'quantitative' as const } },
                },
                {
                  mark: {
                    type: 'text' as const,
                    align: 'left' as const,
                    baseline: 'bottom' as const,
                    dx: 4,
                    color: OKABE_ITO.black,
                    fontSize: 11,
                  },
                  encoding: {
                    x: { field: 't', type: 'quantitative' as const },
                    y: { value: CHART_HEIGHT - 4 },
                    text: { field: 'label' },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };

  // Table: when each tenth of the places was taken (of the quota, else of the accepted count).
  const target = first.data.quota.size ?? first.data.quota.accepted;
  const rows: Array<Array<string | number>> = [];
  if (target > 0) {
    for (let k = 1; k <= 10; k++) {
      const need = Math.ceil((target * k) / 10);
      const row: Array<string | number> = [pct(k / 10), count(need)];
      for (const r of runs) {
        const t = timeToReach(r.data.quota.curve, need);
        row.push(t === null ? 'not reached' : duration(t));
        if (ts !== 1) row.push(t === null ? 'not reached' : duration(t * ts));
      }
      rows.push(row);
    }
  }
  return {
    id,
    title,
    description: describeFill(input.run.summary, first.data.quota, first.data.durationMs),
    spec,
    table: {
      caption: 'When each tenth of the places was taken',
      columns: [
        first.data.quota.size !== null ? 'Share of quota' : 'Share of accepted',
        'Accepted',
        ...runs.flatMap((r) => {
          const t = runs.length > 1 ? `Time (${r.label})` : 'Time since opening';
          return ts === 1 ? [t] : [t, `${t}, real day`];
        }),
      ],
      rows,
      ...(first.data.quota.curve.length >= 2000
        ? {
            note: 'The curve is downsampled by the analyzer past 2,000 acceptances; times are exact to that resolution.',
          }
        : {}),
    },
  };
};

function describeFill(s: Summary, q: Quota, durationMs: number): string {
  if (q.size === null)
    return `${count(q.accepted)} applications were accepted over the ${duration(durationMs)} of the run; the recording does not say how many places there were.`;
  if (q.filled && q.fillTimeMs !== null)
    return `All ${count(q.size)} places were taken ${withRealDay(q.fillTimeMs, s)} after ${fillFrom(q) === 'opening' ? 'the opening' : 'the first acceptance, which came before the opening'}; the step line climbs to the dashed quota line and stays there.`;
  return `${count(q.accepted)} of ${count(q.size)} places were taken; the line never reaches the dashed quota line in the ${duration(durationMs)} of the run.`;
}

/** ms from the opening to the end of the run's last recorded second. */
function endSinceOpeningMs(s: Summary): number {
  const last = s.timeline.perSecond.at(-1);
  return last ? (last[0] + (s.timeline.step ?? 1)) * 1000 : s.durationMs;
}
