import { durationFlag } from '../util/duration.js';
import { UsageError } from '../util/usage-error.js';
import type { PlanPoint } from './input.js';

/** A latency objective: the p-th percentile of response time below a threshold. */
export interface LatencyObjective {
  text: string;
  percentile: 95;
  thresholdMs: number;
}

/**
 * Parses `p95<2s`, `p95 < 1500ms` or `p95<800` (ms). Only p95 is planned on, since that
 * is what sweeps record per level and what the CSV input may carry (`p95_ms`).
 * Throws a UsageError naming `--slo` and the expected form.
 */
export function parseObjective(text: string): LatencyObjective {
  const m = /^\s*p95\s*<\s*(.+)$/i.exec(text);
  if (!m) throw new UsageError(`--slo: expected a latency objective like p95<2s or p95<800ms, got "${text}"`);
  return { text: text.replace(/\s+/g, ''), percentile: 95, thresholdMs: durationFlag(m[1] as string, '--slo') };
}

/**
 * The largest concurrency whose p95 still meets the objective, from the measured levels:
 * levels sorted by concurrency; the last one that meets it, then linear interpolation
 * towards the first one above it that does not (p95 rises steeply past the knee, so
 * interpolating is conservative only between close levels: the sweep fills in around the
 * knee for that reason). null when no level met it or no level has a p95.
 * Cost O(n log n).
 */
export function largestConcurrencyMeeting(
  points: readonly PlanPoint[],
  objective: LatencyObjective,
): { n: number; interpolated: boolean } | null {
  const withP95 = points.filter((p) => p.p95Ms !== undefined).sort((a, b) => a.n - b.n);
  let lastOk: PlanPoint | undefined;
  for (const p of withP95) {
    if ((p.p95Ms as number) <= objective.thresholdMs) {
      lastOk = p;
      continue;
    }
    if (!lastOk) return null;
    // First failing level after a passing one: interpolate where p95 crosses the threshold.
    const [a, b] = [lastOk.p95Ms as number, p.p95Ms as number];
    const t = b > a ? (objective.thresholdMs - a) / (b - a) : 0;
    return { n: lastOk.n + t * (p.n - lastOk.n), interpolated: t > 0 };
  }
  return lastOk ? { n: lastOk.n, interpolated: false } : null;
}
