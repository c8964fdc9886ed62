import type { TopLevelSpec } from 'vega-lite';
import { type ChartBuilder, runsWith } from '../chart.js';
import { count, num, pct } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { CHART_HEIGHT } from '../vl-config.js';
import { awardsPlaces, NO_PLACES } from '../places.js';
import { colourByRun, specHead } from './common.js';

/**
 * Fairness: for each accepted candidate, their place in the arrival order against
 * their place in the acceptance order. Strict first come, first served puts every
 * point on the diagonal and left of the "first Q arrivals" rule; a lottery scatters
 * them. Ranks are 1-based here (the summary's are 0-based).
 */
export const fairnessChart: ChartBuilder = (input) => {
  const id = 'fairness';
  const title = 'Fairness: arrival rank against acceptance rank';
  const runs = runsWith(input, (s) =>
    s.fairness?.ranks.length ? { f: s.fairness, accepted: s.quota?.accepted ?? s.fairness.ranks.length } : null,
  );
  if (!runs.length || runs[0]!.label !== input.run.label) {
    return {
      id,
      title,
      missing:
        input.run.summary.journeys && !awardsPlaces(input.run.summary)
          ? NO_PLACES
          : 'nobody was accepted, or the recording has no arrival order',
    };
  }
  const labels = runs.map((r) => r.label);
  const several = runs.length > 1;
  const values = runs.flatMap(({ label, data }) =>
    data.f.ranks.map(([arrival, accepted]) => ({ run: label, arrival: arrival + 1, accepted: accepted + 1 })),
  );
  const own = runs[0]!.data;
  const maxAccepted = Math.max(...runs.map((r) => r.data.accepted));
  const q = own.f.firstQ ?? input.run.summary.quota?.size ?? own.accepted;
  const size = 360;
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      'Accepted candidates only; on the diagonal = first come, first served',
      'Scatter of arrival rank against acceptance rank for accepted candidates, with the diagonal of strict first come, first served.',
    ),
    width: 560,
    height: Math.max(CHART_HEIGHT, size),
    layer: [
      {
        data: {
          values: [
            { x: 1, y: 1 },
            { x: maxAccepted, y: maxAccepted },
          ],
        },
        mark: { type: 'line', color: '#777', strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: [{ q, label: `first ${count(q)} arrivals` }] },
        layer: [
          {
            mark: { type: 'rule', color: OKABE_ITO.vermillion, strokeDash: [5, 3] },
            encoding: { x: { field: 'q', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: 8, color: OKABE_ITO.vermillion, fontSize: 11 },
            encoding: { x: { field: 'q', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
          },
        ],
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: values.length > 1000 ? 8 : 18, opacity: 0.6 },
        encoding: {
          x: {
            field: 'arrival',
            type: 'quantitative',
            title: 'Arrival rank (1 = first to arrive, among all candidates)',
          },
          y: { field: 'accepted', type: 'quantitative', title: 'Acceptance rank (1 = first place taken)' },
          color: colourByRun(labels),
          ...(several
            ? {
                shape: {
                  field: 'run',
                  type: 'nominal' as const,
                  title: 'Run',
                  scale: { domain: labels, range: ['circle', 'triangle-up'] },
                },
              }
            : {}),
        },
      },
    ],
  };

  // Table: the places in ten groups by acceptance rank, and whom they went to.
  const ranks = own.f.ranks.map(([a, b]) => [a + 1, b + 1] as const).sort((x, y) => x[1] - y[1]);
  const rows: Array<Array<string | number>> = [];
  const groups = Math.min(10, ranks.length);
  for (let g = 0; g < groups; g++) {
    const part = ranks.slice(Math.floor((g * ranks.length) / groups), Math.floor(((g + 1) * ranks.length) / groups));
    if (!part.length) continue;
    const arr = part.map(([a]) => a).sort((x, y) => x - y);
    rows.push([
      `${count(part[0]![1])}–${count(part[part.length - 1]![1])}`,
      count(arr[0]!),
      count(arr[Math.floor((arr.length - 1) / 2)]!),
      count(arr[arr.length - 1]!),
      pct(arr.filter((a) => a <= q).length / arr.length),
    ]);
  }
  const tau = own.f.kendallTau;
  return {
    id,
    title,
    description:
      `Each point is one accepted candidate. ${tau !== null ? `Kendall's τ between the two orders is ${num(tau, 2)} (1: strict arrival order). ` : ''}` +
      (own.f.firstQAcceptedShare !== null
        ? `${pct(own.f.firstQAcceptedShare)} of the first ${count(q)} arrivals got a place.`
        : ''),
    spec,
    table: {
      caption: 'Who got the places, in order of acceptance',
      columns: [
        'Acceptance ranks',
        'Earliest arrival rank',
        'Median arrival rank',
        'Latest arrival rank',
        `Share among the first ${count(q)} arrivals`,
      ],
      rows,
      ...(own.f.ranks.length >= 2000
        ? { note: 'Ranks are downsampled by the analyzer past 2,000 accepted candidates.' }
        : {}),
    },
  };
};
