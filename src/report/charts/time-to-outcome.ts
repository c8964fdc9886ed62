import type { TopLevelSpec } from 'vega-lite';
import { type ChartBuilder, runsWith } from '../chart.js';
import { duration, words } from '../format.js';
import { fixedScale, OUTCOME_COLOURS } from '../palette.js';
import { CHART_HEIGHT, CHART_WIDTH } from '../vl-config.js';
import { dashByRun, specHead } from './common.js';

/** Time from arrival to outcome as a cumulative distribution, one line per outcome. */
export const timeToOutcomeChart: ChartBuilder = (input) => {
  const id = 'time-to-outcome';
  const title = 'Time to outcome';
  const runs = runsWith(input, (s) => (s.timeToOutcomeCdf?.length ? s.timeToOutcomeCdf : null));
  if (!runs.length || runs[0]!.label !== input.run.label) return { id, title, missing: 'the recording has no journeys (plain k6 output)' };
  const labels = runs.map((r) => r.label);
  const maxMs = Math.max(...runs.flatMap((r) => r.data.map(([, ms]) => ms)));
  const div = maxMs > 600_000 ? 60_000 : 1000;
  const unit = div === 1000 ? 's' : 'min';
  const values = runs.flatMap(({ label, data }) => data.map(([outcome, ms, share]) => ({ run: label, outcome: words(outcome), t: ms / div, share })));
  const outcomes = fixedScale(OUTCOME_COLOURS, runs.flatMap((r) => r.data.map(([o]) => o)));
  const spec: TopLevelSpec = {
    ...specHead(title, 'Share of candidates with each outcome who had it within a given time of arriving', 'Cumulative distribution of the time from arrival to outcome, one line per outcome.'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: `Time from arrival to outcome (${unit})` },
      y: { field: 'share', type: 'quantitative', title: 'Cumulative share', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'outcome', type: 'nominal', title: 'Outcome', scale: { domain: outcomes.domain.map(words), range: outcomes.range } },
      ...dashByRun(labels),
    },
  };

  // Table: the median and p95 per outcome, from the summary's own statistics (exact),
  // with the CDF's share reached at the p50 as a cross-check of the line.
  const s = input.run.summary;
  const rows = outcomes.domain.map((o) => {
    const st = s.journeys?.timeToOutcome[o as keyof NonNullable<typeof s.journeys>['timeToOutcome']];
    const n = s.journeys?.outcomes[o as keyof NonNullable<typeof s.journeys>['outcomes']];
    return [words(o), n ?? '—', st ? duration(st.p50) : '—', st ? duration(st.p90) : '—', st ? duration(st.p95) : '—', st ? duration(st.max) : '—'];
  });
  const first = outcomes.domain[0];
  const firstStats = first ? s.journeys?.timeToOutcome[first as 'accepted'] : undefined;
  return {
    id,
    title,
    description: 'Each line rises from 0 to 100 % as candidates reach that outcome; the further right, the longer they waited.' +
      (first && firstStats ? ` Half of the ${words(first)} candidates got there within ${duration(firstStats.p50)}.` : ''),
    spec,
    table: { caption: 'Time from arrival to outcome', columns: ['Outcome', 'Candidates', 'p50', 'p90', 'p95', 'max'], rows },
  };
};
