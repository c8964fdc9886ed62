import { cdfAt, curveDistribution, rateAt } from './curve.js';
import type { Scenario } from './types.js';

/**
 * The numbers `rehearse scenarios show` prints, computed from the normalized
 * scenario alone (no population is generated).
 *
 * Arrival rate: λ(t) = N · rate(t) / Λ(T), the curve scaled so it integrates to the
 * population N (arrivals per run-time second).
 *
 * Concurrency: visitors in the system at t are those who arrived in (t − W, t] and
 * have not left, so for a visit of length W, L(t) = N · (F(t) − F(t − W)) with F
 * the curve's CDF. Where the rate is steady over W this is Little's law,
 * L = λW (Little, "A proof for the queuing formula L = λW", Operations Research 9(3),
 * 1961). W is taken two ways:
 * - `visit`: the unimpeded time in the system: think times, polling intervals and a
 *   service time per request, with nobody turned away — the load the portal must
 *   carry when it keeps up;
 * - `patience`: the mean patience, the time a candidate stays when turned away
 *   until they give up — the most a rush can pile up.
 */
export interface ScenarioProfile {
  /** Arrivals per run-time second, `buckets` equal slices of the window. */
  rates: number[];
  bucketMs: number;
  peakRatePerSec: number;
  /** When the peak rate happens, run-time ms from the window's start. */
  peakAtMs: number;
  /** Unimpeded time in the system, run-time ms. */
  visitMs: number;
  /** Mean patience, run-time ms. */
  patienceMs: number;
  /** Expected requests per candidate with nobody turned away. */
  requestsPerVisit: number;
  peakConcurrency: number;
  peakConcurrencyAtMs: number;
  /** Concurrency if everyone stayed their whole patience. */
  peakConcurrencyPatience: number;
  /** Peak request rate with nobody turned away (concurrency × requests per visit ÷ W). */
  peakRequestsPerSec: number;
}

export function describeScenario(s: Scenario, buckets = 60): ScenarioProfile {
  const dist = curveDistribution(s.curve, s.windowMs);
  const N = s.population;
  const bucketMs = s.windowMs / buckets;
  const rates = Array.from({ length: buckets }, (_, i) => {
    const mass = cdfAt(dist, (i + 1) * bucketMs) - cdfAt(dist, i * bucketMs);
    return (N * mass) / (bucketMs / 1000);
  });
  // The peak of a piecewise-linear rate is at one of its points.
  let peakAtMs = 0;
  let peakRate = 0;
  for (const seg of dist.segments) {
    for (const t of [seg.t0, seg.t1]) {
      const r = rateAt(dist, t);
      if (r > peakRate) [peakRate, peakAtMs] = [r, t];
    }
  }
  const peakRatePerSec = ((N * peakRate) / dist.total) * 1000;
  const visit = visitTime(s);
  const patienceMs = meanPatienceRealMs(s) / s.knobs.timeScale;
  const conc = peakWindowCount(dist, N, visit.ms);
  // A turned-away candidate stays until patience runs out, but never less than a visit.
  const concPatience = peakWindowCount(dist, N, Math.max(visit.ms, patienceMs));
  return {
    rates,
    bucketMs,
    peakRatePerSec,
    peakAtMs,
    visitMs: visit.ms,
    patienceMs,
    requestsPerVisit: visit.requests,
    peakConcurrency: conc.count,
    peakConcurrencyAtMs: conc.atMs,
    peakConcurrencyPatience: concPatience.count,
    peakRequestsPerSec:
      visit.ms > 0 ? (conc.count * visit.requests) / (visit.ms / 1000) : peakRatePerSec * visit.requests,
  };
}

/**
 * Unimpeded visit: Σ (repeat − 1) · everyMs + (steps − 1) · E[think] in real time,
 * divided by the time scale, plus one service time per request (service is real
 * time in every run: capacity is what a rehearsal measures).
 */
export function visitTime(s: Scenario): { ms: number; requests: number } {
  const totalShare = s.personas.reduce((a, p) => a + p.share, 0);
  const thinkMs = s.personas.reduce((a, p) => a + (p.share / totalShare) * p.thinkSec * 1000, 0);
  let waitsMs = 0;
  let requests = 0;
  for (const step of s.journey.steps) {
    const repeat = step.repeat ?? 1;
    requests += repeat;
    waitsMs += (repeat - 1) * (step.everyMs ?? thinkMs);
  }
  waitsMs += (s.journey.steps.length - 1) * thinkMs;
  return { ms: waitsMs / s.knobs.timeScale + requests * s.portal.serviceMs, requests };
}

function meanPatienceRealMs(s: Scenario): number {
  const totalShare = s.personas.reduce((a, p) => a + p.share, 0);
  return s.personas.reduce(
    (a, p) => a + (p.share / totalShare) * ((p.patienceMin[0] + p.patienceMin[1]) / 2) * 60_000,
    0,
  );
}

/** max over t of N · (F(t) − F(t − W)), on a grid fine enough for the curve's points. */
function peakWindowCount(
  dist: ReturnType<typeof curveDistribution>,
  N: number,
  W: number,
): { count: number; atMs: number } {
  const T = dist.windowMs;
  const candidates = new Set<number>();
  const steps = 2_000;
  for (let i = 0; i <= steps; i++) candidates.add((T + W) * (i / steps));
  // F is piecewise quadratic between curve points; the maximum of F(t) − F(t − W) lies
  // at a point, a point + W, or where λ(t) = λ(t − W): the grid plus these catch it.
  for (const seg of dist.segments) for (const t of [seg.t0, seg.t1]) [t, t + W].forEach((x) => candidates.add(x));
  let best = { count: 0, atMs: 0 };
  for (const t of candidates) {
    const c = N * (cdfAt(dist, t) - cdfAt(dist, t - W));
    if (c > best.count) best = { count: c, atMs: t };
  }
  return best;
}
