import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analyze/summary.js';
import { type ChartBuilder, runsWith } from '../chart.js';
import { count, words } from '../format.js';
import { CLASS_COLOURS, fixedScale } from '../palette.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../vl-config.js';
import { axisFor, buckets, drawStep, specHead } from './common.js';

type OverTime = NonNullable<Summary['classes']>['overTime'];

/**
 * Each class's mean per second over each `step` of the run's seconds, from its first to its
 * last (a second without a row counts as 0, so stacks do not tear). Summed bucket by
 * bucket, not over a dense grid of seconds: a simulated eoi-draw spans 18.5 million.
 */
function meansPerStep(over: OverTime, classes: string[], step: number): Array<[number, string, number]> {
  const first = over.reduce((m, [s]) => Math.min(m, s), Infinity);
  const last = over.reduce((m, [s]) => Math.max(m, s), -Infinity);
  const sums = new Map<number, Map<string, number>>();
  for (const [s, c, n] of over) {
    const k = Math.floor(s / step) * step;
    let m = sums.get(k);
    if (!m) sums.set(k, (m = new Map()));
    m.set(c, (m.get(c) ?? 0) + n);
  }
  const out: Array<[number, string, number]> = [];
  for (const c of classes)
    for (let k = Math.floor(first / step) * step; k <= last; k += step) {
      // The bucket's seconds within the run's span (the first and last may be partial).
      const seconds = Math.min(k + step - 1, last) - Math.max(k, first) + 1;
      out.push([k, c, (sums.get(k)?.get(c) ?? 0) / seconds]);
    }
  return out;
}

/** Response classes over time, stacked: how much of each second's traffic was ok, throttled, queued, quota_full, error. */
export const classesChart: ChartBuilder = (input) => {
  const id = 'classes';
  const title = 'Response classes over time';
  const runs = runsWith(input, (s) => (s.classes?.overTime.length ? s.classes.overTime : null));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no classified responses (plain k6 output)' };
  const ax = axisFor(input);
  const classes = fixedScale(
    CLASS_COLOURS,
    runs.flatMap((r) => r.data.map(([, c]) => c)),
  );
  const step = drawStep(runs.flatMap((r) => r.data.map(([s]) => s)));
  const values = runs.flatMap(({ label, data }) =>
    meansPerStep(data, classes.domain, step).map(([s, c, n]) => ({
      run: label,
      t: s / (ax.div / 1000),
      class: words(c),
      requests: n,
    })),
  );
  const layer = {
    mark: { type: 'area' as const, interpolate: 'step-after' as const },
    encoding: {
      x: { field: 't', type: 'quantitative' as const, title: ax.title, axis: ax.axis },
      y: { field: 'requests', type: 'quantitative' as const, stack: 'zero' as const, title: 'Responses per second' },
      color: {
        field: 'class',
        type: 'nominal' as const,
        title: 'Response class',
        scale: { domain: classes.domain.map(words), range: classes.range },
      },
      order: { field: 'classOrder', type: 'quantitative' as const },
    },
  };
  const order = { calculate: `indexof(${JSON.stringify(classes.domain.map(words))}, datum.class)`, as: 'classOrder' };
  const head = specHead(
    title,
    `Responses per second by class, stacked${step > 1 ? ` (means over ${step} s)` : ''}`,
    'Stacked areas of responses per second by class over time.',
  );
  const spec: TopLevelSpec =
    runs.length > 1
      ? {
          ...head,
          data: { values },
          transform: [order],
          facet: { row: { field: 'run', type: 'nominal', title: null, sort: runs.map((r) => r.label) } },
          spec: { width: CHART_WIDTH, height: 160, ...layer },
          resolve: { scale: { y: 'shared' } },
        }
      : { ...head, data: { values }, transform: [order], width: CHART_WIDTH, height: CHART_HEIGHT, ...layer };

  // The table's intervals: 30 at most from the run's first second to its last; each sums its rows.
  const own = runs[0]!.data;
  const bs = buckets(
    own.map(([s]) => s),
    30,
  );
  const rows = bs.map((b) => {
    const sums = classes.domain.map((c) => {
      let n = 0;
      for (const [s, cls, k] of own) if (cls === c && s >= b.start && s <= b.end) n += k;
      return count(n);
    });
    return [b.label, ...sums];
  });
  const k = bs.length ? bs[0]!.end - bs[0]!.start + 1 : 1;
  const total = input.run.summary.classes!.total;
  const top = Object.entries(total)
    .filter(([c]) => c !== 'ok')
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
  return {
    id,
    title,
    description:
      `Each second's responses stacked by class, ok at the bottom${top && (top[1] ?? 0) > 0 ? `; the largest other class is ${words(top[0])} (${count(top[1] ?? 0)} responses)` : ''}.` +
      (runs.length > 1 ? ' One panel per run, on the same scale.' : ''),
    spec,
    table: {
      caption: 'Responses by class',
      columns: ['Interval since opening', ...classes.domain.map(words)],
      rows,
      ...(k > 1 ? { note: `Each row sums ${k} seconds.` } : {}),
    },
  };
};
