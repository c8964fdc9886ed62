import type { TopLevelSpec } from 'vega-lite';
import { type ChartBuilder, runsWith } from '../chart.js';
import { duration } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { axisFor, buckets, dashByRun, drawStep, specHead } from './common.js';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

/**
 * Latency percentiles over time, one panel per operation: p50, p95 and p99 of the
 * requests sent in each second. Long runs are drawn at a coarser step keeping each
 * interval's worst second, so a spike is never averaged away.
 */
export const latencyChart: ChartBuilder = (input) => {
  const id = 'latency';
  const title = 'Latency percentiles over time';
  const runs = runsWith(input, (s) => (s.timeline.latency.length ? s.timeline.latency : null));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no request latencies' };
  const ax = axisFor(input);
  const labels = runs.map((r) => r.label);
  const ops = [...new Set(runs.flatMap((r) => r.data.map(([, op]) => op)))];
  const all = runs.flatMap((r) => r.data.map(([s]) => s));
  const step = drawStep(all, 400);
  const worst = new Map<string, { run: string; t: number; op: string; p: string; ms: number }>();
  for (const { label, data } of runs) {
    for (const [s, op, ...ps] of data) {
      const start = Math.floor(s / step) * step;
      PERCENTILES.forEach((p, i) => {
        const key = `${label}\u0000${op}\u0000${p}\u0000${start}`;
        const ms = ps[i]!;
        const prev = worst.get(key);
        if (!prev || ms > prev.ms) worst.set(key, { run: label, t: start / (ax.div / 1000), op, p, ms });
      });
    }
  }
  const values = [...worst.values()];
  const columns = ops.length > 1 ? 2 : 1;
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      'Per operation, of the requests sent each second',
      'Latency p50, p95 and p99 over time, one panel per operation.',
    ),
    data: { values },
    facet: { field: 'op', type: 'nominal', title: 'Operation', sort: ops },
    columns,
    spec: {
      width: columns === 1 ? 640 : 300,
      height: 150,
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: ax.title, axis: ax.axis },
        y: { field: 'ms', type: 'quantitative', title: 'Latency (ms)' },
        color: {
          field: 'p',
          type: 'nominal',
          title: 'Percentile',
          scale: { domain: [...PERCENTILES], range: [OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.vermillion] },
        },
        ...dashByRun(labels),
      },
    },
    resolve: { scale: { y: 'independent' } },
  };

  // Table: this run, p95 per operation per interval (the worst second of the interval).
  const own = runs[0]!.data;
  const bs = buckets(
    own.map(([s]) => s),
    20,
  );
  const rows = bs.map((b) => [
    b.label,
    ...ops.map((op) => {
      const p95 = own.filter(([s, o]) => o === op && s >= b.start && s <= b.end).map((r) => r[3]);
      return p95.length ? duration(p95.reduce((a, b) => (b > a ? b : a))) : '—';
    }),
  ]);
  const k = bs.length ? bs[0]!.end - bs[0]!.start + 1 : 1;
  return {
    id,
    title,
    description:
      `For each of ${ops.length === 1 ? 'the operation' : `the ${ops.length} operations`}, the median (p50), p95 and p99 latency of the requests sent each second` +
      (input.run.summary.latency.fromIntendedSend ? ', measured from when each request was due' : '') +
      '. Each panel has its own scale.',
    spec,
    table: {
      caption: 'Latency p95 per operation (worst second of each interval)',
      columns: ['Interval since opening', ...ops],
      rows,
      ...(k > 1 ? { note: `Each row covers ${k} seconds.` } : {}),
    },
  };
};
