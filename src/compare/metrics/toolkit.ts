import type { LatencyStats, Summary } from '../../analyze/summary.js';
import { OUTCOMES, RESULT_CLASSES } from '../../journey/types.js';
import type { Better, Unit } from '../types.js';
import type { SeriesSpec } from '../windows/series-spec.js';

/**
 * The toolkit's own metrics, read from summary.json by dotted path. Each says its
 * unit, which way is better and — when the same number can be computed per time
 * window from the samples — the series that lets a single run be bootstrapped.
 */
export interface ToolkitMetric {
  path: string;
  label: string;
  unit: Unit;
  better: Better;
  /** Aggregations the path accepts (`journeys.gave_up rate` / `count`); none means a plain number. */
  aggs?: Array<'rate' | 'count'>;
  read(s: Summary, agg?: 'rate' | 'count'): number | null;
  /** Per-window form (only for agg `rate`, or for paths without aggs). */
  window?: { spec: SeriesSpec; p?: number };
}

const LATENCY_STATS = ['p50', 'p90', 'p95', 'p99', 'p999', 'mean', 'max'] as const;
const pOf = (stat: string): number | undefined => ({ p50: 50, p90: 90, p95: 95, p99: 99, p999: 99.9 })[stat];

function latency(
  path: string,
  label: string,
  get: (s: Summary) => LatencyStats | null | undefined,
  stat: (typeof LATENCY_STATS)[number],
  metric?: string,
): ToolkitMetric {
  const p = pOf(stat);
  return {
    path,
    label,
    unit: 'ms',
    better: 'lower',
    read: (s) => get(s)?.[stat] ?? null,
    ...(metric && p !== undefined ? { window: { spec: { type: 'trend', metric, tags: {} }, p } } : {}),
  };
}

function build(): ToolkitMetric[] {
  const list: ToolkitMetric[] = [
    {
      path: 'quota.fillTime',
      label: 'quota fill time',
      unit: 'ms',
      better: 'lower',
      read: (s) => s.quota?.fillTimeMs ?? null,
    },
    {
      path: 'quota.accepted',
      label: 'applications accepted',
      unit: 'number',
      better: 'higher',
      read: (s) => s.quota?.accepted ?? null,
    },
    {
      path: 'fairness.kendallTau',
      label: "Kendall's τ arrival vs acceptance",
      unit: 'number',
      better: 'higher',
      read: (s) => s.fairness?.kendallTau ?? null,
    },
    {
      path: 'fairness.firstQAcceptedShare',
      label: 'first Q arrivals accepted',
      unit: 'share',
      better: 'higher',
      read: (s) => s.fairness?.firstQAcceptedShare ?? null,
    },
    {
      path: 'fairness.inversions',
      label: 'acceptance order inversions',
      unit: 'number',
      better: 'lower',
      read: (s) => s.fairness?.inversions ?? null,
    },
    {
      path: 'journeys.abandonment',
      label: 'abandonment',
      unit: 'share',
      better: 'lower',
      read: (s) => s.journeys?.abandonment ?? null,
    },
    {
      path: 'journeys.retryAmplification',
      label: 'retry amplification',
      unit: 'number',
      better: 'lower',
      read: (s) => s.journeys?.retryAmplification ?? null,
    },
    {
      path: 'journeys.attempts',
      label: 'attempts per journey (mean)',
      unit: 'number',
      better: 'lower',
      read: (s) => s.journeys?.attempts.mean ?? null,
    },
    {
      path: 'throughput.rps',
      label: 'requests per second',
      unit: 'per-second',
      better: 'higher',
      read: (s) => s.throughput.rps,
    },
    {
      path: 'throughput.goodputRps',
      label: 'goodput (ok per second)',
      unit: 'per-second',
      better: 'higher',
      read: (s) => s.throughput.goodputRps,
    },
    {
      path: 'throughput.peakRps1s',
      label: 'peak requests per second',
      unit: 'per-second',
      better: 'higher',
      read: (s) => s.throughput.peakRps1s,
    },
    {
      path: 'throughput.acceptedPerSec',
      label: 'accepted per second',
      unit: 'per-second',
      better: 'higher',
      read: (s) => s.throughput.acceptedPerSec,
    },
    {
      path: 'http.failedRate',
      label: 'failed requests',
      unit: 'share',
      better: 'lower',
      read: (s) => s.http.failedRate,
      window: { spec: { type: 'share', metric: 'http_req_failed', tags: {}, hit: 'nonzero' } },
    },
    {
      path: 'generator.droppedIterations',
      label: 'dropped iterations',
      unit: 'number',
      better: 'lower',
      read: (s) => s.generator.droppedIterations,
    },
  ];
  for (const stat of LATENCY_STATS) {
    list.push(
      latency(`latency.${stat}`, `latency ${stat} (from intended send)`, (s) => s.latency.all, stat, 'rehearsal_req'),
    );
    list.push(
      latency(
        `generator.lateness.${stat}`,
        `start lateness ${stat}`,
        (s) => s.generator.lateness,
        stat,
        'rehearsal_lateness',
      ),
    );
  }
  for (const o of OUTCOMES) {
    const good = o === 'accepted' || o === 'completed';
    list.push({
      path: `journeys.${o}`,
      label: `journeys ${o.replace('_', ' ')}`,
      unit: 'share',
      better: good ? 'higher' : 'lower',
      aggs: ['rate', 'count'],
      read: (s, agg) =>
        agg === 'count'
          ? (s.journeys?.outcomes[o] ?? (s.journeys ? 0 : null))
          : (s.journeys?.shares[o] ?? (s.journeys ? 0 : null)),
      window: { spec: { type: 'share', metric: 'rehearsal_journey', tags: {}, hit: { tag: 'outcome', value: o } } },
    });
  }
  for (const c of RESULT_CLASSES) {
    list.push({
      path: `classes.${c}`,
      label: `requests ${c.replace('_', ' ')}`,
      unit: 'share',
      better: c === 'ok' ? 'higher' : 'lower',
      aggs: ['rate', 'count'],
      read: (s, agg) =>
        agg === 'count' ? (s.classes ? (s.classes.total[c] ?? 0) : null) : s.classes ? (s.classes.rates[c] ?? 0) : null,
      window: { spec: { type: 'share', metric: 'rehearsal_req', tags: {}, hit: { tag: 'class', value: c } } },
    });
  }
  return list;
}

export const TOOLKIT_METRICS: ReadonlyMap<string, ToolkitMetric> = new Map(build().map((m) => [m.path, m]));

/**
 * The registered metric for a path as written: exact, or with a camelCase outcome or
 * class (`journeys.gaveUp`, `classes.quotaFull`) for the snake_case one.
 */
export function findToolkitMetric(path: string): ToolkitMetric | undefined {
  const exact = TOOLKIT_METRICS.get(path);
  if (exact) return exact;
  const m = /^(journeys|classes)\.([A-Za-z]+)$/.exec(path);
  if (m) return TOOLKIT_METRICS.get(`${m[1]}.${(m[2] as string).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
  return undefined;
}
