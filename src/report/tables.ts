import { byRows, checkRows, groupRows, metricRows } from '../analyze/k6-metric-rows.js';
import type { LatencyStats, Summary } from '../analyze/summary.js';
import type { DataTable, RunInput } from './chart.js';
import { count, duration, num, pct, words } from './format.js';
import { turnedAwayShare } from './narrative.js';
import { awardsPlaces, fillFrom } from './places.js';
import { withRealDay } from './real-day.js';

type Cell = string | number;
const dash = '—';

/** A figure per run (this run, then the baseline), or a dash where a run lacks it. */
function row(label: string, runs: RunInput[], pick: (s: Summary) => string | null): Cell[] {
  return [label, ...runs.map((r) => pick(r.summary) ?? dash)];
}

function header(first: string, runs: RunInput[]): string[] {
  return [first, ...runs.map((r) => r.label)];
}

/** The numbers that decide a launch, one row each, one column per run. */
export function keyFiguresTable(runs: RunInput[]): DataTable {
  // Without places to award (no quota, nobody accepted) these rows would be zeros and dashes.
  const places = runs.some((r) => awardsPlaces(r.summary));
  const rows: Cell[][] = [
    row('Duration', runs, (s) => withRealDay(s.durationMs, s)),
    row('Requests', runs, (s) => count(s.throughput.requests)),
    row('Requests per second (mean)', runs, (s) => num(s.throughput.rps)),
    row('Requests per second (busiest 1 s)', runs, (s) => num(s.throughput.peakRps1s)),
    row('Requests per second (busiest 10 s)', runs, (s) => num(s.throughput.peakRps10s)),
    row('Ok responses per second', runs, (s) => num(s.throughput.goodputRps)),
    row('Turned away (throttled or quota full)', runs, (s) => {
      const t = turnedAwayShare(s);
      return t === null ? null : pct(t);
    }),
    row('Failed requests (http_req_failed)', runs, (s) => pct(s.http.failedRate)),
    row('Timeouts', runs, (s) => (s.classes ? count(s.classes.timeouts) : null)),
    row('Latency p50', runs, (s) => (s.latency.all ? duration(s.latency.all.p50) : null)),
    row('Latency p95', runs, (s) => (s.latency.all ? duration(s.latency.all.p95) : null)),
    row('Latency p99', runs, (s) => (s.latency.all ? duration(s.latency.all.p99) : null)),
    ...(places ? quotaRows(runs) : []),
    row('Candidates', runs, (s) => (s.journeys ? count(s.journeys.candidates) : null)),
    row('Requests sent per candidate (median / p90 / max)', runs, (s) =>
      s.journeys
        ? `${num(s.journeys.attempts.p50)} / ${num(s.journeys.attempts.p90)} / ${num(s.journeys.attempts.max)}`
        : null,
    ),
    row('Requests per candidate (retry amplification)', runs, (s) =>
      s.journeys ? num(s.journeys.retryAmplification, 2) : null,
    ),
    row('Gave up', runs, (s) => (s.journeys ? pct(s.journeys.abandonment) : null)),
    ...(places ? fairnessRows(runs) : []),
    ...eoiRows(runs),
    row('Dropped iterations (generator)', runs, (s) => count(s.generator.droppedIterations)),
    row('Generator lateness p99', runs, (s) => (s.generator.lateness ? duration(s.generator.lateness.p99) : null)),
  ];
  return { caption: 'Key figures', columns: header('Figure', runs), rows };
}

function quotaRows(runs: RunInput[]): Cell[][] {
  return [
    row('Accepted applications', runs, (s) =>
      s.quota ? count(s.quota.accepted) + (s.quota.size !== null ? ` of ${count(s.quota.size)}` : '') : null,
    ),
    row("Accepted (the portal's own count)", runs, (s) =>
      typeof s.portal?.accepted === 'number' ? count(s.portal.accepted) : null,
    ),
    row('Quota fill time', runs, (s) =>
      s.quota
        ? s.quota.filled && s.quota.fillTimeMs !== null
          ? withRealDay(s.quota.fillTimeMs, s) + (fillFrom(s.quota) === 'opening' ? '' : ' (from the first acceptance)')
          : 'not filled'
        : null,
    ),
    row('Accepted per second', runs, (s) =>
      s.throughput.acceptedPerSec === null ? null : num(s.throughput.acceptedPerSec, 2),
    ),
  ];
}

function fairnessRows(runs: RunInput[]): Cell[][] {
  return [
    row("Kendall's τ (arrival vs acceptance order)", runs, (s) =>
      s.fairness?.kendallTau != null ? num(s.fairness.kendallTau, 3) : null,
    ),
    row('Places won by the first arrivals', runs, (s) =>
      s.fairness?.firstQAcceptedShare != null ? pct(s.fairness.firstQAcceptedShare) : null,
    ),
  ];
}

/** The operator's invitation round of an expression-of-interest pool (rows only when a run recorded one). */
function eoiRows(runs: RunInput[]): Cell[][] {
  if (!runs.some((r) => r.summary.fairness?.eoi)) return [];
  const eoi = (s: Summary) => s.fairness?.eoi ?? null;
  return [
    row('Invited in the round (of eligible)', runs, (s) => {
      const e = eoi(s);
      return e ? `${count(e.invited)} of ${count(e.eligible)}` : null;
    }),
    row('Invited exactly the top-ranked eligible', runs, (s) => {
      const e = eoi(s);
      return e ? (e.topRanked ? 'yes' : 'no') : null;
    }),
    row('Ineligible candidates invited', runs, (s) => {
      const e = eoi(s);
      return e ? count(e.invitedIneligible) : null;
    }),
    row('Eligible passed over for a lower score', runs, (s) => {
      const e = eoi(s);
      return e ? count(e.skippedHigherScores) : null;
    }),
    row('Lowest invited score / highest eligible uninvited', runs, (s) => {
      const e = eoi(s);
      return e ? `${e.lowestInvitedScore ?? dash} / ${e.highestUninvitedScore ?? dash}` : null;
    }),
  ];
}

/** Requests by response class, count and share, for this run. */
export function classesTable(s: Summary): DataTable | null {
  if (!s.classes) return null;
  const total = s.throughput.requests;
  const rows = Object.entries(s.classes.total)
    .filter(([, n]) => n !== undefined)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([c, n]): Cell[] => [words(c), count(n ?? 0), total ? pct((n ?? 0) / total) : dash]);
  return { caption: 'Requests by response class', columns: ['Class', 'Requests', 'Share'], rows };
}

function latencyCells(l: LatencyStats): Cell[] {
  return [count(l.count), duration(l.p50), duration(l.p90), duration(l.p95), duration(l.p99), duration(l.max)];
}

/** Latency per operation over the whole run. */
export function latencyByOpTable(s: Summary): DataTable | null {
  const ops = Object.entries(s.latency.byOp);
  if (!ops.length) return null;
  const rows = ops.map(([op, l]): Cell[] => [op, ...latencyCells(l)]);
  if (s.latency.all) rows.push(['all operations', ...latencyCells(s.latency.all)]);
  return {
    caption: 'Latency by operation',
    columns: ['Operation', 'Requests', 'p50', 'p90', 'p95', 'p99', 'max'],
    rows,
    note: s.latency.fromIntendedSend
      ? 'Measured from the intended send time (coordinated omission corrected).'
      : 'Measured from the actual send time.',
  };
}

/** How journeys ended, with the time to get there. */
export function outcomesTable(s: Summary): DataTable | null {
  const j = s.journeys;
  if (!j) return null;
  const rows = Object.entries(j.outcomes)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([o, n]): Cell[] => {
      const t = j.timeToOutcome[o as keyof typeof j.timeToOutcome];
      return [
        words(o),
        count(n ?? 0),
        pct(j.shares[o as keyof typeof j.shares] ?? 0),
        t ? duration(t.p50) : dash,
        t ? duration(t.p95) : dash,
      ];
    });
  return {
    caption: 'Journey outcomes',
    columns: ['Outcome', 'Candidates', 'Share', 'Time to outcome p50', 'p95'],
    rows,
  };
}

/** k6 checks per name, as k6's end-of-test summary lists them (plain k6 scripts). */
export function checksTable(s: Summary): DataTable | null {
  if (!s.checks?.length) return null;
  return { caption: 'Checks', columns: ['Check', 'Group', 'Passed', 'Failed', 'Share passed'], rows: checkRows(s) };
}

/** Every metric of the recording (custom ones too) with k6's figures for its type. */
export function metricsTable(s: Summary): DataTable | null {
  if (!s.metrics || Object.keys(s.metrics).length === 0) return null;
  return {
    caption: "Metrics, as k6's end-of-test summary gives them",
    columns: ['Metric', 'Type', 'Figures'],
    rows: metricRows(s),
    note: 'Counters: count (per second over the span of the samples); rates: share of non-zero samples; trends: exact, percentiles interpolated as k6 does; gauges: the last value.',
  };
}

/** k6 groups: requests and checks in each. */
export function groupsTable(s: Summary): DataTable | null {
  if (!s.groups?.length) return null;
  return { caption: 'Groups', columns: ['Group', 'Requests', 'Checks passed', 'Checks failed'], rows: groupRows(s) };
}

/** The `--by TAG` breakdown of requests and latency. */
export function byTable(s: Summary): DataTable | null {
  if (!s.by?.rows.length) return null;
  return {
    caption: `Requests by ${s.by.tag}`,
    columns: [s.by.tag, 'Requests', 'Failed', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'max (ms)'],
    rows: byRows(s),
  };
}
