import { byRows, checkRows, groupRows, metricRows } from './k6-metric-rows.js';
import { markdownTable } from '../util/markdown-table.js';
import type { LatencyStats, Summary } from './summary.js';

export type SummaryFormat = 'table' | 'json' | 'md';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['table', 'json', 'md'];

/**
 * A summary as text: `json` (summary.json itself), `table` (aligned plain text for a
 * terminal) or `md` (GitHub-flavoured Markdown). Returns a string; never prints.
 */
export function formatSummary(s: Summary, format: SummaryFormat): string {
  if (format === 'json') return JSON.stringify(s, null, 2) + '\n';
  const blocks = sections(s);
  return format === 'md' ? markdown(blocks) : table(blocks);
}

interface Block {
  title: string;
  head: string[];
  rows: string[][];
}

const n = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d);
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
// One rule for every duration: seconds from one second up, milliseconds below.
const ms = (x: number | null | undefined) =>
  x === null || x === undefined
    ? '–'
    : x >= 60_000
      ? `${(x / 60_000).toFixed(1)} min`
      : x >= 1000
        ? `${(x / 1000).toFixed(x >= 10_000 ? 1 : 2)} s`
        : `${x.toFixed(1)} ms`;

function latencyRow(name: string, l: LatencyStats): string[] {
  return [name, String(l.count), ms(l.p50), ms(l.p90), ms(l.p95), ms(l.p99), ms(l.p999), ms(l.max)];
}

function sections(s: Summary): Block[] {
  const out: Block[] = [];
  const t = s.throughput;
  out.push({
    title: 'Throughput',
    head: ['requests', 'duration', 'req/s', 'peak 1 s', 'peak 10 s', 'goodput/s', 'accepted/s'],
    rows: [
      [
        String(t.requests),
        ms(s.durationMs),
        n(t.rps),
        n(t.peakRps1s, 0),
        n(t.peakRps10s),
        n(t.goodputRps),
        n(t.acceptedPerSec, 2),
      ],
    ],
  });
  if (s.classes) {
    const classes = Object.keys(s.classes.total);
    out.push({
      title: `Responses by class (timeouts: ${s.classes.timeouts})`,
      head: ['operation', ...classes],
      rows: [
        ...Object.entries(s.classes.byOp).map(([op, c]) => [
          op,
          ...classes.map((k) => String(c[k as keyof typeof c] ?? 0)),
        ]),
        [
          'all',
          ...classes.map(
            (k) =>
              `${s.classes?.total[k as keyof typeof s.classes.total] ?? 0} (${pct(s.classes?.rates[k as keyof typeof s.classes.rates])})`,
          ),
        ],
      ],
    });
  }
  out.push({
    title: `HTTP (failed ${pct(s.http.failedRate)})`,
    head: ['status', 'count'],
    rows: Object.entries(s.http.statuses).map(([k, v]) => [k || '(none)', String(v)]),
  });
  const lat = s.latency;
  out.push({
    title: `Latency ${lat.fromIntendedSend ? 'from intended send time' : '(k6 http_req_duration)'}`,
    head: ['operation', 'count', 'p50', 'p90', 'p95', 'p99', 'p99.9', 'max'],
    rows: [
      ...Object.entries(lat.byOp).map(([k, l]) => latencyRow(k, l)),
      ...(lat.all ? [latencyRow('all', lat.all)] : []),
    ],
  });
  // A day without places (election night, the status tracker, the EOI pool) has no
  // quota, no acceptance order and no "accepted" column to show.
  const places = s.quota !== null && (s.quota.size !== null || s.quota.accepted > 0);
  if (s.quota && places) {
    const q = s.quota;
    out.push({
      title: 'Quota',
      head: ['size', 'accepted', 'filled', 'fill time', 'over-sold'],
      rows: [
        [
          q.size === null ? '–' : String(q.size),
          String(q.accepted),
          q.filled ? 'yes' : 'no',
          ms(q.fillTimeMs) + ((q.fillStartMs ?? 0) < 0 ? ' (from the first acceptance)' : ''),
          q.oversold ? 'YES' : 'no',
        ],
      ],
    });
  }
  if (s.journeys) {
    const j = s.journeys;
    out.push({
      title: `Journeys (${j.candidates} candidates; attempts mean ${n(j.attempts.mean, 2)}, p90 ${j.attempts.p90}, max ${j.attempts.max}; amplification ${n(j.retryAmplification, 2)}; abandonment ${pct(j.abandonment)})`,
      head: ['outcome', 'count', 'share', 'time p50', 'time p95', 'time max'],
      rows: Object.entries(j.outcomes).map(([o, c]) => {
        const tto = j.timeToOutcome[o as keyof typeof j.timeToOutcome];
        return [o, String(c), pct(j.shares[o as keyof typeof j.shares]), ms(tto?.p50), ms(tto?.p95), ms(tto?.max)];
      }),
    });
  }
  if (s.fairness && (places || s.fairness.eoi)) {
    const f = s.fairness;
    const rows = places
      ? [
          ["Kendall's tau-b (arrival vs acceptance)", n(f.kendallTau, 4)],
          ['inversions (pairs accepted out of order)', String(f.inversions)],
          [`share of the first ${f.firstQ ?? 'Q'} arrivals accepted`, pct(f.firstQAcceptedShare)],
        ]
      : [];
    if (f.eoi)
      rows.push([
        'EOI: invited = top-ranked eligible',
        `${f.eoi.topRanked ? 'yes' : 'NO'} (${f.eoi.invited} invited, ${f.eoi.skippedHigherScores} skipped, ${f.eoi.invitedIneligible} ineligible${f.eoi.lateForRound ? `, ${f.eoi.lateForRound} registered after the round` : ''})`,
      ]);
    out.push({ title: 'Fairness', head: ['measure', 'value'], rows });
  }
  if (s.byCountry) {
    out.push({
      title: 'By country',
      head: ['country', 'candidates', places ? 'accepted' : 'completed', 'latency p95'],
      rows: Object.entries(s.byCountry).map(([c, v]) => [
        c,
        String(v.candidates),
        String((places ? v.outcomes.accepted : v.outcomes.completed) ?? 0),
        ms(v.latencyP95),
      ]),
    });
  }
  if (s.checks)
    out.push({ title: 'Checks', head: ['check', 'group', 'passes', 'fails', 'passed'], rows: checkRows(s) });
  if (s.groups)
    out.push({ title: 'Groups', head: ['group', 'requests', 'checks passed', 'checks failed'], rows: groupRows(s) });
  if (s.by)
    out.push({
      title: `By ${s.by.tag} (http_req_duration, ms)`,
      head: [s.by.tag, 'requests', 'failed', 'p50', 'p95', 'p99', 'max'],
      rows: byRows(s),
    });
  for (const [metric, counts] of Object.entries(s.by?.counters ?? {})) {
    out.push({
      title: `${metric} by ${s.by!.tag}`,
      head: [s.by!.tag, 'count'],
      rows: Object.entries(counts).map(([v, c]) => [v, String(c)]),
    });
  }
  if (s.metrics)
    out.push({
      title: "Metrics (as k6's end-of-test summary)",
      head: ['metric', 'type', 'figures'],
      rows: metricRows(s),
    });
  const g = s.generator;
  out.push({
    title: 'Generator health',
    head: ['dropped iterations', 'start lateness p50', 'p99', 'max', 'warnings'],
    rows: [
      [
        String(g.droppedIterations),
        ms(g.lateness?.p50),
        ms(g.lateness?.p99),
        ms(g.lateness?.max),
        g.warnings.length === 0 ? 'none' : g.warnings.join('; '),
      ],
    ],
  });
  if (s.source.malformedLines > 0 || s.source.truncatedLastLine) {
    out.push({
      title: 'Input',
      head: ['lines', 'malformed', 'truncated last line', 'first malformed'],
      rows: [
        [
          String(s.source.lines),
          String(s.source.malformedLines),
          s.source.truncatedLastLine ? 'yes (skipped)' : 'no',
          (s.source.malformed ?? [])
            .slice(0, 5)
            .map((m) => `${m.file}:${m.line}`)
            .join(', '),
        ],
      ],
    });
  }
  return out;
}

function table(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    const all = [b.head, ...b.rows];
    const w = b.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) =>
      r
        .map((c, i) => (i === 0 ? c.padEnd(w[i] as number) : c.padStart(w[i] as number)))
        .join('  ')
        .trimEnd();
    parts.push(`${b.title}\n${line(b.head)}\n${b.rows.map(line).join('\n')}`);
  }
  return parts.join('\n\n') + '\n';
}

function markdown(blocks: Block[]): string {
  return (
    blocks
      .map((b) => `### ${b.title}\n\n${markdownTable(b.head, b.rows, (i) => (i === 0 ? 'left' : 'right'))}`)
      .join('\n\n') + '\n'
  );
}
