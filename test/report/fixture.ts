import type { LatencyStats, Summary } from '../../src/analyze/summary.js';
import { draw, seedState } from '../../src/journey/rng.js';

/**
 * Hand-built summaries shaped like a scaled-down launch-day rehearsal: candidates
 * arrive over the first `arrivalS` seconds, the portal serves `capacity` ok responses a
 * second, the quota fills linearly between 2 s and `fillS`. Every number is derived from
 * the options by formula (no randomness except a seeded shuffle of acceptance order),
 * so tests can recompute what the report must say.
 */
export interface FixtureOptions {
  candidates?: number;
  quota?: number;
  durationS?: number;
  arrivalS?: number;
  capacity?: number;
  /** Second at which the last place is taken; null: the quota does not fill. */
  fillS?: number | null;
  /** Plain k6 output: no journeys, no classes, no quota, no fairness. */
  plainK6?: boolean;
  seed?: number;
  ops?: string[];
}

/** A closure over the journey's seeded generator, enough for a deterministic shuffle. */
function rng(seed: number): () => number {
  let state = seedState(seed);
  return () => {
    const [next, u] = draw(state);
    state = next;
    return u;
  };
}

export function stats(p50: number, count = 100): LatencyStats {
  return {
    count,
    min: p50 / 4,
    mean: p50 * 1.2,
    p50,
    p90: p50 * 1.8,
    p95: p50 * 2,
    p99: p50 * 3,
    p999: p50 * 4,
    max: p50 * 5,
  };
}

export function makeSummary(o: FixtureOptions = {}): Summary {
  const candidates = o.candidates ?? 400;
  const quotaSize = o.quota ?? 100;
  const D = o.durationS ?? 60;
  const arrivalS = o.arrivalS ?? 20;
  const capacity = o.capacity ?? 30;
  const fillS = o.fillS === undefined ? 30 : o.fillS;
  const ops = o.ops ?? ['createAccount', 'submitApplication'];
  const rand = rng(o.seed ?? 1);
  const plain = o.plainK6 ?? false;

  // Per second: arrivals, requests (a surge that decays), ok capped at capacity.
  const perSecond: Summary['timeline']['perSecond'] = [];
  const overTime: Array<[number, 'ok' | 'throttled' | 'quota_full', number]> = [];
  const totals = { ok: 0, throttled: 0, quota_full: 0 };
  let arrived = 0;
  let requests = 0;
  for (let t = 0; t < D; t++) {
    const arrivals = t < arrivalS ? Math.floor(candidates / arrivalS) + (t < candidates % arrivalS ? 1 : 0) : 0;
    arrived += arrivals;
    const req = Math.round(capacity * 3 * Math.exp(-t / (D / 3))) + 5;
    // After the fill, half of what the portal admits is told the quota is full.
    const admitted = Math.min(req, capacity);
    const full = fillS !== null && t >= fillS ? Math.round(admitted / 2) : 0;
    const ok = admitted - full;
    const thr = req - admitted;
    const inFlight = Math.max(0, arrived - Math.round((candidates * t) / D));
    perSecond.push([t, req, ok, plain ? null : arrivals, plain ? null : inFlight]);
    overTime.push([t, 'ok', ok], [t, 'throttled', thr]);
    if (full) overTime.push([t, 'quota_full', full]);
    totals.ok += ok;
    totals.throttled += thr;
    totals.quota_full += full;
    requests += req;
  }
  const latencyTl: Summary['timeline']['latency'] = [];
  for (let t = 0; t < D; t++)
    ops.forEach((op, i) => latencyTl.push([t, op, 20 + t + 10 * i, 2 * (20 + t + 10 * i), 3 * (20 + t + 10 * i)]));

  const accepted = fillS === null ? Math.floor(quotaSize / 2) : quotaSize;
  const lastMs = (fillS ?? D - 1) * 1000;
  const curve: Array<[number, number]> = [];
  for (let i = 1; i <= accepted; i++) curve.push([Math.round(2000 + ((lastMs - 2000) * i) / accepted), i]);

  // Acceptance order: arrival order with each candidate displaced by up to ±10 places.
  const keyed = Array.from({ length: accepted }, (_, i) => ({ arrival: i * 2 + 1, key: i + (rand() - 0.5) * 20 }));
  keyed.sort((a, b) => a.key - b.key);
  const ranks: Array<[number, number]> = keyed.map((k, i) => [k.arrival, i + 1]);

  const gaveUp = Math.round((candidates - accepted) * 0.3);
  const quotaFull = candidates - accepted - gaveUp;
  const cdf: Array<[string, number, number]> = [];
  for (const [outcome, scale] of [
    ['accepted', 8000],
    ['quota_full', 20000],
    ['gave_up', 40000],
  ] as const) {
    for (let k = 0; k <= 20; k++)
      cdf.push([outcome, Math.round(scale * (k / 20) * 1.5), Math.min(1, 1 - Math.exp(-1.5 * (k / 20) * 3))]);
  }

  const byOpLatency = Object.fromEntries(
    ops.map((op, i) => [op, stats(40 + 10 * i, Math.round(requests / ops.length))]),
  );
  const total = plain ? null : { ok: totals.ok, throttled: totals.throttled, quota_full: totals.quota_full };
  return {
    version: 1,
    source: {
      files: ['run/samples.ndjson'],
      lines: requests * 3,
      malformedLines: 0,
      truncatedLastLine: false,
      engine: plain ? undefined : 'node',
      scenario: plain ? undefined : 'launch-day',
      seed: plain ? undefined : (o.seed ?? 1),
      toolkitMetrics: !plain,
    },
    openingEpochMs: Date.UTC(2016, 0, 20, 13, 0, 0),
    durationMs: D * 1000,
    throughput: {
      requests,
      rps: requests / D,
      peakRps1s: perSecond[0]![1],
      peakRps10s: perSecond[0]![1] * 0.9,
      goodputRps: totals.ok / D,
      acceptedPerSec: plain ? null : accepted / D,
    },
    classes: total
      ? {
          total,
          rates: {
            ok: totals.ok / requests,
            throttled: totals.throttled / requests,
            quota_full: totals.quota_full / requests,
          },
          byOp: Object.fromEntries(ops.map((op) => [op, { ok: Math.round(totals.ok / ops.length) }])),
          timeouts: 0,
          overTime,
        }
      : null,
    http: {
      failedRate: (requests - totals.ok) / requests,
      statuses: { '200': totals.ok, '503': requests - totals.ok },
    },
    latency: { all: stats(45, requests), byOp: byOpLatency, fromIntendedSend: true },
    quota: plain
      ? null
      : { size: quotaSize, accepted, oversold: false, fillTimeMs: lastMs, filled: fillS !== null, curve },
    journeys: plain
      ? null
      : {
          candidates,
          outcomes: { accepted, quota_full: quotaFull, gave_up: gaveUp },
          shares: { accepted: accepted / candidates, quota_full: quotaFull / candidates, gave_up: gaveUp / candidates },
          timeToOutcome: {
            accepted: stats(4000, accepted),
            quota_full: stats(12000, quotaFull),
            gave_up: stats(30000, gaveUp),
          },
          attempts: {
            mean: 4.2,
            p50: 4,
            p90: 9,
            max: 12,
            histogram: Array.from(
              { length: 12 },
              (_, i) => [i + 1, Math.round((candidates * Math.exp(-i / 3)) / 3)] as [number, number],
            ),
          },
          retryAmplification: requests / candidates,
          abandonment: gaveUp / candidates,
        },
    fairness: plain ? null : { kendallTau: 0.87, inversions: 120, firstQAcceptedShare: 0.71, ranks },
    byCountry: plain
      ? null
      : {
          CA: { candidates: 200, outcomes: { accepted: 50, quota_full: 105, gave_up: 45 }, latencyP95: 90 },
          FR: { candidates: 100, outcomes: { accepted: 25, quota_full: 52, gave_up: 23 }, latencyP95: 95 },
          MA: { candidates: 60, outcomes: { accepted: 15, quota_full: 31, gave_up: 14 }, latencyP95: 88 },
          US: { candidates: 40, outcomes: { accepted: accepted - 90, quota_full: 22, gave_up: 8 }, latencyP95: null },
        },
    generator: { droppedIterations: 0, lateness: stats(2), warnings: [] },
    timeline: { perSecond, latency: latencyTl },
    timeToOutcomeCdf: plain ? null : cdf,
  };
}
