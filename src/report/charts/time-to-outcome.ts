import type { TopLevelSpec } from 'vega-lite';
import { type ChartBuilder, runsWith } from '../chart.js';
import { duration, num, words } from '../format.js';
import { withRealDay } from '../real-day.js';
import { fixedScale, OUTCOME_COLOURS } from '../palette.js';
import { CHART_HEIGHT, CHART_WIDTH, timeAxis } from '../vl-config.js';
import { dashByRun, sharedTimeScale, specHead } from './common.js';

/** Time from arrival to outcome as a cumulative distribution, one line per outcome. */
export const timeToOutcomeChart: ChartBuilder = (input) => {
  const id = 'time-to-outcome';
  const title = 'Time to outcome';
  const runs = runsWith(input, (s) => (s.timeToOutcomeCdf?.length ? s.timeToOutcomeCdf : null));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no journeys (plain k6 output)' };
  const labels = runs.map((r) => r.label);
  const maxMs = Math.max(...runs.flatMap((r) => r.data.map(([, ms]) => ms)));
  const ax = timeAxis(maxMs, sharedTimeScale(input), 'Time from arrival to outcome');
  const div = ax.div;
  // Each line from (0, 0) to the right edge at its last share: an outcome only one or two
  // candidates had (one CDF point) is still a visible step, so every legend entry is drawn.
  const values = runs.flatMap(({ label, data }) => {
    const out: Array<{ run: string; outcome: string; t: number; share: number }> = [];
    const byOutcome = new Map<string, Array<[number, number]>>();
    for (const [o, ms, share] of data) {
      let pts = byOutcome.get(o);
      if (!pts) byOutcome.set(o, (pts = []));
      pts.push([ms, share]);
    }
    for (const [o, pts] of byOutcome) {
      const outcome = words(o);
      out.push({ run: label, outcome, t: 0, share: 0 });
      for (const [ms, share] of pts) out.push({ run: label, outcome, t: ms / div, share });
      const last = pts[pts.length - 1]!;
      if (last[0] < maxMs) out.push({ run: label, outcome, t: maxMs / div, share: last[1] });
    }
    return out;
  });
  const outcomes = fixedScale(
    OUTCOME_COLOURS,
    runs.flatMap((r) => r.data.map(([o]) => o)),
  );
  const spec: TopLevelSpec = {
    ...specHead(
      title,
      'Share of candidates with each outcome who had it within a given time of arriving',
      'Cumulative distribution of the time from arrival to outcome, one line per outcome.',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: ax.title, axis: ax.axis },
      y: {
        field: 'share',
        type: 'quantitative',
        title: 'Cumulative share',
        axis: { format: '.0%' },
        scale: { domain: [0, 1] },
      },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: 'Outcome',
        scale: { domain: outcomes.domain.map(words), range: outcomes.range },
      },
      ...dashByRun(labels),
    },
  };

  // Table: the median and p95 per outcome, from the summary's own statistics (exact),
  // with the CDF's share reached at the p50 as a cross-check of the line.
  const s = input.run.summary;
  const ts = s.source.timeScale ?? 1;
  const rows = outcomes.domain.map((o) => {
    const st = s.journeys?.timeToOutcome[o as keyof NonNullable<typeof s.journeys>['timeToOutcome']];
    const n = s.journeys?.outcomes[o as keyof NonNullable<typeof s.journeys>['outcomes']];
    const cells = [
      words(o),
      n ?? '—',
      st ? duration(st.p50) : '—',
      st ? duration(st.p90) : '—',
      st ? duration(st.p95) : '—',
      st ? duration(st.max) : '—',
    ];
    return ts === 1 ? cells : [...cells, st ? duration(st.p50 * ts) : '—', st ? duration(st.p95 * ts) : '—'];
  });
  const first = outcomes.domain[0];
  const firstStats = first ? s.journeys?.timeToOutcome[first as 'accepted'] : undefined;
  return {
    id,
    title,
    description:
      'Each line rises from 0 to 100 % as candidates reach that outcome; the further right, the longer they waited.' +
      (first && firstStats
        ? ` Half of the ${words(first)} candidates got there within ${withRealDay(firstStats.p50, s)}.`
        : ''),
    spec,
    table: {
      caption: 'Time from arrival to outcome',
      columns: [
        'Outcome',
        'Candidates',
        'p50',
        'p90',
        'p95',
        'max',
        ...(ts === 1 ? [] : ['p50 (real day)', 'p95 (real day)']),
      ],
      rows,
      ...(ts === 1
        ? {}
        : {
            note: `Real-day times are the rehearsal's × ${num(ts)} (it replayed the day ${num(ts)}× faster); service times were not compressed, so they are approximate.`,
          }),
    },
  };
};
