import type { MetricSummary, Summary } from './summary.js';

/**
 * The k6 metrics, checks, groups and `--by` breakdown of a summary as rows of text, in
 * the words of k6's end-of-test summary ("avg=… min=… med=… max=… p(90)=… p(95)=…"),
 * shared by `rehearse analyze` (format.ts) and the report's tables.
 */
const fmt = (x: number) =>
  Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) >= 100 ? 1 : 3).replace(/\.?0+$/, '');
const share = (x: number) => `${(100 * x).toFixed(2).replace(/\.?0+$/, '')} %`;

/** One metric's figures as k6 prints them. */
export function metricFigures(m: MetricSummary): string {
  switch (m.type) {
    case 'counter':
      return `${fmt(m.count)} (${fmt(m.rate)}/s)`;
    case 'rate':
      return `${share(m.rate)} (${m.passes} of ${m.passes + m.fails})`;
    case 'gauge':
      return `${fmt(m.value)} (min ${fmt(m.min)}, max ${fmt(m.max)})`;
    case 'trend':
      return `avg=${fmt(m.avg)} min=${fmt(m.min)} med=${fmt(m.med)} max=${fmt(m.max)} p(90)=${fmt(m.p90)} p(95)=${fmt(m.p95)}`;
  }
}

/** [metric, type, figures] for every metric. */
export function metricRows(s: Summary): string[][] {
  return Object.entries(s.metrics ?? {}).map(([name, m]) => [name, m.type, metricFigures(m)]);
}

/** [check, group, passes, fails, share passed]. */
export function checkRows(s: Summary): string[][] {
  return (s.checks ?? []).map((c) => [c.name, c.group || '(root)', String(c.passes), String(c.fails), share(c.share)]);
}

/** [group, requests, checks passed, checks failed]. */
export function groupRows(s: Summary): string[][] {
  return (s.groups ?? []).map((g) => [g.path, String(g.requests), String(g.checks.passes), String(g.checks.fails)]);
}

/** [value, requests, failed, p50, p95, p99, max] in ms. */
export function byRows(s: Summary): string[][] {
  return (s.by?.rows ?? []).map((r) => [
    r.value,
    String(r.requests),
    share(r.failedRate),
    fmt(r.latency.p50),
    fmt(r.latency.p95),
    fmt(r.latency.p99),
    fmt(r.latency.max),
  ]);
}
