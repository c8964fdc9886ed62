import type { TopLevelSpec } from 'vega-lite';
import type { Summary } from '../../analyze/summary.js';
import { type ChartBuilder, runsWith } from '../chart.js';
import { count, duration, pct, words } from '../format.js';
import { fixedScale, OUTCOME_COLOURS } from '../palette.js';
import { specHead } from './common.js';

type ByCountry = NonNullable<Summary['byCountry']>;

const MAX_COUNTRIES = 12;

/** The largest countries by candidates, the rest folded into "other" (ties by code, for stable output). */
export function topCountries(by: ByCountry, max = MAX_COUNTRIES): Array<[string, ByCountry[string]]> {
  const sorted = Object.entries(by).sort((a, b) => b[1].candidates - a[1].candidates || a[0].localeCompare(b[0]));
  if (sorted.length <= max) return sorted;
  const head = sorted.slice(0, max - 1);
  const other = { candidates: 0, outcomes: {} as Record<string, number>, latencyP95: null };
  for (const [, c] of sorted.slice(max - 1)) {
    other.candidates += c.candidates;
    for (const [o, n] of Object.entries(c.outcomes)) other.outcomes[o] = (other.outcomes[o] ?? 0) + (n ?? 0);
  }
  return [...head, [`other (${sorted.length - max + 1})`, other]];
}

/** Outcomes by country: each country's candidates split by how their journey ended, as shares. */
export const countriesChart: ChartBuilder = (input) => {
  const id = 'countries';
  const title = 'Outcomes by country';
  const runs = runsWith(input, (s) => (s.byCountry && Object.keys(s.byCountry).length ? s.byCountry : null));
  if (!runs.length || runs[0]!.label !== input.run.label)
    return { id, title, missing: 'the recording has no countries (no journeys, or candidates without a country)' };
  const tops = runs.map((r) => ({ label: r.label, rows: topCountries(r.data) }));
  const order = tops[0]!.rows.map(([c]) => c);
  const outcomes = fixedScale(
    OUTCOME_COLOURS,
    runs.flatMap((r) => Object.values(r.data).flatMap((c) => Object.keys(c.outcomes))),
  );
  const values = tops.flatMap(({ label, rows }) =>
    rows.flatMap(([country, c]) =>
      Object.entries(c.outcomes).map(([o, n]) => ({
        run: label,
        country,
        outcome: words(o),
        candidates: n ?? 0,
        share: c.candidates ? (n ?? 0) / c.candidates : 0,
        outcomeOrder: outcomes.domain.indexOf(o),
      })),
    ),
  );
  const several = runs.length > 1;
  const inner = {
    width: several ? 280 : 560,
    height: { step: 18 },
    mark: { type: 'bar' as const },
    encoding: {
      y: { field: 'country', type: 'nominal' as const, title: 'Country', sort: order },
      x: {
        field: 'share',
        type: 'quantitative' as const,
        stack: 'normalize' as const,
        title: 'Share of the country’s candidates',
        axis: { format: '.0%' },
      },
      color: {
        field: 'outcome',
        type: 'nominal' as const,
        title: 'Outcome',
        scale: { domain: outcomes.domain.map(words), range: outcomes.range },
      },
      order: { field: 'outcomeOrder', type: 'quantitative' as const },
      tooltip: [{ field: 'country' }, { field: 'outcome' }, { field: 'candidates', type: 'quantitative' as const }],
    },
  };
  const head = specHead(
    title,
    'How each country’s candidates’ journeys ended, largest countries first',
    'Stacked bars of journey outcomes per country, as shares of its candidates.',
  );
  const spec: TopLevelSpec = several
    ? {
        ...head,
        data: { values },
        facet: { column: { field: 'run', type: 'nominal', title: null, sort: runs.map((r) => r.label) } },
        spec: inner,
      }
    : { ...head, data: { values }, ...inner };

  const own = tops[0]!.rows;
  const cols = outcomes.domain;
  const s = input.run.summary;
  const overall = s.journeys?.shares.accepted;
  const best = own
    .filter(([, c]) => c.candidates >= 10)
    .map(([k, c]) => [k, (c.outcomes.accepted ?? 0) / c.candidates] as const)
    .sort((a, b) => b[1] - a[1]);
  return {
    id,
    title,
    description:
      `Each bar is one country’s candidates, split by outcome.` +
      (overall !== undefined && best.length >= 2
        ? ` Overall ${pct(overall)} were accepted; by country (10 candidates or more) from ${pct(best[best.length - 1]![1])} (${best[best.length - 1]![0]}) to ${pct(best[0]![1])} (${best[0]![0]}).`
        : ''),
    spec,
    table: {
      caption: 'Outcomes by country',
      columns: ['Country', 'Candidates', ...cols.map(words), 'Latency p95'],
      rows: own.map(([country, c]) => [
        country,
        count(c.candidates),
        ...cols.map((o) => count(c.outcomes[o as keyof typeof c.outcomes] ?? 0)),
        c.latencyP95 === null ? '—' : duration(c.latencyP95),
      ]),
    },
  };
};
