import type { TopLevelSpec } from 'vega-lite';
import { type ChartBuilder, runsWith } from '../chart.js';
import { count, num, pct } from '../format.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../vl-config.js';
import { colourByRun, specHead } from './common.js';

/** Histogram bars: one per attempt count, or ranges when there are more than `maxBars` counts. */
export function attemptBins(
  hist: Array<[number, number]>,
  maxBars = 30,
): Array<{ label: string; from: number; candidates: number }> {
  if (!hist.length) return [];
  const max = Math.max(...hist.map(([a]) => a));
  const min = Math.min(...hist.map(([a]) => a));
  const width = Math.max(1, Math.ceil((max - min + 1) / maxBars));
  const bins = new Map<number, number>();
  for (const [a, n] of hist) {
    const from = min + Math.floor((a - min) / width) * width;
    bins.set(from, (bins.get(from) ?? 0) + n);
  }
  return [...bins]
    .sort((x, y) => x[0] - y[0])
    .map(([from, n]) => ({ label: width === 1 ? String(from) : `${from}–${from + width - 1}`, from, candidates: n }));
}

/** How many requests each candidate sent: the shape of retry pressure. */
export const attemptsChart: ChartBuilder = (input) => {
  const id = 'attempts';
  const title = 'Requests sent per candidate';
  const runs = runsWith(input, (s) => (s.journeys?.attempts.histogram.length ? s.journeys.attempts : null));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no journeys (plain k6 output)' };
  const labels = runs.map((r) => r.label);
  // Bin both runs on the same edges, from the union of their attempt counts.
  const union = runs.flatMap((r) => r.data.histogram);
  const edges = attemptBins(union);
  const ranges = edges.some((e) => e.label.includes('–'));
  const binOf = (a: number) => [...edges].reverse().find((e) => e.from <= a)!;
  const values = runs.flatMap(({ label, data }) => {
    const total = data.histogram.reduce((t, [, n]) => t + n, 0);
    const per = new Map<string, number>();
    for (const [a, n] of data.histogram) per.set(binOf(a).label, (per.get(binOf(a).label) ?? 0) + n);
    return edges.map((e) => ({
      run: label,
      attempts: e.label,
      order: e.from,
      candidates: per.get(e.label) ?? 0,
      share: total ? (per.get(e.label) ?? 0) / total : 0,
    }));
  });
  const several = runs.length > 1;
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      several
        ? 'Share of candidates by the number of requests they sent'
        : 'Candidates by the number of requests they sent',
      'Histogram of the requests each candidate sent.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      // Range labels ("390–403") are wider than a bar: slanted, they stay legible.
      x: {
        field: 'attempts',
        type: 'ordinal',
        title: 'Requests sent by one candidate (every operation, retries included)',
        sort: { field: 'order' },
        axis: { labelAngle: ranges ? -45 : 0 },
      },
      // With a baseline, shares: runs of different sizes stay comparable.
      y: several
        ? { field: 'share', type: 'quantitative', title: 'Share of candidates', axis: { format: '.0%' } }
        : { field: 'candidates', type: 'quantitative', title: 'Candidates' },
      color: colourByRun(labels),
      ...(several ? { xOffset: { field: 'run', type: 'nominal' as const, sort: labels } } : {}),
    },
  };
  const a = runs[0]!.data;
  const total = a.histogram.reduce((t, [, n]) => t + n, 0);
  return {
    id,
    title,
    description: `The median candidate sent ${num(a.p50)} requests, one in ten sent ${num(a.p90)} or more, and the most persistent sent ${count(a.max)}.`,
    spec,
    table: {
      caption: 'Candidates by requests sent',
      columns: ['Requests sent', 'Candidates', 'Share'],
      rows: values
        .filter((v) => v.run === labels[0])
        .map((v) => [v.attempts, count(v.candidates), total ? pct(v.candidates / total) : '—']),
    },
  };
};
